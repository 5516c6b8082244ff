// Fetching a URL that anybody in a channel typed, safely (undici underneath):
// - only http and https, on ports 80 and 443 unless the host is on the allow list;
// - the address is checked where the socket is made: every address a name resolves to must be
//   public (or allowed), and the socket's remote address is checked again once connected, so DNS
//   rebinding cannot swap in a private address between a check and the connect;
// - at most 5 redirects, each URL checked the same way before it is requested;
// - the body read as a stream and cut off at the size cap (after decompression);
// - a connect timeout and a total timeout (a server trickling bytes is cut off too);
// - requests to one host spaced by the per-host rate, and one User-Agent naming the bot.
// Every failure is a Refusal with a reason and a sentence; nothing here throws for a bad URL or page.
import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP, type LookupFunction } from 'node:net';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Readable } from 'node:stream';
import { Agent, buildConnector, request } from 'undici';
import { AllowList, blockedRange } from './address.ts';
import { charsetOf, mediaTypeOf } from './charset.ts';
import { HostGate, Slots } from './limits.ts';

export type RefusalReason =
  | 'invalid-url'
  | 'unsupported-scheme'
  | 'blocked-port'
  | 'blocked-address'
  | 'too-many-redirects'
  | 'too-large'
  | 'timeout'
  | 'http-error'
  | 'network';

export interface Refusal {
  ok: false;
  reason: RefusalReason;
  /** One sentence for the user, naming the URL's host or the status where that helps. */
  message: string;
  url: string;
  status?: number;
  /** From a 429 or 503's Retry-After, ms. */
  retryAfterMs?: number;
}

export interface Fetched {
  ok: true;
  /** The URL finally answered (after redirects). */
  url: string;
  status: number;
  /** A 304 to a conditional request: `body` is empty. */
  notModified: boolean;
  mediaType: string;
  /** The header's charset parameter, if any (decoding also looks inside the body). */
  charset: string | null;
  body: Buffer;
  etag: string | null;
  lastModified: string | null;
  redirects: string[];
}

export type FetchResult = Fetched | Refusal;

export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Name resolution; tests pass their own to make names resolve where they want. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export interface FetchPolicy {
  /** Hosts and ranges opened despite the default block (intranets; 127.0.0.1 in tests). */
  allow: readonly string[];
  /** Ports allowed for hosts not on the allow list. */
  ports: readonly number[];
  maxBytes: number;
  connectTimeoutMs: number;
  timeoutMs: number;
  maxRedirects: number;
  perHostPerSecond: number;
  /** Fetches in flight at once, over all hosts. */
  concurrency: number;
  userAgent: string;
  resolve?: Resolver;
}

export const DEFAULT_POLICY: FetchPolicy = {
  allow: [],
  ports: [80, 443],
  maxBytes: 5_000_000,
  connectTimeoutMs: 5_000,
  timeoutMs: 20_000,
  maxRedirects: 5,
  perHostPerSecond: 1,
  concurrency: 8,
  userAgent: 'BriefingBot/0.1 (news briefing bot for Slack and Discord; fetches pages its users add)',
};

export interface FetchOptions {
  /** Sent as Accept. */
  accept?: string;
  /** Conditional GET: the validators of the copy held. */
  etag?: string | null;
  lastModified?: string | null;
  signal?: AbortSignal;
}

class BlockedAddress extends Error {
  readonly code = 'E_BLOCKED_ADDRESS';
  constructor(readonly host: string, readonly address: string, readonly why: string) {
    super(`${host} resolves to ${address}, ${why}`);
  }
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** A Retry-After longer than this is taken as this (a feed is still backed off by its own rules). */
const MAX_RETRY_AFTER_MS = 6 * 3600_000;

export class SafeFetcher {
  readonly policy: FetchPolicy;
  private readonly allow: AllowList;
  private readonly agent: Agent;
  private readonly gate: HostGate;
  private readonly slots: Slots;

  constructor(policy: Partial<FetchPolicy> = {}) {
    this.policy = { ...DEFAULT_POLICY, ...policy };
    this.allow = new AllowList(this.policy.allow);
    this.gate = new HostGate(this.policy.perHostPerSecond);
    this.slots = new Slots(this.policy.concurrency);
    const resolve = this.policy.resolve ?? defaultResolve;
    const lookup = this.guardedLookup(resolve);
    const base = buildConnector({ timeout: this.policy.connectTimeoutMs, lookup });
    this.agent = new Agent({
      connections: 4,
      keepAliveTimeout: 4_000,
      connect: (opts, cb) => {
        base(opts, (err, socket) => {
          if (err) return cb(err, null);
          // The address really connected to: the last word, whatever resolution said.
          const remote = socket!.remoteAddress ?? '';
          const why = this.blockedWhy(opts.hostname, remote);
          if (why) {
            socket!.destroy();
            return cb(new BlockedAddress(opts.hostname, remote, why), null);
          }
          cb(null, socket!);
        });
      },
    });
  }

  /** Why a connection to `address` for `hostname` is refused, or null when it may go ahead. */
  private blockedWhy(hostname: string, address: string): string | null {
    if (this.allow.allowsHost(hostname.replace(/^\[|\]$/g, '')) || this.allow.allowsAddress(address)) return null;
    return blockedRange(address);
  }

  private guardedLookup(resolve: Resolver): LookupFunction {
    return ((hostname: string, options: { all?: boolean }, cb: (...args: unknown[]) => void) => {
      resolve(hostname).then(
        (addresses) => {
          if (!addresses.length) return cb(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }));
          // Every address is checked: a name that resolves to one public and one private address is refused.
          for (const a of addresses) {
            const why = this.blockedWhy(hostname, a.address);
            if (why) return cb(new BlockedAddress(hostname, a.address, why));
          }
          if (options?.all) cb(null, addresses);
          else cb(null, addresses[0]!.address, addresses[0]!.family);
        },
        (err: unknown) => cb(err),
      );
    }) as unknown as LookupFunction;
  }

  /** Checks a URL before any request: scheme, port and (for an IP literal) the address. */
  check(text: string): { url: URL } | Refusal {
    const trimmed = text.trim().replace(/^<(.*)>$/, '$1');
    let url: URL;
    try {
      url = new URL(trimmed);
    } catch {
      return refuse('invalid-url', trimmed, `'${clip(trimmed)}' is not a URL (it should start with https://)`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      return refuse('unsupported-scheme', trimmed, `only http and https links are fetched, not ${url.protocol.replace(/:$/, '')}:`);
    }
    if (url.username || url.password) return refuse('invalid-url', redacted(url), 'links with a user name or password in them are not fetched');
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (!host) return refuse('invalid-url', trimmed, `'${clip(trimmed)}' has no host`);
    const literal = isIP(host) !== 0;
    if (literal) {
      const why = this.blockedWhy(host, host);
      if (why) return refuse('blocked-address', url.href, `${url.host} is ${why}, which the bot does not fetch from`);
    }
    const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
    const opened = this.allow.allowsHost(host) || (literal && this.allow.allowsAddress(host));
    if (!opened && !this.policy.ports.includes(port)) {
      return refuse('blocked-port', url.href, `port ${port} is not fetched (only ${this.policy.ports.join(' and ')}, unless the host is on the allow list)`);
    }
    url.hash = '';
    return { url };
  }

  /** GETs `text` following up to `maxRedirects` checked redirects. */
  async fetch(text: string, opts: FetchOptions = {}): Promise<FetchResult> {
    const first = this.check(text);
    if ('ok' in first) return first;
    return this.slots.run(() => this.follow(first.url, opts));
  }

  private async follow(start: URL, opts: FetchOptions): Promise<FetchResult> {
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(new Error('timeout')), this.policy.timeoutMs);
    const signal = opts.signal ? AbortSignal.any([opts.signal, deadline.signal]) : deadline.signal;
    const redirects: string[] = [];
    let url = start;
    try {
      for (;;) {
        // A host that asked for longer than a fetch may take (Retry-After) is not waited for: the
        // fetch is refused at once, saying until when, and a feed is polled again after that.
        const held = this.gate.deferredFor(url.host);
        if (held > this.policy.timeoutMs) {
          return { ...refuse('http-error', url.href, `${url.host} asked not to be fetched for another ${secs(held)} (Retry-After)`, 429), retryAfterMs: held };
        }
        await this.gate.wait(url.host, opts.signal);
        const headers: Record<string, string> = {
          'user-agent': this.policy.userAgent,
          accept: opts.accept ?? 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5',
          'accept-encoding': 'gzip, deflate, br',
        };
        // Validators only for the URL they belong to, not for where it redirects.
        if (redirects.length === 0) {
          if (opts.etag) headers['if-none-match'] = opts.etag;
          if (opts.lastModified) headers['if-modified-since'] = opts.lastModified;
        }
        const send = () => request(url, { method: 'GET', dispatcher: this.agent, headers, signal, headersTimeout: this.policy.timeoutMs, bodyTimeout: this.policy.timeoutMs });
        // A kept-alive connection the server closed just as it was reused fails before any answer;
        // a GET is safe to send once more, on a fresh connection (spaced like any other request).
        const res = await send().catch(async (err: { code?: string }) => {
          if ((err.code === 'UND_ERR_SOCKET' || err.code === 'ECONNRESET') && !signal.aborted) return this.gate.wait(url.host, opts.signal).then(send);
          throw err;
        });
        const header = (name: string) => {
          const v = res.headers[name];
          return Array.isArray(v) ? v[0] ?? null : v ?? null;
        };
        const status = res.statusCode;
        if (REDIRECTS.has(status)) {
          await res.body.dump().catch(() => {});
          const location = header('location');
          if (!location) return refuse('http-error', url.href, `${url.host} answered ${status} (a redirect) without saying where to`, status);
          if (redirects.length >= this.policy.maxRedirects) {
            return refuse('too-many-redirects', start.href, `the link redirects more than ${this.policy.maxRedirects} times`);
          }
          const next = this.check(new URL(location, url).href);
          if ('ok' in next) return { ...next, message: `it redirects to ${next.url}: ${next.message}` };
          redirects.push(next.url.href);
          url = next.url;
          continue;
        }
        const etag = header('etag');
        const lastModified = header('last-modified');
        if (status === 304) {
          await res.body.dump().catch(() => {});
          return { ok: true, url: url.href, status, notModified: true, mediaType: '', charset: null, body: Buffer.alloc(0), etag: etag ?? opts.etag ?? null, lastModified: lastModified ?? opts.lastModified ?? null, redirects };
        }
        if (status < 200 || status >= 300) {
          await res.body.dump().catch(() => {});
          const retryAfterMs = status === 429 || status === 503 ? parseRetryAfter(header('retry-after')) : undefined;
          // The whole host is asked to wait, not only this URL: every feed and page on it waits too.
          if (retryAfterMs !== undefined && retryAfterMs > 0) this.gate.defer(url.host, Math.min(retryAfterMs, MAX_RETRY_AFTER_MS));
          return { ...refuse('http-error', url.href, `${url.host} answered ${status}${STATUS_WORDS[status] ? ` ${STATUS_WORDS[status]}` : ''}`, status), ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
        }
        const length = Number(header('content-length') ?? NaN);
        if (Number.isFinite(length) && length > this.policy.maxBytes) {
          res.body.destroy();
          return refuse('too-large', url.href, `the page is ${mb(length)}, over the ${mb(this.policy.maxBytes)} limit`);
        }
        const body = await readCapped(decoded(res.body, header('content-encoding')), this.policy.maxBytes);
        if (body === null) {
          res.body.destroy();
          return refuse('too-large', url.href, `the page is over the ${mb(this.policy.maxBytes)} limit`);
        }
        const contentType = header('content-type');
        return { ok: true, url: url.href, status, notModified: false, mediaType: mediaTypeOf(contentType), charset: charsetOf(contentType), body, etag, lastModified, redirects };
      }
    } catch (err) {
      return this.failure(err, url, deadline.signal.aborted, opts.signal?.aborted ?? false);
    } finally {
      clearTimeout(timer);
    }
  }

  private failure(err: unknown, url: URL, timedOut: boolean, cancelled: boolean): Refusal {
    const e = err as { code?: string; message?: string; cause?: unknown };
    const blocked = findBlocked(err);
    if (blocked) return refuse('blocked-address', url.href, `${blocked.host} resolves to ${blocked.address}, ${blocked.why}, which the bot does not fetch from`);
    if (timedOut || e.code === 'UND_ERR_CONNECT_TIMEOUT' || e.code === 'UND_ERR_HEADERS_TIMEOUT' || e.code === 'UND_ERR_BODY_TIMEOUT') {
      const what = e.code === 'UND_ERR_CONNECT_TIMEOUT' ? `could not connect within ${secs(this.policy.connectTimeoutMs)}` : `did not finish sending the page within ${secs(this.policy.timeoutMs)}`;
      return refuse('timeout', url.href, `${url.host} ${what}`);
    }
    if (cancelled) return refuse('network', url.href, 'the fetch was cancelled');
    const code = e.code ?? (e.cause as { code?: string } | undefined)?.code;
    const words: Record<string, string> = {
      ENOTFOUND: 'there is no such host',
      EAI_AGAIN: 'its name could not be resolved just now',
      ECONNREFUSED: 'it refused the connection',
      ECONNRESET: 'it dropped the connection',
      UND_ERR_SOCKET: 'it dropped the connection',
      CERT_HAS_EXPIRED: 'its TLS certificate has expired',
      DEPTH_ZERO_SELF_SIGNED_CERT: 'its TLS certificate is self-signed',
      ERR_TLS_CERT_ALTNAME_INVALID: 'its TLS certificate is for another name',
    };
    const why = (code && words[code]) ?? (e.message || String(err));
    return refuse('network', url.href, `${url.host} could not be fetched: ${why}`);
  }

  async close(): Promise<void> {
    await this.agent.close().catch(() => {});
  }
}

function findBlocked(err: unknown): BlockedAddress | null {
  for (let e = err as { cause?: unknown } | undefined, i = 0; e && i < 5; e = e.cause as { cause?: unknown } | undefined, i++) {
    if (e instanceof BlockedAddress) return e;
  }
  return null;
}

async function defaultResolve(hostname: string): Promise<ResolvedAddress[]> {
  return dnsLookup(hostname, { all: true, verbatim: true });
}

function decoded(body: Readable, encoding: string | null): AsyncIterable<Buffer> {
  const enc = (encoding ?? '').trim().toLowerCase();
  if (enc === 'gzip' || enc === 'x-gzip') return body.pipe(createGunzip());
  if (enc === 'deflate') return body.pipe(createInflate());
  if (enc === 'br') return body.pipe(createBrotliDecompress());
  return body;
}

/** Reads the stream whole, or returns null as soon as it passes `max` bytes. */
async function readCapped(stream: AsyncIterable<Buffer>, max: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += chunk.length;
    if (size > max) {
      (stream as Readable).destroy?.();
      return null;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

/** Retry-After as seconds or an HTTP date, in ms from now; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function refuse(reason: RefusalReason, url: string, message: string, status?: number): Refusal {
  return { ok: false, reason, message, url, ...(status !== undefined ? { status } : {}) };
}

const STATUS_WORDS: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 410: 'Gone', 429: 'Too Many Requests',
  500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};

function mb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(bytes < 1e6 ? 2 : 1).replace(/\.0+$/, '')} MB`;
}

function secs(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

function clip(s: string): string {
  return s.length > 60 ? s.slice(0, 59) + '…' : s;
}

function redacted(url: URL): string {
  const u = new URL(url.href);
  u.username = '';
  u.password = '';
  return u.href;
}
