// Discord's HTTP interactions endpoint mode: Discord POSTs each interaction to our URL, so any
// replica behind a load balancer can answer and none needs a gateway connection. Each request is
// verified (Ed25519 signature, timestamp within 5 minutes, not a replay) before anything else;
// PING gets PONG; `/brief` goes through the same answerCommand() as the gateway mode, its first
// answer in the HTTP response and later edits through the interaction webhook; digests post
// through REST. The gateway mode stays for a single instance.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PermissionFlagsBits, PermissionsBitField, REST, Routes } from 'discord.js';
import { DEFAULT_INTERACTIONS_PORT } from '../../../config/describe.ts';
import type { Config } from '../../../config/schema.ts';
import type { Briefing } from '../../../core/commands/types.ts';
import type { DigestPoster } from '../../../core/delivery/types.ts';
import { redact, type Logger } from '../../../log.ts';
import { autocompleteChoices } from '../autocomplete.ts';
import type { RawOption } from '../command-text.ts';
import type { DiscordMessage } from '../embeds.ts';
import { answerCommand, THREAD_TYPES, type CommandRequest, type Responder } from '../interactions.ts';
import { registerCommands } from '../register.ts';
import { createRestPoster, messageBody } from '../rest-poster.ts';
import { discordPublicKey, memoryReplayGuard, verifyInteraction, type ReplayGuard } from './verify.ts';

export const INTERACTIONS_PATH = '/discord/interactions';
const MAX_BODY_BYTES = 1 << 20;
const EPHEMERAL = 1 << 6;

/** Interaction and callback types of the Discord API. */
const enum Type {
  Ping = 1,
  Command = 2,
  Autocomplete = 4,
}
const enum Callback {
  Pong = 1,
  Message = 4,
  Deferred = 5,
  AutocompleteResult = 8,
}

export interface DiscordHttpAdapterOptions {
  config: Config['discord'];
  briefing: Briefing;
  logger: Logger;
  /** Shared by replicas (the database's), so a request replayed to another replica is refused too. */
  replay?: ReplayGuard;
  /** Interface to listen on; all when unset. Tests use 127.0.0.1. */
  host?: string;
  /** Answers slower than this are deferred (Discord's window is 3 s). Default 1500 ms. */
  deferAfterMs?: number;
  /** Check and update the `/brief` registration on start. Default true. */
  register?: boolean;
  /** Rate limits longer than this are not waited out: delivery reports `retry` instead. Default 10 s. */
  maxRateLimitWaitMs?: number;
  now?: () => number;
}

export interface DiscordHttpAdapter {
  start(): Promise<void>;
  stop(): Promise<void>;
  poster: DigestPoster;
  rest: REST;
  /** The bound port once started (useful with port 0), else null. */
  readonly port: number | null;
}

export function createDiscordHttpAdapter(opts: DiscordHttpAdapterOptions): DiscordHttpAdapter {
  const { config, briefing } = opts;
  const logger = opts.logger.child('discord');
  if (!config.publicKey) throw new Error('discord.publicKey is not set: put the application public key in DISCORD_PUBLIC_KEY');
  const key = discordPublicKey(config.publicKey);
  const applicationId = config.applicationId;
  if (!applicationId) throw new Error('discord.applicationId is not set: the HTTP interactions mode needs DISCORD_APPLICATION_ID');
  redact(config.token);
  const maxWait = opts.maxRateLimitWaitMs ?? 10_000;
  const rest = new REST({ ...(config.apiUrl ? { api: config.apiUrl } : {}), rejectOnRateLimit: (info) => info.retryAfter > maxWait });
  if (config.token) rest.setToken(config.token);
  const replay = opts.replay ?? memoryReplayGuard(opts.now);
  const deps = { briefing, logger, deferAfterMs: opts.deferAfterMs ?? 1500 };
  const inFlight = new Set<Promise<void>>();

  const server: Server = createServer((req, res) => {
    const work = handle(req, res).catch((err: unknown) => {
      logger.error('interaction request failed', { err });
      if (!res.headersSent) res.writeHead(500).end();
    });
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && path === '/healthz') return void res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    if (path !== INTERACTIONS_PATH) return void res.writeHead(404).end();
    if (req.method !== 'POST') return void res.writeHead(405, { allow: 'POST' }).end();
    const body = await readBody(req);
    if (!body) return void res.writeHead(413).end();
    const verdict = await verifyInteraction(
      { signature: header(req, 'x-signature-ed25519'), timestamp: header(req, 'x-signature-timestamp') },
      body,
      { key, replay, ...(opts.now ? { now: opts.now } : {}) },
    );
    if (!verdict.ok) {
      logger.warn('refused an interaction request', { reason: verdict.reason, from: req.socket.remoteAddress });
      return void res.writeHead(401, { 'content-type': 'text/plain' }).end('invalid request signature');
    }
    let interaction: RawInteraction;
    try {
      interaction = JSON.parse(body.toString('utf8')) as RawInteraction;
    } catch {
      return void res.writeHead(400, { 'content-type': 'text/plain' }).end('the body is not JSON');
    }
    switch (interaction.type) {
      case Type.Ping:
        return json(res, { type: Callback.Pong });
      case Type.Autocomplete: {
        const focused = findFocused(interaction.data?.options ?? []);
        let choices: Awaited<ReturnType<typeof autocompleteChoices>> = [];
        try {
          choices = focused ? await autocompleteChoices(briefing, focused.name, String(focused.value ?? ''), interaction.guild_id ?? null) : [];
        } catch (err) {
          logger.warn('autocomplete failed', { err });
        }
        return json(res, { type: Callback.AutocompleteResult, data: { choices } });
      }
      case Type.Command:
        return answerCommand(toRequest(interaction), httpResponder(interaction, res), deps);
      default:
        logger.warn('unsupported interaction type', { type: interaction.type });
        return void res.writeHead(400, { 'content-type': 'text/plain' }).end(`unsupported interaction type ${interaction.type}`);
    }
  }

  function httpResponder(interaction: RawInteraction, res: ServerResponse): Responder {
    let answered = false;
    const webhook = Routes.webhook(applicationId!, interaction.token);
    const original = Routes.webhookMessage(applicationId!, interaction.token, '@original');
    const respond = (payload: unknown) => {
      if (answered) throw new Error('this interaction was already answered');
      answered = true;
      json(res, payload);
    };
    return {
      reply: async (message: DiscordMessage, ephemeral: boolean) =>
        respond({ type: Callback.Message, data: messageBody(message, ephemeral ? EPHEMERAL : undefined) }),
      defer: async () => respond({ type: Callback.Deferred }),
      editReply: async (message) => void (await rest.patch(original, { body: messageBody(message), auth: false })),
      deleteReply: async () => void (await rest.delete(original, { auth: false })),
      followUp: async (message, ephemeral) => void (await rest.post(webhook, { body: messageBody(message, ephemeral ? EPHEMERAL : undefined), auth: false })),
      get answered() {
        return answered;
      },
    };
  }

  let port: number | null = null;
  return {
    rest,
    poster: createRestPoster(rest, logger),
    get port() {
      return port;
    },
    async start() {
      if (opts.register !== false) {
        if (!config.token) logger.warn('cannot check /brief registration: no bot token (set DISCORD_TOKEN)');
        else {
          try {
            await registerCommands({ rest, applicationId, guildId: config.guildId, logger });
          } catch (err) {
            logger.error('registering /brief failed; the bot keeps serving the registered version', { err });
          }
        }
      }
      const listenPort = config.interactionsPort ?? DEFAULT_INTERACTIONS_PORT;
      await new Promise<void>((resolve, reject) => {
        const onError = (err: NodeJS.ErrnoException) => reject(new Error(`Cannot listen on port ${listenPort} (${err.code ?? err.message}); choose another with DISCORD_INTERACTIONS_PORT`, { cause: err }));
        server.once('error', onError);
        server.listen(listenPort, opts.host, () => {
          server.off('error', onError);
          resolve();
        });
      });
      port = (server.address() as AddressInfo).port;
      logger.info('discord interactions endpoint listening', { port, path: INTERACTIONS_PATH });
    },
    async stop() {
      if (port === null) return;
      port = null;
      await new Promise<void>((resolve) => server.close(() => resolve()));
      // Let answers already deferred reach their users.
      await Promise.race([Promise.allSettled([...inFlight]), new Promise((r) => setTimeout(r, 5000).unref())]);
    },
  };
}

interface RawInteraction {
  id: string;
  type: number;
  token: string;
  guild_id?: string;
  channel_id?: string;
  channel?: { id: string; type?: number };
  member?: { user?: { id: string }; permissions?: string };
  app_permissions?: string;
  user?: { id: string };
  data?: { name: string; options?: RawOption[] };
}

function toRequest(i: RawInteraction): CommandRequest {
  const perms = i.member?.permissions;
  return {
    id: i.id,
    commandName: i.data?.name ?? '',
    options: i.data?.options ?? [],
    guildId: i.guild_id ?? null,
    channelId: i.channel_id ?? i.channel?.id ?? '',
    userId: i.member?.user?.id ?? i.user?.id ?? '',
    // As discord.js does: Administrator implies every permission.
    canManage: perms !== undefined && /^\d+$/.test(perms) ? new PermissionsBitField(BigInt(perms)).has(PermissionFlagsBits.ManageChannels) : false,
    appPermissions: i.guild_id && i.app_permissions && /^\d+$/.test(i.app_permissions) ? BigInt(i.app_permissions) : null,
    // Announcement, public and private threads.
    inThread: i.channel?.type !== undefined && THREAD_TYPES.has(i.channel.type),
  };
}

function findFocused(options: readonly (RawOption & { focused?: boolean })[]): (RawOption & { focused?: boolean }) | undefined {
  for (const o of options) {
    if (o.focused) return o;
    const inner = o.options ? findFocused(o.options) : undefined;
    if (inner) return inner;
  }
  return undefined;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

async function readBody(req: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks);
}

function json(res: ServerResponse, payload: unknown): void {
  const text = JSON.stringify(payload);
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }).end(text);
}
