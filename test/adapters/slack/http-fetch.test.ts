// The undici fetch that Bolt's respond() and the Web API client use, against a local server
// that records what it receives.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHttpFetch } from '../../../src/adapters/slack/http-fetch.ts';

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  socket: number;
}

let server: Server;
let base: string;
const seen: Seen[] = [];
const sockets = new WeakMap<object, number>();
let socketIds = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (!sockets.has(req.socket)) sockets.set(req.socket, ++socketIds);
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString(), socket: sockets.get(req.socket)! });
      if (req.url === '/limited') return void res.writeHead(429, { 'retry-after': '7', 'content-type': 'application/json' }).end('{"ok":false,"error":"ratelimited"}');
      if (req.url === '/moved') return void res.writeHead(302, { location: '/elsewhere' }).end();
      if (req.url === '/kept') return void res.writeHead(307, { location: '/elsewhere' }).end();
      if (req.url === '/loop') return void res.writeHead(302, { location: '/loop' }).end();
      if (req.url === '/slow') return void setTimeout(() => res.writeHead(200).end('late'), 2000);
      if (req.url === '/cut') return void req.socket.destroy();
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'set-cookie': ['a=1', 'b=2'] }).end(JSON.stringify({ ok: true, echo: Buffer.concat(chunks).toString() }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('createHttpFetch', () => {
  it('posts the body with its headers and reads status, headers and JSON back', async () => {
    const fetch = createHttpFetch();
    const body = JSON.stringify({ text: 'héllo – “quoted”' });
    const res = await fetch(`${base}/respond/1`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
    fetch.close();
    const last = seen.at(-1)!;
    expect(last).toMatchObject({ method: 'POST', url: '/respond/1', body });
    expect(last.headers['content-type']).toBe('application/json');
    expect(last.headers['content-length']).toBe(String(Buffer.byteLength(body)));
    expect(res.ok).toBe(true);
    expect(res.status).toBe(200);
    expect(res.url).toBe(`${base}/respond/1`);
    expect(res.headers.get('Content-Type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('set-cookie')).toBe('a=1, b=2');
    expect(res.headers.get('x-missing')).toBeNull();
    expect(Object.fromEntries(res.headers.entries())['content-type']).toBe('application/json; charset=utf-8');
    expect(await res.json()).toEqual({ ok: true, echo: body });
  });

  it('keeps connections alive between calls', async () => {
    const fetch = createHttpFetch();
    const from = seen.length;
    for (let i = 0; i < 10; i++) await (await fetch(`${base}/a${i}`, { method: 'POST', body: 'x' })).text();
    fetch.close();
    // Ten calls one after another ride on one or two kept-alive connections, not ten.
    expect(new Set(seen.slice(from).map((s) => s.socket)).size).toBeLessThanOrEqual(2);
  });

  it('returns error statuses as responses, with their headers (a 429 and its Retry-After)', async () => {
    const fetch = createHttpFetch();
    const res = await fetch(`${base}/limited`, { method: 'POST', body: '' });
    fetch.close();
    expect(res.ok).toBe(false);
    expect(res.status).toBe(429);
    expect(res.statusText).toBe('Too Many Requests');
    expect(res.headers.get('retry-after')).toBe('7');
    expect(await res.text()).toBe('{"ok":false,"error":"ratelimited"}');
  });

  it("refuses a redirect when asked to (the Web API client's redirect: 'error')", async () => {
    const fetch = createHttpFetch();
    await expect(fetch(`${base}/moved`, { method: 'POST', body: '', redirect: 'error' })).rejects.toThrow(/redirect to \/elsewhere refused/);
    fetch.close();
  });

  it('hands FormData bodies (uploads) to the fallback, and nothing else', async () => {
    const fallback = vi.fn(async () => ({ ok: true, status: 200 }) as never);
    const fetch = createHttpFetch({ fallback });
    const form = new FormData();
    form.set('file', 'abc');
    await fetch(`${base}/upload`, { method: 'POST', body: form });
    await fetch(`${base}/moved`, { method: 'POST', body: 'z' });
    fetch.close();
    expect(fallback).toHaveBeenCalledTimes(1);
    expect((fallback.mock.calls[0] as unknown[])[1]).toMatchObject({ body: form });
  });

  it('follows a redirect as fetch does, sending each request once (a 302 after a POST never resends the POST)', async () => {
    const fetch = createHttpFetch();
    const from = seen.length;
    const res = await fetch(`${base}/moved`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' });
    expect(res.status).toBe(200);
    expect(res.url).toBe(`${base}/elsewhere`);
    // One POST to the old place, then one GET (no body) to the new one: nothing sent twice.
    expect(seen.slice(from).map((s) => [s.method, s.url, s.body])).toEqual([
      ['POST', '/moved', '{"a":1}'],
      ['GET', '/elsewhere', ''],
    ]);
    const kept = seen.length;
    await fetch(`${base}/kept`, { method: 'POST', body: 'same' });
    expect(seen.slice(kept).map((s) => [s.method, s.url, s.body])).toEqual([
      ['POST', '/kept', 'same'],
      ['POST', '/elsewhere', 'same'],
    ]);
    await expect(fetch(`${base}/loop`, { method: 'GET' })).rejects.toThrow(/more than 20 redirects/);
    fetch.close();
  });

  it("returns a redirect as it is with redirect: 'manual'", async () => {
    const fetch = createHttpFetch();
    const res = await fetch(`${base}/moved`, { method: 'POST', body: '', redirect: 'manual' });
    fetch.close();
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/elsewhere');
  });

  it('rejects as fetch does: a TypeError when the connection fails, the reason when aborted', async () => {
    const fetch = createHttpFetch();
    await expect(fetch(`${base}/cut`, { method: 'POST', body: '' })).rejects.toThrow(TypeError);
    await expect(fetch('http://127.0.0.1:1/', { method: 'POST', body: '' })).rejects.toMatchObject({ name: 'TypeError', message: 'fetch failed' });
    const started = performance.now();
    await expect(fetch(`${base}/slow`, { method: 'POST', body: '', signal: AbortSignal.timeout(100) })).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(performance.now() - started).toBeLessThan(1500);
    const impatient = createHttpFetch({ timeoutMs: 100 });
    await expect(impatient(`${base}/slow`, { method: 'POST', body: '' })).rejects.toMatchObject({ name: 'TypeError', cause: { message: /no response from 127\.0\.0\.1:\d+ within 100 ms/ } });
    impatient.close();
    const aborted = AbortSignal.abort(new Error('stop'));
    await expect(fetch(`${base}/a`, { method: 'POST', body: '', signal: aborted })).rejects.toThrow('stop');
    fetch.close();
  });
});
