// The `fetch` that Bolt (response_url) and the Web API client use: a plain node:http(s) request
// over a keep-alive agent. Every answer ends in one such POST, and the WHATWG fetch in Node 20
// (undici, web streams, a Request clone per call) costs about three times the CPU of a plain
// request; on the thread that also acks commands that difference is ack latency. Anything this
// does not handle plainly (FormData uploads, following redirects) goes to the global fetch.
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { webApi } from '@slack/bolt';

type FetchFunction = webApi.FetchFunction;
type FetchRequestInit = NonNullable<Parameters<FetchFunction>[1]>;
type FetchResponse = Awaited<ReturnType<FetchFunction>>;

export interface HttpFetchOptions {
  /** Sockets kept per host (default 32). */
  maxSockets?: number;
  /** A request silent this long fails, and an idle kept-alive socket closes (default 60 s). */
  timeoutMs?: number;
  /** Used for what this does not handle itself (default: `globalThis.fetch`). */
  fallback?: FetchFunction;
}

export interface HttpFetch extends FetchFunction {
  /** Closes the kept-alive sockets (on shutdown). */
  close(): void;
}

export function createHttpFetch(opts: HttpFetchOptions = {}): HttpFetch {
  const timeout = opts.timeoutMs ?? 60_000;
  const agentOptions = { keepAlive: true, maxSockets: opts.maxSockets ?? 32, scheduling: 'lifo' as const, timeout };
  const http = new HttpAgent(agentOptions);
  const https = new HttpsAgent(agentOptions);
  const fallback = opts.fallback ?? (globalThis.fetch as unknown as FetchFunction);

  const fetchFn = (async (input: string | URL, init: FetchRequestInit = {}): Promise<FetchResponse> => {
    const url = typeof input === 'string' ? new URL(input) : input;
    const body = init.body;
    if ((body !== undefined && typeof body !== 'string') || (url.protocol !== 'http:' && url.protocol !== 'https:')) return fallback(input, init);
    init.signal?.throwIfAborted();
    const res = await send(url, init, body, url.protocol === 'https:' ? https : http, timeout);
    const status = res.statusCode ?? 0;
    if (status >= 300 && status < 400 && res.headers.location && init.redirect !== 'manual') {
      res.resume();
      if (init.redirect === 'error') throw new TypeError(`fetch failed: redirect to ${res.headers.location} refused (redirect: 'error')`);
      return fallback(input, init);
    }
    const bytes = await readAll(res, init.signal);
    return response(url.href, res, bytes);
  }) as HttpFetch;
  fetchFn.close = () => {
    http.destroy();
    https.destroy();
  };
  return fetchFn;
}

function send(url: URL, init: FetchRequestInit, body: string | undefined, agent: HttpAgent, timeout: number): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...init.headers };
    if (body !== undefined) headers['content-length'] = Buffer.byteLength(body);
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = request(url, { method: init.method ?? 'GET', headers, agent }, resolve);
    const signal = init.signal;
    const abort = () => req.destroy(signal?.reason instanceof Error ? signal.reason : new DOMException('This operation was aborted', 'AbortError'));
    signal?.addEventListener('abort', abort, { once: true });
    req.once('close', () => signal?.removeEventListener('abort', abort));
    // The agent's socket timeout only reports silence; a request nobody answers must end.
    req.once('timeout', () => req.destroy(new Error(`no response from ${url.host} within ${timeout} ms`)));
    // The same shape of failure as fetch's, so callers' error handling (and Bolt's) sees a TypeError.
    req.once('error', (err) => reject(signal?.aborted ? err : new TypeError('fetch failed', { cause: err })));
    req.end(body);
  });
}

function readAll(res: IncomingMessage, signal: AbortSignal | undefined): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.once('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    res.once('error', reject);
    res.once('aborted', () => reject(signal?.reason ?? new TypeError('fetch failed: the response was cut off')));
  });
}

function response(url: string, res: IncomingMessage, bytes: Buffer): FetchResponse {
  return new HttpResponse(url, res.statusCode ?? 0, res.statusMessage ?? '', new HttpHeaders(res.headers), bytes);
}

// Classes rather than object literals of closures: this runs once per answer.
class HttpHeaders {
  constructor(private readonly raw: IncomingMessage['headers']) {}
  get(name: string): string | null {
    const v = this.raw[name.toLowerCase()];
    return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
  }
  *entries(): IterableIterator<[string, string]> {
    for (const [k, v] of Object.entries(this.raw)) if (v !== undefined) yield [k, Array.isArray(v) ? v.join(', ') : v];
  }
}

class HttpResponse implements FetchResponse {
  constructor(
    readonly url: string,
    readonly status: number,
    readonly statusText: string,
    readonly headers: HttpHeaders,
    private readonly bytes: Buffer,
  ) {}
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
