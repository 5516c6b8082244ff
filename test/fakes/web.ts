// A local web for tests and benches: an HTTP server on 127.0.0.1 serving scripted routes (pages,
// feeds, redirects, errors, trickling and endless bodies), recording every request it receives.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  path: string;
  host: string;
  headers: IncomingHttpHeaders;
  at: number;
}

export type Route =
  | { body: string | Buffer; type?: string; status?: number; headers?: Record<string, string> }
  | ((req: IncomingMessage, res: ServerResponse) => void);

export class FakeWeb {
  readonly requests: SeenRequest[] = [];
  private readonly routes = new Map<string, Route>();
  private readonly server = createServer((req, res) => this.handle(req, res));
  private readonly open = new Set<ServerResponse>();
  port = 0;

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  url(path: string, host = '127.0.0.1'): string {
    return `http://${host}:${this.port}${path}`;
  }

  route(path: string, route: Route): this {
    this.routes.set(path, route);
    return this;
  }

  page(path: string, html: string, headers: Record<string, string> = {}): this {
    return this.route(path, { body: html, type: 'text/html; charset=utf-8', headers });
  }

  redirect(path: string, to: string, status = 302): this {
    return this.route(path, { body: '', status, headers: { location: to } });
  }

  /** A body sent a few bytes at a time, `everyMs` apart, never finishing on its own. */
  trickle(path: string, everyMs = 100): this {
    return this.route(path, (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<html><body><p>');
      const t = setInterval(() => res.write('.'), everyMs);
      res.on('close', () => clearInterval(t));
    });
  }

  /** `bytes` of HTML streamed without a Content-Length (the cap must cut it off, not the header). */
  huge(path: string, bytes: number, declareLength = false): this {
    return this.route(path, (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html', ...(declareLength ? { 'content-length': String(bytes) } : {}) });
      const chunk = Buffer.alloc(64 * 1024, 'a');
      let sent = 0;
      const pump = () => {
        while (sent < bytes) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('close', () => (sent = bytes));
      pump();
    });
  }

  requestsTo(path: string): SeenRequest[] {
    return this.requests.filter((r) => r.path === path);
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const path = req.url ?? '/';
    this.requests.push({ path, host: req.headers.host ?? '', headers: req.headers, at: Date.now() });
    this.open.add(res);
    res.on('close', () => this.open.delete(res));
    const route = this.routes.get(path) ?? this.routes.get(path.split('?')[0]!);
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/html' });
      return void res.end('<html><body><h1>Not found</h1></body></html>');
    }
    if (typeof route === 'function') return route(req, res);
    res.writeHead(route.status ?? 200, { ...(route.type ? { 'content-type': route.type } : {}), ...(route.headers ?? {}) });
    res.end(route.body);
  }

  async stop(): Promise<void> {
    for (const r of this.open) r.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
