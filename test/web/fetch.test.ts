import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockedRange, AllowList } from '../../src/web/address.ts';
import { decodeBody } from '../../src/web/charset.ts';
import { SafeFetcher, type FetchResult, type Refusal, type Resolver } from '../../src/web/fetch.ts';
import { FakeWeb } from '../fakes/web.ts';

const web = new FakeWeb();
/** The tests' config: 127.0.0.1 allowed, nothing else. */
let local: SafeFetcher;

beforeAll(async () => {
  await web.start();
  web.page('/ok', '<html><head><title>Hi</title></head><body><p>Hello</p></body></html>');
  web.route('/cp1252', { body: Buffer.from([...Buffer.from('<html><head><meta charset="windows-1252"></head><body><p>'), 0x93, ...Buffer.from('Caf'), 0xe9, 0x94, ...Buffer.from('</p></body></html>')]), type: 'text/html' });
  web.route('/latin1-header', { body: Buffer.from([...Buffer.from('<p>na'), 0xef, ...Buffer.from('ve</p>')]), type: 'text/html; charset=ISO-8859-1' });
  web.route('/gz', { body: gzipSync('<html><body><p>zipped</p></body></html>'), type: 'text/html', headers: { 'content-encoding': 'gzip' } });
  web.route('/500', { body: 'oops', status: 500, type: 'text/plain' });
  web.route('/429', { body: 'slow down', status: 429, headers: { 'retry-after': '120' } });
  web.route('/etag', (req, res) => {
    if (req.headers['if-none-match'] === '"v1"') return void res.writeHead(304).end();
    res.writeHead(200, { 'content-type': 'text/html', etag: '"v1"', 'last-modified': 'Wed, 02 Dec 2026 10:00:00 GMT' }).end('<p>v1</p>');
  });
  web.trickle('/trickle', 50);
  web.huge('/huge', 50_000_000);
  web.huge('/huge-declared', 50_000_000, true);
  for (let i = 0; i < 7; i++) web.redirect(`/hop${i}`, `/hop${i + 1}`);
  web.page('/hop7', '<p>end of the line</p>');
  web.redirect('/two', '/hop5');
  local = new SafeFetcher({ allow: ['127.0.0.1'], timeoutMs: 1500, connectTimeoutMs: 500, perHostPerSecond: 0 });
});

afterAll(async () => {
  await local.close();
  await web.stop();
});

function refused(r: FetchResult): Refusal {
  if (r.ok) throw new Error(`expected a refusal, got ${r.status} from ${r.url}`);
  return r;
}

describe('fetching', () => {
  it('gets a page with one User-Agent naming the bot', async () => {
    const r = await local.fetch(web.url('/ok'));
    expect(r.ok && r.body.toString()).toContain('<p>Hello</p>');
    expect(r.ok && r.mediaType).toBe('text/html');
    expect(r.ok && r.charset).toBe('utf-8');
    expect(web.requestsTo('/ok').at(-1)!.headers['user-agent']).toMatch(/^BriefingBot\/\S+ \(news briefing bot/);
  });

  it('decodes Windows-1252 pages from <meta> and Latin-1 from the header', async () => {
    const a = await local.fetch(web.url('/cp1252'));
    expect(a.ok).toBe(true);
    if (!a.ok) return;
    expect(decodeBody(a.body, a.charset)).toEqual({ text: '<html><head><meta charset="windows-1252"></head><body><p>“Café”</p></body></html>', charset: 'windows-1252' });
    const b = await local.fetch(web.url('/latin1-header'));
    expect(b.ok && decodeBody(b.body, b.charset).text).toBe('<p>naïve</p>');
  });

  it('reads UTF-8 without a declaration, and undeclared invalid UTF-8 as Windows-1252', () => {
    expect(decodeBody(Buffer.from('<p>“ok”</p>'), null)).toEqual({ text: '<p>“ok”</p>', charset: 'utf-8' });
    expect(decodeBody(Buffer.from([0x3c, 0x70, 0x3e, 0x96, 0x3c]), null)).toEqual({ text: '<p>–<', charset: 'windows-1252' });
  });

  it('inflates a gzip body', async () => {
    const r = await local.fetch(web.url('/gz'));
    expect(r.ok && r.body.toString()).toBe('<html><body><p>zipped</p></body></html>');
  });

  it('follows up to 5 redirects and refuses the sixth', async () => {
    const ok = await local.fetch(web.url('/two'));
    expect(ok.ok && ok.redirects.length).toBe(3);
    expect(ok.ok && ok.url).toBe(web.url('/hop7'));
    const r = refused(await local.fetch(web.url('/hop0')));
    expect(r.reason).toBe('too-many-redirects');
    expect(r.message).toBe('the link redirects more than 5 times');
  });

  it('says what a 404 and a 500 were, and reads Retry-After from a 429', async () => {
    expect(refused(await local.fetch(web.url('/nothing-here')))).toMatchObject({ reason: 'http-error', status: 404, message: `127.0.0.1:${web.port} answered 404 Not Found` });
    expect(refused(await local.fetch(web.url('/500')))).toMatchObject({ reason: 'http-error', status: 500, message: `127.0.0.1:${web.port} answered 500 Internal Server Error` });
    // A fetcher of its own: the 429 holds the whole host back, as the next test shows.
    const held = new SafeFetcher({ allow: ['127.0.0.1'], perHostPerSecond: 0 });
    expect(refused(await held.fetch(web.url('/429')))).toMatchObject({ status: 429, retryAfterMs: 120_000 });
    await held.close();
  });

  it("holds a host back for its Retry-After: every URL on it, not only the one that answered 429, and no other host", async () => {
    const held = new SafeFetcher({ allow: ['127.0.0.1', 'localhost'], perHostPerSecond: 0, timeoutMs: 5000 });
    expect(refused(await held.fetch(web.url('/429')))).toMatchObject({ status: 429, retryAfterMs: 120_000 });
    const sent = web.requests.length;
    const after = refused(await held.fetch(web.url('/ok')));
    expect(after).toMatchObject({ reason: 'http-error', status: 429 });
    expect(after.message).toMatch(new RegExp(`^127\\.0\\.0\\.1:${web.port} asked not to be fetched for another 1[12]\\d(\\.\\d)? s \\(Retry-After\\)$`));
    expect(after.retryAfterMs).toBeGreaterThan(110_000);
    expect(web.requests.length).toBe(sent);
    // Another host (the same server under another name) is not held back.
    expect(await held.fetch(web.url('/ok', 'localhost'))).toMatchObject({ ok: true, status: 200 });
    await held.close();
  });

  it('waits out a Retry-After shorter than a fetch may take, then sends', async () => {
    web.route('/busy-once', { body: 'busy', status: 503, headers: { 'retry-after': '1' } });
    const held = new SafeFetcher({ allow: ['127.0.0.1'], perHostPerSecond: 0, timeoutMs: 5000 });
    expect(refused(await held.fetch(web.url('/busy-once')))).toMatchObject({ status: 503, retryAfterMs: 1000 });
    const t = Date.now();
    expect(await held.fetch(web.url('/ok'))).toMatchObject({ ok: true, status: 200 });
    expect(Date.now() - t).toBeGreaterThanOrEqual(900);
    await held.close();
  });

  it('makes conditional requests and reports 304 as not modified', async () => {
    const first = await local.fetch(web.url('/etag'));
    expect(first.ok && first.etag).toBe('"v1"');
    const again = await local.fetch(web.url('/etag'), { etag: '"v1"', lastModified: first.ok ? first.lastModified : null });
    expect(again).toMatchObject({ ok: true, status: 304, notModified: true });
    expect(web.requestsTo('/etag').at(-1)!.headers['if-modified-since']).toBe('Wed, 02 Dec 2026 10:00:00 GMT');
  });

  it('cuts off a server trickling bytes at the total timeout', async () => {
    const t0 = Date.now();
    const r = refused(await local.fetch(web.url('/trickle')));
    expect(r.reason).toBe('timeout');
    expect(r.message).toBe(`127.0.0.1:${web.port} did not finish sending the page within 1.5 s`);
    expect(Date.now() - t0).toBeLessThan(5000);
  });

  it('cuts a 50 MB page off at the 5 MB cap, with or without a Content-Length', async () => {
    const r = refused(await local.fetch(web.url('/huge')));
    expect(r).toMatchObject({ reason: 'too-large', message: 'the page is over the 5 MB limit' });
    const d = refused(await local.fetch(web.url('/huge-declared')));
    expect(d).toMatchObject({ reason: 'too-large', message: 'the page is 50 MB, over the 5 MB limit' });
  });

  it('sends a GET once more when the connection is dropped before any answer, and only once', async () => {
    let drops = 1;
    web.route('/drops-once', (req, res) => {
      if (drops-- > 0) return void req.socket.destroy();
      res.writeHead(200, { 'content-type': 'text/plain' }).end('here');
    });
    const before = web.requestsTo('/drops-once').length;
    const ok = await local.fetch(web.url('/drops-once'));
    expect(ok).toMatchObject({ ok: true, status: 200 });
    expect(web.requestsTo('/drops-once').length - before).toBe(2);
    web.route('/drops-always', (req) => void req.socket.destroy());
    expect(refused(await local.fetch(web.url('/drops-always')))).toMatchObject({ reason: 'network', message: expect.stringContaining('it dropped the connection') });
    expect(web.requestsTo('/drops-always')).toHaveLength(2);
  });

  it('refuses what is not a URL, and schemes other than http and https', async () => {
    expect(refused(await local.fetch('not a url'))).toMatchObject({ reason: 'invalid-url', message: "'not a url' is not a URL (it should start with https://)" });
    expect(refused(await local.fetch('ftp://example.com/file.txt'))).toMatchObject({ reason: 'unsupported-scheme', message: 'only http and https links are fetched, not ftp:' });
    expect(refused(await local.fetch('file:///etc/passwd'))).toMatchObject({ reason: 'unsupported-scheme', message: 'only http and https links are fetched, not file:' });
    expect(refused(await local.fetch('https://user:pw@example.com/'))).toMatchObject({ reason: 'invalid-url', url: 'https://example.com/' });
  });

  it('spaces requests to one host by the per-host rate', async () => {
    const polite = new SafeFetcher({ allow: ['127.0.0.1'], perHostPerSecond: 10 });
    try {
      const before = web.requests.length;
      await Promise.all([0, 1, 2, 3].map(() => polite.fetch(web.url('/ok'))));
      const at = web.requests.slice(before).map((r) => r.at).sort((a, b) => a - b);
      expect(at).toHaveLength(4);
      // Three gaps of 100 ms, give or take connection set-up (which can delay the first arrival by
      // tens of ms on a loaded machine); unspaced, the four arrive within a few ms.
      expect(at[3]! - at[0]!).toBeGreaterThanOrEqual(200);
    } finally {
      await polite.close();
    }
  });
});

describe('what is not fetched (SSRF)', () => {
  // The site is reached by name (allowed by name); 127.0.0.1 itself is not on this allow list.
  const names: Record<string, string[]> = {
    'site.test': ['127.0.0.1'],
    'evil.test': ['10.0.0.1'],
    'mixed.test': ['93.184.216.34', '10.0.0.1'],
    'meta.test': ['169.254.169.254'],
    'v6.test': ['::1'],
  };
  let rebindCalls = 0;
  const resolve: Resolver = async (host) => {
    if (host === 'rebind.test') return [{ address: rebindCalls++ % 2 === 0 ? '8.8.8.8' : '127.0.0.1', family: 4 }];
    const list = names[host];
    if (!list) throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
    return list.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  let strict: SafeFetcher;
  beforeAll(() => {
    strict = new SafeFetcher({ allow: ['site.test'], resolve, timeoutMs: 1000, connectTimeoutMs: 300, perHostPerSecond: 0 });
    web.redirect('/to-loopback', `http://127.0.0.1:${web.port}/ok`);
    web.redirect('/to-metadata', 'http://169.254.169.254/latest/meta-data/');
    web.redirect('/to-evil', 'http://evil.test/');
  });
  afterAll(() => strict.close());

  it('reaches the allowed name', async () => {
    const r = await strict.fetch(web.url('/ok', 'site.test'));
    expect(r.ok).toBe(true);
  });

  it('refuses a redirect to 127.0.0.1, to the metadata address and to a private name', async () => {
    const a = refused(await strict.fetch(web.url('/to-loopback', 'site.test')));
    expect(a).toMatchObject({ reason: 'blocked-address', message: `it redirects to http://127.0.0.1:${web.port}/ok: 127.0.0.1:${web.port} is a loopback address, which the bot does not fetch from` });
    expect(refused(await strict.fetch(web.url('/to-metadata', 'site.test')))).toMatchObject({ reason: 'blocked-address' });
    expect(refused(await strict.fetch(web.url('/to-evil', 'site.test')))).toMatchObject({ reason: 'blocked-address', message: 'evil.test resolves to 10.0.0.1, a private address, which the bot does not fetch from' });
  });

  it('refuses a name that resolves to 10.0.0.1, and one with any private address among public ones', async () => {
    expect(refused(await strict.fetch('http://evil.test/'))).toMatchObject({ reason: 'blocked-address', message: 'evil.test resolves to 10.0.0.1, a private address, which the bot does not fetch from' });
    expect(refused(await strict.fetch('http://mixed.test/'))).toMatchObject({ reason: 'blocked-address' });
    expect(refused(await strict.fetch('http://meta.test/'))).toMatchObject({ reason: 'blocked-address', message: 'meta.test resolves to 169.254.169.254, a link-local address (cloud metadata lives here), which the bot does not fetch from' });
    expect(refused(await strict.fetch('http://v6.test/'))).toMatchObject({ reason: 'blocked-address', message: 'v6.test resolves to ::1, a loopback address, which the bot does not fetch from' });
  });

  it.each([
    ['http://[::1]/', '[::1] is a loopback address'],
    ['http://0.0.0.0/', '0.0.0.0 is an unspecified ("this network") address'],
    ['http://2130706433/', '127.0.0.1 is a loopback address'],
    ['http://0177.0.0.1/', '127.0.0.1 is a loopback address'],
    ['http://0x7f.0.0.1/', '127.0.0.1 is a loopback address'],
    ['http://017700000001/', '127.0.0.1 is a loopback address'],
    ['http://127.1/', '127.0.0.1 is a loopback address'],
    ['http://[::ffff:127.0.0.1]/', '[::ffff:7f00:1] is a loopback address'],
    ['http://[::ffff:a00:1]/', '[::ffff:a00:1] is a private address'],
    ['http://[64:ff9b::a9fe:a9fe]/', '[64:ff9b::a9fe:a9fe] is a link-local address (cloud metadata lives here)'],
    ['http://[fd00:ec2::254]/', '[fd00:ec2::254] is a private (unique local) address'],
    ['http://[fe80::1]/', '[fe80::1] is a link-local address'],
    ['http://169.254.169.254/latest/meta-data/', '169.254.169.254 is a link-local address (cloud metadata lives here)'],
    ['http://192.168.1.1:8080/', '192.168.1.1:8080 is a private address'],
    ['http://100.64.0.1/', '100.64.0.1 is a carrier-grade NAT address'],
  ])('refuses %s', async (url, why) => {
    const r = refused(await strict.fetch(url));
    expect(r.reason).toBe('blocked-address');
    expect(r.message).toBe(`${why}, which the bot does not fetch from`);
  });

  it('refuses unusual ports on hosts that are not allowed', async () => {
    expect(refused(await strict.fetch('http://example.com:6379/'))).toMatchObject({ reason: 'blocked-port', message: 'port 6379 is not fetched (only 80 and 443, unless the host is on the allow list)' });
  });

  it('connects to the address it checked, so a rebinding name never reaches loopback', async () => {
    const before = web.requests.length;
    for (let i = 0; i < 4; i++) {
      const r = await strict.fetch(`http://rebind.test:80/ok`);
      expect(r.ok).toBe(false);
    }
    expect(web.requests.length).toBe(before);
  });
});

describe('address ranges', () => {
  it('lets public addresses through and names the blocked ones', () => {
    expect(blockedRange('93.184.216.34')).toBeNull();
    expect(blockedRange('2606:4700::1111')).toBeNull();
    expect(blockedRange('172.31.255.255')).toBe('a private address');
    expect(blockedRange('172.32.0.1')).toBeNull();
    expect(blockedRange('::')).toBe('an unspecified address');
    expect(blockedRange('2002:7f00:1::')).toBe('a loopback address');
    expect(blockedRange('ff02::1')).toBe('a multicast address');
  });

  it('opens hosts, wildcard domains and ranges, and says which entry is bad', () => {
    const allow = new AllowList(['intranet.example.com', '*.corp.example', '10.2.0.0/16', 'fd00::/8']);
    expect(allow.allowsHost('intranet.example.com')).toBe(true);
    expect(allow.allowsHost('wiki.corp.example')).toBe(true);
    expect(allow.allowsHost('corp.example.org')).toBe(false);
    expect(allow.allowsAddress('10.2.3.4')).toBe(true);
    expect(allow.allowsAddress('10.3.0.1')).toBe(false);
    expect(allow.allowsAddress('fd12::1')).toBe(true);
    expect(() => new AllowList(['10.0.0.0/40'])).toThrow("'10.0.0.0/40' has a bad prefix length (0 to 32)");
    expect(() => new AllowList(['http://x'])).toThrow("'http://x' is neither a host name");
  });
});
