// A fake Discord on 127.0.0.1: REST under /api/v10 and a JSON gateway (no compression), enough for
// the real discord.js Client to log in, receive interactions, answer them and send messages.
// Every REST call is recorded so tests can assert on exact payloads; any route can be scripted to fail.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export interface RecordedCall {
  method: string;
  /** Decoded path without the `/api/v10` prefix, e.g. `/webhooks/1/tok/messages/@original`. */
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
  at: number;
}

export interface ScriptedFailure {
  method?: string;
  /** Matched against the decoded path (without `/api/v10`). */
  path: string | RegExp;
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** How many matching calls fail; default 1. */
  times?: number;
}

export interface FakeGuild {
  id: string;
  name: string;
  channels: { id: string; name: string }[];
}

export interface DispatchOptions {
  guildId?: string;
  channelId?: string;
  userId?: string;
  /** Member permission bits as a decimal string; default '0' (no Manage Channels). */
  permissions?: string;
  /** The bot's permission bits in the channel (`app_permissions`); default View Channel, Send Messages, Embed Links. */
  appPermissions?: string;
  /** The channel's type: 0 text (default), 11 a public thread. */
  channelType?: number;
}

/** Discord permission bits used in tests. */
export const PERMISSIONS = { ManageChannels: 1n << 4n, Administrator: 1n << 3n } as const;

const API_PREFIX = '/api/v10';

export class FakeDiscord {
  readonly calls: RecordedCall[] = [];
  /** Registered application commands by scope: `global` or a guild id. */
  readonly commands = new Map<string, Record<string, unknown>[]>();
  readonly gateway = { identifies: 0, resumes: 0, heartbeats: 0, connections: 0 };
  readonly botUser = { id: '900000000000000001', username: 'briefing', discriminator: '0', global_name: 'Briefing', avatar: null, bot: true };
  readonly applicationId: string;
  readonly guilds: FakeGuild[];
  /** Heartbeat interval announced in HELLO (Discord uses ~41 s; tests use less). */
  heartbeatIntervalMs = 41_250;
  /** Artificial delay before each REST answer, for load tests. */
  restDelayMs = 0;

  private readonly failures: ScriptedFailure[] = [];
  private readonly sockets = new Set<WebSocket>();
  private readonly listeners = new Set<(call: RecordedCall) => void>();
  private nextId = 1_000_000_000_000_000_000n;
  private seq = 0;
  private sessionId = '';
  private readonly messages = new Map<string, Record<string, unknown>>();
  /** The bot's DM channel with each user it opened one with (POST /users/@me/channels), by user id. */
  readonly dmChannels = new Map<string, string>();

  private constructor(
    private readonly server: Server,
    private readonly wss: WebSocketServer,
    readonly port: number,
    opts: { applicationId: string; guilds: FakeGuild[] },
  ) {
    this.applicationId = opts.applicationId;
    this.guilds = opts.guilds;
  }

  static async start(opts: { applicationId?: string; guilds?: FakeGuild[] } = {}): Promise<FakeDiscord> {
    const server = createServer();
    const wss = new WebSocketServer({ noServer: true });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const port = (server.address() as AddressInfo).port;
    const fake = new FakeDiscord(server, wss, port, {
      applicationId: opts.applicationId ?? '800000000000000001',
      guilds: opts.guilds ?? [{ id: '700000000000000001', name: 'Newsroom', channels: [{ id: '600000000000000001', name: 'news' }] }],
    });
    server.on('request', (req, res) => void fake.onRequest(req, res));
    server.on('upgrade', (req, socket, head) => {
      if (!req.url?.startsWith('/gateway')) return socket.destroy();
      wss.handleUpgrade(req, socket, head, (ws) => fake.onSocket(ws));
    });
    return fake;
  }

  /** Base URL for discord.js `rest.api` (the client appends `/v10`). */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}/gateway`;
  }

  get guild(): FakeGuild {
    return this.guilds[0]!;
  }

  snowflake(): string {
    return String(this.nextId++);
  }

  fail(failure: ScriptedFailure): void {
    this.failures.push({ times: 1, ...failure });
  }

  /** Calls matching method and path (a string matches exactly, a RegExp anywhere). */
  callsTo(method: string, path: string | RegExp): RecordedCall[] {
    return this.calls.filter((c) => c.method === method && matches(path, c.path));
  }

  /** Resolves with the first call (already recorded or future) that satisfies `pred`. */
  waitForCall(pred: (c: RecordedCall) => boolean, timeoutMs = 5_000, after = 0): Promise<RecordedCall> {
    const seen = this.calls.slice(after).find(pred);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        reject(new Error(`fake discord: no matching call within ${timeoutMs} ms; calls: ${this.calls.map((c) => `${c.method} ${c.path}`).join(', ')}`));
      }, timeoutMs);
      const listener = (c: RecordedCall) => {
        if (!pred(c)) return;
        clearTimeout(timer);
        this.listeners.delete(listener);
        resolve(c);
      };
      this.listeners.add(listener);
    });
  }

  /** Calls `fn` for every REST call as it arrives; returns an unsubscribe function. */
  onCall(fn: (call: RecordedCall) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  // ---- gateway ----

  /** Resolves once a client has identified (or resumed) `count` times in total. */
  async waitForSessions(count: number, timeoutMs = 10_000): Promise<void> {
    const start = Date.now();
    while (this.gateway.identifies + this.gateway.resumes < count) {
      if (Date.now() - start > timeoutMs) throw new Error(`fake discord: ${count} sessions not reached`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** Closes every gateway socket with `code` (4000 = unknown error, which discord.js resumes after). */
  closeGateway(code = 4000): void {
    for (const ws of this.sockets) ws.close(code, 'fake gateway closing');
  }

  dispatch(t: string, d: unknown): void {
    const payload = JSON.stringify({ op: 0, t, s: ++this.seq, d });
    for (const ws of this.sockets) ws.send(payload);
  }

  /**
   * Sends INTERACTION_CREATE for `/brief <subcommand…>` (type 2) or autocomplete (type 4).
   * `options` is the top-level option list of the command (subcommands and their options).
   */
  dispatchInteraction(
    options: unknown[],
    opts: DispatchOptions & { type?: 2 | 4; commandName?: string } = {},
  ): { id: string; token: string } {
    const payload = this.interactionPayload(options, opts);
    this.dispatch('INTERACTION_CREATE', payload);
    return { id: payload.id, token: payload.token };
  }

  /** The interaction object Discord sends, over the gateway or POSTed to an HTTP interactions endpoint. */
  interactionPayload(
    options: unknown[],
    opts: DispatchOptions & { type?: 1 | 2 | 4; commandName?: string } = {},
  ): Record<string, unknown> & { id: string; token: string } {
    const id = this.snowflake();
    const token = `itoken-${id}`;
    const guildId = opts.guildId ?? this.guild.id;
    const channelId = opts.channelId ?? this.guild.channels[0]!.id;
    const user = { id: opts.userId ?? '500000000000000001', username: 'reader', discriminator: '0', global_name: 'Reader', avatar: null };
    if (opts.type === 1) return { id, application_id: this.applicationId, type: 1, token, version: 1, user };
    return {
      id,
      application_id: this.applicationId,
      type: opts.type ?? 2,
      token,
      version: 1,
      guild_id: guildId,
      channel_id: channelId,
      channel: { id: channelId, type: opts.channelType ?? 0, guild_id: guildId, name: 'news', ...(opts.channelType === 11 ? { parent_id: this.guild.channels[0]!.id, thread_metadata: { archived: false, auto_archive_duration: 1440, archive_timestamp: '2025-01-01T00:00:00.000Z', locked: false } } : {}) },
      member: { user, roles: [], permissions: opts.permissions ?? '0', joined_at: '2025-01-01T00:00:00.000Z', deaf: false, mute: false, flags: 0 },
      app_permissions: opts.appPermissions ?? '19456',
      locale: 'en-GB',
      guild_locale: 'en-US',
      entitlements: [],
      authorizing_integration_owners: { '0': guildId },
      context: 0,
      data: { id: '400000000000000001', name: opts.commandName ?? 'brief', type: 1, guild_id: guildId, options },
    };
  }

  private onSocket(ws: WebSocket): void {
    this.sockets.add(ws);
    this.gateway.connections++;
    ws.on('close', () => this.sockets.delete(ws));
    ws.on('message', (raw) => this.onGatewayMessage(ws, String(raw)));
    ws.send(JSON.stringify({ op: 10, s: null, t: null, d: { heartbeat_interval: this.heartbeatIntervalMs } }));
  }

  private onGatewayMessage(ws: WebSocket, raw: string): void {
    let msg: { op: number; d: any };
    try {
      msg = JSON.parse(raw);
    } catch {
      return ws.close(4002, 'Error while decoding payload.');
    }
    if (msg.op === 1) {
      this.gateway.heartbeats++;
      ws.send(JSON.stringify({ op: 11, s: null, t: null, d: null }));
    } else if (msg.op === 2) {
      this.gateway.identifies++;
      this.sessionId = `session-${this.gateway.identifies}`;
      const send = (t: string, d: unknown) => ws.send(JSON.stringify({ op: 0, t, s: ++this.seq, d }));
      send('READY', {
        v: 10,
        user: this.botUser,
        guilds: this.guilds.map((g) => ({ id: g.id, unavailable: true })),
        session_id: this.sessionId,
        resume_gateway_url: this.gatewayUrl,
        shard: msg.d?.shard ?? [0, 1],
        application: { id: this.applicationId, flags: 0 },
        private_channels: [],
        presences: [],
        relationships: [],
        guild_join_requests: [],
        user_settings: {},
        geo_ordered_rtc_regions: [],
        _trace: ['fake-discord'],
      });
      for (const g of this.guilds) send('GUILD_CREATE', this.guildPayload(g));
    } else if (msg.op === 6) {
      this.gateway.resumes++;
      if (msg.d?.session_id !== this.sessionId) {
        ws.send(JSON.stringify({ op: 9, s: null, t: null, d: false }));
        return;
      }
      ws.send(JSON.stringify({ op: 0, t: 'RESUMED', s: ++this.seq, d: { _trace: ['fake-discord'] } }));
    }
  }

  private guildPayload(g: FakeGuild): Record<string, unknown> {
    return {
      id: g.id,
      name: g.name,
      icon: null,
      owner_id: '500000000000000099',
      afk_channel_id: null,
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      roles: [{ id: g.id, name: '@everyone', permissions: '0', position: 0, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 }],
      emojis: [],
      stickers: [],
      features: [],
      mfa_level: 0,
      system_channel_id: null,
      system_channel_flags: 0,
      rules_channel_id: null,
      vanity_url_code: null,
      description: null,
      banner: null,
      premium_tier: 0,
      preferred_locale: 'en-US',
      public_updates_channel_id: null,
      nsfw_level: 0,
      premium_progress_bar_enabled: false,
      joined_at: '2025-01-01T00:00:00.000Z',
      large: false,
      unavailable: false,
      member_count: 2,
      voice_states: [],
      members: [],
      channels: g.channels.map((c, i) => ({ id: c.id, type: 0, name: c.name, guild_id: g.id, position: i, permission_overwrites: [], topic: null, nsfw: false, parent_id: null, last_message_id: null, rate_limit_per_user: 0 })),
      threads: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }

  // ---- REST ----

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${this.port}`);
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: unknown = raw.length ? raw : undefined;
    if (String(req.headers['content-type'] ?? '').startsWith('application/json') && raw.length) {
      try {
        body = JSON.parse(raw);
      } catch {
        return this.json(res, 400, { message: 'Invalid JSON', code: 50109 });
      }
    }
    const fullPath = decodeURIComponent(url.pathname);
    const path = fullPath.startsWith(API_PREFIX) ? fullPath.slice(API_PREFIX.length) : fullPath;
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(', ') : String(v);
    const call: RecordedCall = { method: req.method ?? 'GET', path, query: Object.fromEntries(url.searchParams), headers, body, at: Date.now() };
    this.calls.push(call);
    for (const l of [...this.listeners]) l(call);
    if (this.restDelayMs) await new Promise((r) => setTimeout(r, this.restDelayMs));

    if (!fullPath.startsWith(API_PREFIX)) return this.json(res, 404, { message: '404: Not Found', code: 0 });
    const failure = this.failures.find((f) => (!f.method || f.method === call.method) && matches(f.path, path) && (f.times ?? 1) > 0);
    if (failure) {
      failure.times = (failure.times ?? 1) - 1;
      return this.json(res, failure.status, failure.body ?? { message: `scripted ${failure.status}`, code: 0 }, failure.headers);
    }
    try {
      this.route(call, res);
    } catch (err) {
      this.json(res, 500, { message: (err as Error).message, code: 0 });
    }
  }

  private route(call: RecordedCall, res: ServerResponse): void {
    const { method, path } = call;
    const auth = call.headers['authorization'];
    const needsBot = !path.startsWith('/interactions/') && !path.startsWith('/webhooks/');
    if (needsBot && !auth?.startsWith('Bot ')) return this.json(res, 401, { message: '401: Unauthorized', code: 0 });

    let m: RegExpMatchArray | null;
    if (method === 'GET' && path === '/gateway/bot') {
      return this.json(res, 200, { url: this.gatewayUrl, shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 } });
    }
    if (method === 'GET' && path === '/users/@me') return this.json(res, 200, this.botUser);
    if (method === 'GET' && path === '/users/@me/guilds') return this.json(res, 200, this.guilds.map((g) => ({ id: g.id, name: g.name, icon: null, owner: false, permissions: '0', features: [] })));
    if (method === 'GET' && path === '/applications/@me') return this.json(res, 200, { id: this.applicationId, name: 'Briefing', flags: 0, bot_public: false });
    if ((m = path.match(/^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/))) {
      if (m[1] !== this.applicationId) return this.json(res, 403, { message: 'Missing Access', code: 50001 });
      const scope = m[2] ?? 'global';
      if (method === 'GET') return this.json(res, 200, this.commands.get(scope) ?? []);
      if (method === 'PUT' && Array.isArray(call.body)) {
        const stored = (call.body as Record<string, unknown>[]).map((c) => this.storedCommand(c, m![2]));
        this.commands.set(scope, stored);
        return this.json(res, 200, stored);
      }
    }
    if (method === 'POST' && (m = path.match(/^\/interactions\/(\d+)\/([^/]+)\/callback$/))) {
      if (call.query['with_response'] === 'true') return this.json(res, 200, { interaction: { id: m[1], type: 2 } });
      return this.empty(res);
    }
    if ((m = path.match(/^\/webhooks\/(\d+)\/([^/]+)\/messages\/([^/]+)$/))) {
      const key = `${m[2]}/${m[3]}`;
      if (method === 'PATCH') {
        const msg = this.message(this.guild.channels[0]!.id, call.body, this.messages.get(key)?.['id'] as string | undefined);
        this.messages.set(key, msg);
        return this.json(res, 200, msg);
      }
      if (method === 'GET') {
        const msg = this.messages.get(key);
        return msg ? this.json(res, 200, msg) : this.json(res, 404, { message: 'Unknown Message', code: 10008 });
      }
      if (method === 'DELETE') {
        this.messages.delete(key);
        return this.empty(res);
      }
    }
    if (method === 'POST' && (m = path.match(/^\/webhooks\/(\d+)\/([^/]+)$/))) {
      return this.json(res, 200, this.message(this.guild.channels[0]!.id, call.body));
    }
    if (method === 'POST' && path === '/users/@me/channels') {
      // Create DM: the same channel every time for one person.
      const recipient = String((call.body as { recipient_id?: unknown } | undefined)?.recipient_id ?? '');
      if (!/^\d{15,21}$/.test(recipient)) return this.json(res, 400, { message: 'Invalid Form Body', code: 50035 });
      let id = this.dmChannels.get(recipient);
      if (!id) this.dmChannels.set(recipient, (id = this.snowflake()));
      return this.json(res, 200, { id, type: 1, last_message_id: null, flags: 0, recipients: [{ id: recipient, username: 'reader', discriminator: '0', global_name: 'Reader', avatar: null }] });
    }
    if (method === 'POST' && (m = path.match(/^\/channels\/(\d+)\/messages$/)) && [...this.dmChannels.values()].includes(m[1]!)) {
      return this.json(res, 200, this.message(m[1]!, call.body));
    }
    if ((m = path.match(/^\/channels\/(\d+)(\/messages)?$/))) {
      const channel = this.guilds.flatMap((g) => g.channels.map((c) => ({ ...c, guild: g.id }))).find((c) => c.id === m![1]);
      if (!channel) return this.json(res, 404, { message: 'Unknown Channel', code: 10003 });
      if (method === 'GET' && !m[2]) {
        return this.json(res, 200, { id: channel.id, type: 0, name: channel.name, guild_id: channel.guild, position: 0, permission_overwrites: [], nsfw: false, parent_id: null });
      }
      if (method === 'POST' && m[2]) return this.json(res, 200, this.message(channel.id, call.body));
    }
    this.json(res, 404, { message: '404: Not Found', code: 0 });
  }

  private storedCommand(c: Record<string, unknown>, guildId: string | undefined): Record<string, unknown> {
    // What Discord answers: the definition plus server-side fields and defaults.
    return {
      id: this.snowflake(),
      application_id: this.applicationId,
      version: this.snowflake(),
      type: 1,
      default_member_permissions: null,
      dm_permission: true,
      nsfw: false,
      integration_types: [0],
      contexts: null,
      ...(guildId ? { guild_id: guildId } : {}),
      ...c,
    };
  }

  private message(channelId: string, body: unknown, id?: string): Record<string, unknown> {
    const b = (body ?? {}) as Record<string, unknown>;
    return {
      id: id ?? this.snowflake(),
      channel_id: channelId,
      type: 0,
      author: this.botUser,
      content: b['content'] ?? '',
      embeds: b['embeds'] ?? [],
      attachments: [],
      mentions: [],
      mention_roles: [],
      mention_everyone: false,
      pinned: false,
      tts: false,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      flags: b['flags'] ?? 0,
      components: [],
    };
  }

  private json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
    res.end(text);
  }

  /** 204 with no body and, as Discord does, no JSON content type. */
  private empty(res: ServerResponse): void {
    res.writeHead(204);
    res.end();
  }

  async close(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}

function matches(pattern: string | RegExp, path: string): boolean {
  return typeof pattern === 'string' ? pattern === path : pattern.test(path);
}

/** The headers and body Discord sends with a 429, in the shape discord.js reads. */
export function rateLimited(retryAfterSeconds: number, global = false): Pick<ScriptedFailure, 'status' | 'body' | 'headers'> {
  return {
    status: 429,
    body: { message: 'You are being rate limited.', retry_after: retryAfterSeconds, global, code: 0 },
    headers: {
      'retry-after': String(retryAfterSeconds),
      'x-ratelimit-limit': '5',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset-after': String(retryAfterSeconds),
      'x-ratelimit-bucket': 'fakebucket',
      'x-ratelimit-scope': global ? 'global' : 'user',
      ...(global ? { 'x-ratelimit-global': 'true' } : {}),
    },
  };
}
