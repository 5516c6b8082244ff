// The Discord adapter: a discord.js Client with the Guilds intent only (no privileged intents),
// serving `/brief` and delivering digests. `start()` logs in, waits for the guilds, and makes sure
// the command registration matches the definition (a registration failure is logged, not fatal).
import { once } from 'node:events';
import { Client, Events, GatewayIntentBits, type Interaction } from 'discord.js';
import type { Config } from '../../config/schema.ts';
import type { Briefing } from '../../core/commands/types.ts';
import type { DigestPoster } from '../../core/delivery/types.ts';
import { redact, type Logger } from '../../log.ts';
import { handleAutocomplete } from './autocomplete.ts';
import { handleCommand } from './interactions.ts';
import { createDiscordPoster } from './poster.ts';
import { registerCommands } from './register.ts';

export interface DiscordAdapterOptions {
  config: Config['discord'];
  briefing: Briefing;
  logger: Logger;
  /** Answers slower than this are deferred (Discord's window is 3 s). Default 1500 ms. */
  deferAfterMs?: number;
  /** Check and update the `/brief` registration on start. Default true. */
  register?: boolean;
  /** Rate limits longer than this are not waited out: delivery reports `retry` instead. Default 10 s. */
  maxRateLimitWaitMs?: number;
}

export interface DiscordAdapter {
  start(): Promise<void>;
  stop(): Promise<void>;
  poster: DigestPoster;
  client: Client;
  /** Settles when Discord closes the gateway for good (4004 a reset token, 4014 an intent not allowed…). */
  fatal: Promise<Error>;
}

/** Gateway close codes after which discord.js never reconnects, and what the operator must do. */
const FOR_GOOD: Record<number, string> = {
  4004: 'Discord closed the gateway with 4004 (authentication failed): the bot token was reset or is wrong. Put the current token in DISCORD_TOKEN (Bot > Reset Token in the developer portal).',
  4010: 'Discord closed the gateway with 4010 (invalid shard).',
  4011: 'Discord closed the gateway with 4011 (sharding required): the bot is in too many servers for one connection.',
  4012: 'Discord closed the gateway with 4012 (invalid API version).',
  4013: 'Discord closed the gateway with 4013 (invalid intents).',
  4014: 'Discord closed the gateway with 4014 (disallowed intents): enable the intent in the developer portal, or run without it.',
};

export function createDiscordAdapter(opts: DiscordAdapterOptions): DiscordAdapter {
  const { config, briefing } = opts;
  const logger = opts.logger.child('discord');
  const deps = { briefing, logger, deferAfterMs: opts.deferAfterMs ?? 1500 };
  const maxWait = opts.maxRateLimitWaitMs ?? 10_000;
  redact(config.token);

  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: { parse: [] },
    rest: {
      ...(config.apiUrl ? { api: config.apiUrl } : {}),
      rejectOnRateLimit: (info) => info.retryAfter > maxWait,
    },
  });

  // discord.js keeps an interaction's channel only when it is cached (threads often are not): its
  // type is read from the raw payload, which arrives just before the interaction event.
  const channelTypes = new Map<string, number>();
  client.on(Events.Raw, (packet: { t?: string; d?: { id?: string; channel?: { type?: number } } }) => {
    if (packet.t !== 'INTERACTION_CREATE' || !packet.d?.id || packet.d.channel?.type === undefined) return;
    channelTypes.set(packet.d.id, packet.d.channel.type);
    if (channelTypes.size > 1000) channelTypes.delete(channelTypes.keys().next().value!);
  });
  client.on(Events.InteractionCreate, (interaction: Interaction) => {
    const channelType = channelTypes.get(interaction.id);
    channelTypes.delete(interaction.id);
    if (interaction.isChatInputCommand()) void handleCommand(interaction, deps, channelType);
    else if (interaction.isAutocomplete()) void handleAutocomplete(interaction, briefing, logger);
  });
  client.on(Events.Error, (err) => logger.error('client error', { err }));
  client.on(Events.ShardError, (err, shard) => logger.warn('gateway error', { shard, err }));
  client.on(Events.ShardReconnecting, (shard) => logger.info('gateway reconnecting', { shard }));
  client.on(Events.ShardResume, (shard, replayed) => logger.info('gateway resumed', { shard, replayed }));
  let failed!: (err: Error) => void;
  const fatal = new Promise<Error>((resolve) => (failed = resolve));
  let stopping = false;
  client.on(Events.ShardDisconnect, (event, shard) => {
    logger.error('gateway disconnected for good', { shard, code: event.code });
    if (!stopping) failed(new Error(FOR_GOOD[event.code] ?? `Discord closed the gateway with ${event.code} and discord.js will not reconnect.`));
  });

  return {
    client,
    fatal,
    poster: createDiscordPoster(client, logger),
    async start() {
      if (!config.token) throw new Error('discord.token is not set: put the bot token in DISCORD_TOKEN');
      const ready = once(client, Events.ClientReady);
      try {
        await client.login(config.token);
      } catch (err) {
        const e = err as { code?: string; status?: number; message?: string };
        if (e.code === 'TokenInvalid' || e.status === 401) {
          throw new Error('Discord rejected the bot token (401). Check DISCORD_TOKEN: reset it under Bot in the developer portal.');
        }
        throw new Error(`could not connect to Discord: ${e.message ?? String(err)}`);
      }
      // stop() during the login (a SIGTERM at start-up) cannot cancel it: the gateway connects after
      // destroy() and would keep the process alive. Close it again here.
      if (stopping) {
        await client.destroy();
        throw new Error('stopped while logging in');
      }
      await ready;
      logger.info('connected', { user: client.user?.tag, guilds: client.guilds.cache.size });
      if (opts.register === false) return;
      // READY carries the bot's own application id: it is the one commands belong to. A different
      // DISCORD_APPLICATION_ID would register nothing (Discord answers 403 or 404), so it is named
      // loudly, and the id from Discord is used.
      const fromReady = client.application?.id;
      const configured = config.applicationId?.trim() || undefined;
      if (configured && fromReady && configured !== fromReady) {
        logger.error(`DISCORD_APPLICATION_ID is ${configured}, but this bot token belongs to application ${fromReady}: registering /brief for ${fromReady}. Fix DISCORD_APPLICATION_ID (or remove it: the id is read from Discord).`);
      }
      const applicationId = fromReady ?? configured;
      if (!applicationId) {
        logger.warn('cannot check /brief registration: no application id (set DISCORD_APPLICATION_ID)');
        return;
      }
      try {
        await registerCommands({ rest: client.rest, applicationId, guildId: config.guildId, logger });
      } catch (err) {
        logger.error('registering /brief failed; the bot keeps serving the registered version', { err });
      }
    },
    async stop() {
      stopping = true;
      await client.destroy();
    },
  };
}
