// A fake Slack on 127.0.0.1 for tests and benches: the Web API under /api/<method>, response_url
// endpoints under /respond/<id>, and a Socket Mode WebSocket server. It records every call
// (method, headers, parsed body) and can be scripted to fail the next N calls of a method.
import { EventEmitter } from 'node:events';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseQuery } from 'node:querystring';
import { WebSocketServer, type WebSocket } from 'ws';

export interface RecordedCall {
  /** Web API method (`chat.postMessage`) or `respond` for response_url posts. */
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** Form fields (JSON-valued ones parsed) or the JSON body. */
  body: Record<string, any>;
  at: number;
  /** What the fake answered (Web API JSON), once it has. */
  response?: Record<string, unknown>;
}

export type Failure =
  | { status: 500 | 502 | 503 }
  /** What a response_url answers once it has expired or been used up: 404 and a word. */
  | { status: 404; body: string }
  | { status: 429; retryAfter: number }
  | { error: string }
  /** Answers normally, after holding the request this long (real ms). */
  | { holdMs: number }
  /** Reads the request and never answers. */
  | { silent: true }
  /** Reads the request, then resets the connection without answering. */
  | { reset: true };

export interface FakeSlackOptions {
  botUserId?: string;
  teamId?: string;
  /**
   * Refuse chat.postMessage with `msg_blocks_too_long` when the blocks' text adds up to more than
   * this many characters, as Slack does at about 13,000 though every documented limit is met.
   */
  blocksTextLimit?: number;
}

/** A workspace that can install the app through OAuth: the code Slack would hand the redirect. */
export interface FakeWorkspace {
  teamId: string;
  teamName: string;
  botToken: string;
  botUserId: string;
  botId: string;
}

export class FakeSlack {
  readonly calls: RecordedCall[] = [];
  /** OAuth codes waiting for oauth.v2.access (each works once), by code. */
  readonly oauthCodes = new Map<string, FakeWorkspace>();
  /** Bot tokens issued through OAuth: auth.test answers for their workspace. */
  readonly issued = new Map<string, FakeWorkspace>();
  readonly acks: { envelope_id: string; payload?: unknown; at: number }[] = [];
  readonly botUserId: string;
  readonly teamId: string;
  private readonly events = new EventEmitter();
  private readonly failures = new Map<string, { failure: Failure; channel?: string }[]>();
  private readonly server = createServer((req, res) => void this.handle(req, res));
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sockets = new Set<WebSocket>();
  private ts = 1_700_000_000_000_100;
  private envelopes = 0;
  private respondIds = 0;
  blocksTextLimit: number;
  /**
   * What conversations.info says per channel id: fields merged over a public channel the bot is
   * in, or `not_found` (a DM between people, a private channel the bot is not in). Unlisted
   * channels are public channels the bot is a member of.
   */
  readonly channelInfo = new Map<string, Record<string, unknown> | 'not_found'>();
  port = 0;

  constructor(opts: FakeSlackOptions = {}) {
    this.botUserId = opts.botUserId ?? 'UBOTFAKE1';
    this.teamId = opts.teamId ?? 'T0FAKE01';
    this.blocksTextLimit = opts.blocksTextLimit ?? Infinity;
    this.events.setMaxListeners(0);
    this.server.on('upgrade', (req, socket, head) => {
      if (!req.url?.startsWith('/socket')) return socket.destroy();
      this.wss.handleUpgrade(req, socket, head, (ws) => this.onSocket(ws));
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async close(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }
  /** For `clientOptions.slackApiUrl` (the trailing slash matters to WebClient). */
  get apiUrl(): string {
    return `${this.url}/api/`;
  }
  /** A fresh response_url. */
  respondUrl(): string {
    return `${this.url}/respond/${++this.respondIds}`;
  }

  /** The next `times` calls of `method` (or `respond`) fail this way; with `channel`, only calls naming that channel. */
  failNext(method: string, failure: Failure, times = 1, channel?: string): void {
    const queue = this.failures.get(method) ?? [];
    for (let i = 0; i < times; i++) queue.push(channel === undefined ? { failure } : { failure, channel });
    this.failures.set(method, queue);
  }

  private takeFailure(method: string, body: Record<string, any>): Failure | undefined {
    const queue = this.failures.get(method);
    const i = queue?.findIndex((f) => f.channel === undefined || f.channel === body.channel) ?? -1;
    return i < 0 ? undefined : queue!.splice(i, 1)[0]!.failure;
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Resolves with the first call (already made or future) of `method` matching `pred`. */
  waitForCall(method: string, pred: (c: RecordedCall) => boolean = () => true, timeoutMs = 5000): Promise<RecordedCall> {
    const found = this.calls.find((c) => c.method === method && pred(c));
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.events.off('call', on);
        reject(new Error(`no ${method} call within ${timeoutMs} ms (calls: ${this.calls.map((c) => c.method).join(', ') || 'none'})`));
      }, timeoutMs);
      const on = (c: RecordedCall) => {
        if (c.method !== method || !pred(c)) return;
        clearTimeout(timer);
        this.events.off('call', on);
        resolve(c);
      };
      this.events.on('call', on);
    });
  }

  onCall(listener: (c: RecordedCall) => void): () => void {
    this.events.on('call', listener);
    return () => this.events.off('call', listener);
  }

  // ---- Socket Mode

  /** Resolves once a Socket Mode client is connected and has been sent `hello`. */
  waitForSocket(timeoutMs = 5000): Promise<void> {
    if (this.sockets.size) return Promise.resolve();
    return this.waitEvent('socket', timeoutMs);
  }

  /** Connections made so far (a reconnect adds one). */
  socketsOpened = 0;

  /** Asks every client to reconnect, as Slack does when it recycles a server. */
  requestReconnect(): void {
    for (const ws of this.sockets) ws.send(JSON.stringify({ type: 'disconnect', reason: 'refresh_requested', debug_info: { host: 'fake-slack' } }));
  }

  /** Resolves when the `n`th connection has been sent `hello`. */
  waitForConnection(n: number, timeoutMs = 10_000): Promise<void> {
    if (this.socketsOpened >= n) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`only ${this.socketsOpened} connections, wanted ${n}`)), timeoutMs);
      const on = () => {
        if (this.socketsOpened < n) return;
        clearTimeout(timer);
        this.events.off('socket', on);
        resolve();
      };
      this.events.on('socket', on);
    });
  }

  /** Pushes an envelope to every connected client; returns its envelope_id. */
  push(type: 'slash_commands' | 'events_api' | 'interactive', payload: unknown): string {
    const envelope_id = `env-${++this.envelopes}`;
    const msg = { envelope_id, type, payload, accepts_response_payload: type !== 'events_api', retry_attempt: 0, retry_reason: '' };
    for (const ws of this.sockets) ws.send(JSON.stringify(msg));
    return envelope_id;
  }

  waitForAck(envelopeId: string, timeoutMs = 5000): Promise<{ envelope_id: string; payload?: unknown; at: number }> {
    const found = this.acks.find((a) => a.envelope_id === envelopeId);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ack for ${envelopeId}`)), timeoutMs);
      const on = (a: { envelope_id: string; payload?: unknown; at: number }) => {
        if (a.envelope_id !== envelopeId) return;
        clearTimeout(timer);
        this.events.off('ack', on);
        resolve(a);
      };
      this.events.on('ack', on);
    });
  }

  private onSocket(ws: WebSocket): void {
    this.sockets.add(ws);
    ws.on('close', () => this.sockets.delete(ws));
    ws.on('message', (data) => {
      try {
        const msg = JSON.parse(String(data)) as { envelope_id?: string; payload?: unknown };
        if (msg.envelope_id) {
          const ack = { envelope_id: msg.envelope_id, payload: msg.payload, at: performance.now() };
          this.acks.push(ack);
          this.events.emit('ack', ack);
        }
      } catch {
        // not an envelope ack: ignore
      }
    });
    ws.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'fake-slack' }, connection_info: { app_id: 'AFAKE' } }));
    this.socketsOpened++;
    this.events.emit('socket');
  }

  private waitEvent(name: string, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${name} within ${timeoutMs} ms`)), timeoutMs);
      this.events.once(name, () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  // ---- HTTP

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const api = /^\/api\/([\w.]+)$/.exec(path);
    const method = api?.[1] ?? (path.startsWith('/respond/') ? 'respond' : null);
    if (!method) {
      res.writeHead(404).end();
      return;
    }
    const call: RecordedCall = { method, path, headers: req.headers, body: parseBody(raw, req.headers['content-type']), at: performance.now() };
    this.calls.push(call);
    this.events.emit('call', call);

    const failure = this.takeFailure(method, call.body);
    if (failure && 'holdMs' in failure) await new Promise((r) => setTimeout(r, failure.holdMs));
    else if (failure && 'silent' in failure) return;
    else if (failure && 'reset' in failure) return void req.socket.resetAndDestroy();
    else if (failure) return this.fail(res, failure);
    if (method === 'respond') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    call.response = this.answer(method, call.body, req.headers);
    this.json(res, call.response);
  }

  private fail(res: ServerResponse, f: Exclude<Failure, { holdMs: number } | { silent: true } | { reset: true }>): void {
    if ('error' in f) return this.json(res, { ok: false, error: f.error, ...(f.error === 'missing_scope' ? { needed: 'chat:write' } : {}) });
    if (f.status === 404) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end(f.body);
      return;
    }
    if (f.status === 429) {
      res.writeHead(429, { 'retry-after': String(f.retryAfter), 'content-type': 'application/json' }).end('{"ok":false,"error":"ratelimited"}');
      return;
    }
    res.writeHead(f.status, { 'content-type': 'text/html' }).end('<html>upstream error</html>');
  }

  private answer(method: string, body: Record<string, any>, headers: IncomingHttpHeaders): Record<string, unknown> {
    const token = String(headers.authorization ?? '').replace(/^Bearer /, '') || String(body.token ?? '');
    const installed = this.issued.get(token);
    switch (method) {
      case 'oauth.v2.access': {
        const ws = this.oauthCodes.get(String(body.code));
        if (!ws || body.client_id !== FAKE_CLIENT_ID || body.client_secret !== FAKE_CLIENT_SECRET) return { ok: false, error: ws ? 'invalid_client_id' : 'invalid_code' };
        this.oauthCodes.delete(String(body.code));
        this.issued.set(ws.botToken, ws);
        return {
          ok: true,
          app_id: 'A0FAKEAPP',
          authed_user: { id: 'UINSTALLER' },
          scope: 'commands,chat:write,app_mentions:read',
          token_type: 'bot',
          access_token: ws.botToken,
          bot_user_id: ws.botUserId,
          team: { id: ws.teamId, name: ws.teamName },
          enterprise: null,
          is_enterprise_install: false,
        };
      }
      case 'auth.test':
        if (installed) return { ok: true, url: 'https://fake.slack.test/', team: installed.teamName, user: 'briefing', team_id: installed.teamId, user_id: installed.botUserId, bot_id: installed.botId };
        return { ok: true, url: 'https://fake.slack.test/', team: 'Fake Team', user: 'briefing', team_id: this.teamId, user_id: this.botUserId, bot_id: 'BFAKE01' };
      case 'chat.postMessage': {
        if (Array.isArray(body.blocks) && blocksText(body.blocks) > this.blocksTextLimit) return { ok: false, error: 'msg_blocks_too_long' };
        const ts = this.nextTs();
        return { ok: true, channel: body.channel, ts, message: { type: 'message', text: body.text, ts, bot_id: 'BFAKE01' } };
      }
      case 'conversations.info': {
        const info = this.channelInfo.get(String(body.channel));
        if (info === 'not_found') return { ok: false, error: 'channel_not_found' };
        return { ok: true, channel: { id: body.channel, is_channel: true, is_private: false, is_im: false, is_mpim: false, is_archived: false, is_member: true, ...info } };
      }
      case 'chat.postEphemeral':
        return { ok: true, message_ts: this.nextTs() };
      case 'apps.connections.open':
        return { ok: true, url: `ws://127.0.0.1:${this.port}/socket/link?ticket=fake` };
      default:
        return { ok: true };
    }
  }

  private nextTs(): string {
    const n = String(this.ts++);
    return `${n.slice(0, 10)}.${n.slice(10)}`;
  }

  private json(res: ServerResponse, body: unknown): void {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
  }
}

/** Characters in the `text` fields of blocks (and their elements). */
export function blocksText(v: unknown): number {
  if (Array.isArray(v)) return v.reduce((n: number, x) => n + blocksText(x), 0);
  if (!v || typeof v !== 'object') return 0;
  let n = 0;
  for (const [k, x] of Object.entries(v)) n += k === 'text' && typeof x === 'string' ? x.length : blocksText(x);
  return n;
}

function parseBody(raw: string, contentType: string | undefined): Record<string, any> {
  if (!raw) return {};
  if (contentType?.includes('application/json')) {
    try {
      return JSON.parse(raw) as Record<string, any>;
    } catch {
      return { _raw: raw };
    }
  }
  const form = parseQuery(raw);
  const out: Record<string, any> = {};
  for (const [k, v] of Object.entries(form)) {
    const s = Array.isArray(v) ? v[0] : v;
    // WebClient sends arrays and objects (blocks) as JSON strings inside the form.
    out[k] = s && /^[[{]/.test(s) ? tryJson(s) : s;
  }
  return out;
}

function tryJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
}

export const FAKE_CLIENT_ID = '1111111111.2222222222';
export const FAKE_CLIENT_SECRET = 'fake-client-secret-0123456789abcdef';

export async function startFakeSlack(opts: FakeSlackOptions = {}): Promise<FakeSlack> {
  return new FakeSlack(opts).start();
}
