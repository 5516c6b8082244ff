// The `fetch` that Bolt (response_url) and the Web API client use: undici's `request` over a
// keep-alive Agent. Every answer ends in one such POST, and the WHATWG fetch in Node 20 (web
// streams, a Request clone per call) costs about twice the client CPU of undici's plain request
// (bench/slack-transport.bench.ts); on the thread that also acks commands that is ack latency.
// Redirects are followed here, each hop sent once (a 3xx never makes a POST go out twice); only a
// body this does not send itself (FormData uploads) goes to the global fetch instead.
import { Agent, errors as undiciErrors } from 'undici';
import type { webApi } from '@slack/bolt';

type FetchFunction = webApi.FetchFunction;
type FetchRequestInit = NonNullable<Parameters<FetchFunction>[1]>;
type FetchResponse = Awaited<ReturnType<FetchFunction>>;
type RawHeaders = Record<string, string | string[] | undefined>;

export interface HttpFetchOptions {
  /** Connections kept per origin (default 32). */
  maxSockets?: number;
  /** A request silent this long fails, and an idle kept-alive connection closes (default 60 s). */
  timeoutMs?: number;
  /** Used for bodies this does not send itself, such as FormData (default: `globalThis.fetch`). */
  fallback?: FetchFunction;
}

export interface HttpFetch extends FetchFunction {
  /** Closes the kept-alive connections (on shutdown). */
  close(): void;
}

/** Redirects followed before giving up, as fetch does. */
const MAX_REDIRECTS = 20;

export function createHttpFetch(opts: HttpFetchOptions = {}): HttpFetch {
  const timeout = opts.timeoutMs ?? 60_000;
  const agent = new Agent({ connections: opts.maxSockets ?? 32, keepAliveTimeout: timeout, keepAliveMaxTimeout: timeout, headersTimeout: timeout, bodyTimeout: timeout });
  const fallback = opts.fallback ?? (globalThis.fetch as unknown as FetchFunction);

  const fetchFn = (async (input: string | URL, init: FetchRequestInit = {}): Promise<FetchResponse> => {
    let url = typeof input === 'string' ? new URL(input) : input;
    if ((init.body !== undefined && typeof init.body !== 'string') || (url.protocol !== 'http:' && url.protocol !== 'https:')) return fallback(input, init);
    init.signal?.throwIfAborted();
    let method = (init.method ?? 'GET').toUpperCase();
    let body: string | undefined = init.body;
    let headers: Record<string, string> = { ...(init.headers as Record<string, string> | undefined) };
    for (let hops = 0; ; hops++) {
      const res = await send(agent, url, method, headers, body, init.signal, timeout);
      const location = header(res.headers as RawHeaders, 'location');
      if (res.statusCode < 300 || res.statusCode >= 400 || !location || init.redirect === 'manual') {
        const bytes = Buffer.from(await res.body.arrayBuffer());
        return new HttpResponse(url.href, res.statusCode, res.statusText, res.headers as RawHeaders, bytes);
      }
      await res.body.dump();
      const next = new URL(location, url);
      if (init.redirect === 'error') throw new TypeError(`fetch failed: redirect to ${location} refused (redirect: 'error')`);
      if (hops >= MAX_REDIRECTS) throw new TypeError(`fetch failed: more than ${MAX_REDIRECTS} redirects from ${input}`);
      // As fetch does: 303 (and 301/302 after a POST) becomes a GET without a body; 307/308 resend
      // the same request to the new place. Credentials never follow to another origin.
      if (res.statusCode === 303 || ((res.statusCode === 301 || res.statusCode === 302) && method === 'POST')) {
        method = method === 'HEAD' ? 'HEAD' : 'GET';
        body = undefined;
        headers = withoutKeys(headers, ['content-type', 'content-length']);
      }
      if (next.origin !== url.origin) headers = withoutKeys(headers, ['authorization', 'cookie']);
      url = next;
    }
  }) as HttpFetch;
  fetchFn.close = () => void agent.destroy().catch(() => undefined);
  return fetchFn;
}

async function send(agent: Agent, url: URL, method: string, headers: Record<string, string>, body: string | undefined, signal: AbortSignal | undefined, timeout: number) {
  try {
    return await agent.request({ origin: url.origin, path: `${url.pathname}${url.search}`, method: method as 'GET', headers, body, signal });
  } catch (err) {
    // The same shape of failure as fetch's, so callers' error handling (and Bolt's) sees a TypeError.
    if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : err;
    const cause = err instanceof undiciErrors.HeadersTimeoutError || err instanceof undiciErrors.BodyTimeoutError ? new Error(`no response from ${url.host} within ${timeout} ms`, { cause: err }) : err;
    throw new TypeError('fetch failed', { cause });
  }
}

function header(raw: RawHeaders, name: string): string | null {
  const v = raw[name];
  return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
}

function withoutKeys(headers: Record<string, string>, names: string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([k]) => !names.includes(k.toLowerCase())));
}



// Classes rather than object literals of closures: this runs once per answer.
class HttpHeaders {
  constructor(private readonly raw: RawHeaders) {}
  get(name: string): string | null {
    return header(this.raw, name.toLowerCase());
  }
  *entries(): IterableIterator<[string, string]> {
    for (const [k, v] of Object.entries(this.raw)) if (v !== undefined) yield [k, Array.isArray(v) ? v.join(', ') : v];
  }
}

class HttpResponse implements FetchResponse {
  readonly headers: HttpHeaders;
  constructor(
    readonly url: string,
    readonly status: number,
    readonly statusText: string,
    raw: RawHeaders,
    private readonly bytes: Buffer,
  ) {
    this.headers = new HttpHeaders(raw);
  }
  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }
  async arrayBuffer(): Promise<ArrayBuffer> {
    return this.bytes.buffer.slice(this.bytes.byteOffset, this.bytes.byteOffset + this.bytes.byteLength) as ArrayBuffer;
  }
  async json(): Promise<unknown> {
    return JSON.parse(this.bytes.toString('utf8'));
  }
  async text(): Promise<string> {
    return this.bytes.toString('utf8');
  }
}
