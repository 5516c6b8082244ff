// Which network addresses the bot may fetch from. By default only public unicast addresses: no
// loopback, private, link-local (cloud metadata lives there), carrier-grade NAT, multicast or
// reserved ranges, in IPv4 or IPv6 (IPv4-mapped and NAT64 forms are unwrapped first). An allow
// list of host names and ranges opens chosen intranet hosts (and 127.0.0.1 for tests).
import { isIP } from 'node:net';

/** Why an address is refused, in words for the reply; null when it is a public address. */
export function blockedRange(address: string): string | null {
  const ip = normaliseIp(address);
  if (!ip) return 'not an IP address';
  if (ip.v4) return blockedV4(ip.v4);
  return blockedV6(ip.v6!);
}

interface Ip {
  v4?: number[];
  v6?: number[];
}

/** Parses an address to bytes (IPv4) or 16-bit groups (IPv6); IPv4 inside IPv6 is unwrapped. */
export function normaliseIp(address: string): Ip | null {
  const a = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const kind = isIP(a);
  if (kind === 4) return { v4: a.split('.').map(Number) };
  if (kind !== 6) return null;
  const groups = parseV6(a);
  if (!groups) return null;
  const zeros = (n: number) => groups.slice(0, n).every((g) => g === 0);
  // ::ffff:a.b.c.d (mapped) and ::a.b.c.d (compatible, deprecated) reach the IPv4 address.
  if ((zeros(5) && groups[5] === 0xffff) || (zeros(6) && (groups[6] !== 0 || groups[7]! > 1))) return { v4: v4Of(groups[6]!, groups[7]!) };
  // 64:ff9b::/96, the well-known NAT64 prefix, reaches the IPv4 address too.
  if (groups[0] === 0x64 && groups[1] === 0xff9b && groups.slice(2, 6).every((g) => g === 0)) return { v4: v4Of(groups[6]!, groups[7]!) };
  return { v6: groups };
}

function v4Of(hi: number, lo: number): number[] {
  return [hi >> 8, hi & 255, lo >> 8, lo & 255];
}

function parseV6(a: string): number[] | null {
  let s = a.toLowerCase();
  // A trailing dotted quad becomes two groups.
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (dotted) {
    const b = dotted[1]!.split('.').map(Number);
    s = s.slice(0, dotted.index) + `${((b[0]! << 8) | b[1]!).toString(16)}:${((b[2]! << 8) | b[3]!).toString(16)}`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const part = (h: string) => (h ? h.split(':').map((g) => parseInt(g, 16)) : []);
  const head = part(halves[0]!);
  const tail = halves.length === 2 ? part(halves[1]!) : [];
  const fill = 8 - head.length - tail.length;
  if (fill < 0 || (halves.length === 1 && fill !== 0)) return null;
  const groups = [...head, ...Array<number>(halves.length === 2 ? fill : 0).fill(0), ...tail];
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null;
}

const V4_BLOCKED: [number[], number, string][] = [
  [[0, 0, 0, 0], 8, 'an unspecified ("this network") address'],
  [[10, 0, 0, 0], 8, 'a private address'],
  [[100, 64, 0, 0], 10, 'a carrier-grade NAT address'],
  [[127, 0, 0, 0], 8, 'a loopback address'],
  [[169, 254, 0, 0], 16, 'a link-local address (cloud metadata lives here)'],
  [[172, 16, 0, 0], 12, 'a private address'],
  [[192, 0, 0, 0], 24, 'a reserved protocol address'],
  [[192, 0, 2, 0], 24, 'a documentation address'],
  [[192, 88, 99, 0], 24, 'a reserved relay address'],
  [[192, 168, 0, 0], 16, 'a private address'],
  [[198, 18, 0, 0], 15, 'a benchmarking address'],
  [[198, 51, 100, 0], 24, 'a documentation address'],
  [[203, 0, 113, 0], 24, 'a documentation address'],
  [[224, 0, 0, 0], 4, 'a multicast address'],
  [[240, 0, 0, 0], 4, 'a reserved address'],
];

function v4Number(b: number[]): number {
  return ((b[0]! << 24) >>> 0) + (b[1]! << 16) + (b[2]! << 8) + b[3]!;
}

function inV4(ip: number[], base: number[], bits: number): boolean {
  if (bits === 0) return true;
  const mask = bits === 32 ? 0xffffffff : (~0 << (32 - bits)) >>> 0;
  return ((v4Number(ip) & mask) >>> 0) === ((v4Number(base) & mask) >>> 0);
}

function blockedV4(ip: number[]): string | null {
  for (const [base, bits, why] of V4_BLOCKED) if (inV4(ip, base, bits)) return why;
  return null;
}

function blockedV6(g: number[]): string | null {
  if (g.every((x) => x === 0)) return 'an unspecified address';
  if (g.slice(0, 7).every((x) => x === 0) && g[7] === 1) return 'a loopback address';
  const first = g[0]!;
  if ((first & 0xfe00) === 0xfc00) return 'a private (unique local) address';
  if ((first & 0xffc0) === 0xfe80) return 'a link-local address';
  if ((first & 0xffc0) === 0xfec0) return 'a site-local address';
  if ((first & 0xff00) === 0xff00) return 'a multicast address';
  if (first === 0x2001 && g[1] === 0x0db8) return 'a documentation address';
  if (first === 0x0100 && g.slice(1, 4).every((x) => x === 0)) return 'a discard-only address';
  // 6to4 (2002::/16) embeds an IPv4 address that would be reached through a relay.
  if (first === 0x2002) return blockedV4(v4Of(g[1]!, g[2]!));
  // Anything outside global unicast (2000::/3) is not a public address.
  if ((first & 0xe000) !== 0x2000) return 'a reserved address';
  return null;
}

// --- the allow list ---------------------------------------------------------------------------

interface Range {
  v4?: { base: number[]; bits: number };
  v6?: { base: number[]; bits: number };
}

/**
 * Hosts and ranges the operator opened: `intranet.example.com`, `*.corp.example`, `10.2.0.0/16`,
 * `127.0.0.1`, `fd00::/8`. A host entry opens that name whatever it resolves to; a range opens
 * the addresses in it whatever name led there. Either also opens any port on it.
 */
export class AllowList {
  private readonly hosts = new Set<string>();
  private readonly suffixes: string[] = [];
  private readonly ranges: Range[] = [];

  /** Throws an Error naming the first entry that is neither a host name nor an address range. */
  constructor(entries: readonly string[]) {
    for (const raw of entries) {
      const e = raw.trim().toLowerCase();
      if (!e) continue;
      const [addr, bitsText] = e.split('/');
      const ip = normaliseIp(addr!);
      if (ip) {
        const max = ip.v4 ? 32 : 128;
        const bits = bitsText === undefined ? max : Number(bitsText);
        if (!Number.isInteger(bits) || bits < 0 || bits > max) throw new Error(`'${raw}' has a bad prefix length (0 to ${max})`);
        this.ranges.push(ip.v4 ? { v4: { base: ip.v4, bits } } : { v6: { base: ip.v6!, bits } });
      } else if (/^\*\.[a-z0-9.-]+$/.test(e)) {
        this.suffixes.push(e.slice(1));
      } else if (/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(e)) {
        this.hosts.add(e);
      } else {
        throw new Error(`'${raw}' is neither a host name (intranet.example.com, *.corp.example) nor an address or range (10.2.0.0/16)`);
      }
    }
  }

  get empty(): boolean {
    return this.hosts.size === 0 && this.suffixes.length === 0 && this.ranges.length === 0;
  }

  /** Whether the host name itself (not an IP literal) was opened. */
  allowsHost(hostname: string): boolean {
    const h = hostname.toLowerCase().replace(/\.$/, '');
    if (this.hosts.has(h)) return true;
    return this.suffixes.some((s) => h.endsWith(s));
  }

  allowsAddress(address: string): boolean {
    const ip = normaliseIp(address);
    if (!ip) return false;
    return this.ranges.some((r) => {
      if (ip.v4 && r.v4) return inV4(ip.v4, r.v4.base, r.v4.bits);
      if (ip.v6 && r.v6) return inV6(ip.v6, r.v6.base, r.v6.bits);
      return false;
    });
  }
}

function inV6(ip: number[], base: number[], bits: number): boolean {
  for (let i = 0; i < 8 && bits > 0; i++, bits -= 16) {
    const take = Math.min(16, bits);
    const mask = (0xffff << (16 - take)) & 0xffff;
    if ((ip[i]! & mask) !== (base[i]! & mask)) return false;
  }
  return true;
}
