// The adapters this build runs: each platform module and the digest module plug in here.
// (A spread would lose class methods and getters, so adapters are wrapped explicitly.)
import { createDiscordAdapter, createDiscordHttpAdapter } from '../adapters/discord/index.ts';
import { createSlackAdapter } from '../adapters/slack/index.ts';
import { digestHooks } from './digest-hooks.ts';
import { openInstallations } from './installations.ts';
import { webHooks } from './web-hooks.ts';
import type { DigestPoster } from '../core/delivery/types.ts';
import { sharedPostgres, type SharedPostgres } from '../store/postgres/shared.ts';
import type { AppDeps, AppHooks, PlatformAdapter } from './types.ts';

function platform(
  name: string,
  a: { start(): Promise<void>; stop(): Promise<void>; poster: DigestPoster; fatal?: Promise<Error> },
  shared: SharedPostgres | null = null,
): PlatformAdapter {
  return {
    name,
    async start() {
      // A database that cannot be used (unreachable, from a newer version) stops the start here, clearly.
      await shared?.ready;
      await a.start();
    },
    async stop() {
      try {
        await a.stop();
      } finally {
        await shared?.close();
      }
    },
    poster: a.poster,
    ...(a.fatal ? { fatal: a.fatal } : {}),
  };
}

/** The replica set's PostgreSQL (BRIEFING_DATABASE_URL) for this adapter, or null without one. */
function shared(d: AppDeps, name: string): SharedPostgres | null {
  if (!d.config.databaseUrl) return null;
  const log = d.logger.child('postgres');
  return sharedPostgres(d.config.databaseUrl, { applicationName: `briefing ${name}`, onError: (err) => log.warn('idle connection lost; reconnecting on next use', { error: err.message }) });
}

export const defaultHooks: AppHooks = {
  ...digestHooks,
  ...webHooks,
  slack: (d) => {
    const db = d.config.slack.clientId ? shared(d, 'slack') : null;
    return platform(
      'slack',
      createSlackAdapter({
        config: d.config.slack,
        briefing: d.briefing,
        logger: d.logger,
        logLevel: d.config.logLevel,
        ...(d.config.slack.clientId ? { installations: openInstallations(d, db) } : {}),
      }),
      db,
    );
  },
  discord: (d) => {
    if (!d.config.discord.publicKey) return platform('discord', createDiscordAdapter({ config: d.config.discord, briefing: d.briefing, logger: d.logger }));
    const db = shared(d, 'discord');
    return platform(
      'discord',
      createDiscordHttpAdapter({ config: d.config.discord, briefing: d.briefing, logger: d.logger, ...(db ? { replay: db.replayGuard('discord-interaction') } : {}) }),
      db,
    );
  },
};
