// The adapters this build runs: each platform module and the digest module plug in here.
// (A spread would lose class methods and getters, so adapters are wrapped explicitly: platform.ts,
// which also gives a platform without cards the plain-text renderer.)
// A platform's module (and Bolt or discord.js with it) is imported only when that platform is
// configured and starts, so one-shot commands (`briefing brief`, the console) load neither.
import { digestHooks } from './digest-hooks.ts';
import { openInstallations } from './installations.ts';
import { webHooks } from './web-hooks.ts';
import type { SharedPostgres } from '../store/postgres/shared.ts';
import { platformAdapter as platform } from './platform.ts';
import type { AppDeps, AppHooks } from './types.ts';

/** The replica set's PostgreSQL (BRIEFING_DATABASE_URL) for this adapter, or null without one. */
async function shared(d: AppDeps, name: string): Promise<SharedPostgres | null> {
  if (!d.config.databaseUrl) return null;
  const { sharedPostgres } = await import('../store/postgres/shared.ts');
  const log = d.logger.child('postgres');
  return sharedPostgres(d.config.databaseUrl, { applicationName: `briefing ${name}`, onError: (err) => log.warn('idle connection lost; reconnecting on next use', { error: err.message }) });
}

// Each platform's module, imported once, on first use.
let slackModule: Promise<typeof import('../adapters/slack/index.ts')> | null = null;
let discordModule: Promise<typeof import('../adapters/discord/index.ts')> | null = null;
const loadSlack = () => (slackModule ??= import('../adapters/slack/index.ts'));
const loadDiscord = () => (discordModule ??= import('../adapters/discord/index.ts'));

export const defaultHooks: AppHooks = {
  prepare(platforms) {
    // Catching here only keeps an early failure unhandled-free; the factory awaits the same promise and reports it.
    if (platforms.includes('slack')) loadSlack().catch(() => {});
    if (platforms.includes('discord')) loadDiscord().catch(() => {});
  },
  ...digestHooks,
  ...webHooks,
  platforms: {
    slack: async (d) => {
      const { createSlackAdapter } = await loadSlack();
      const db = d.config.slack.clientId ? await shared(d, 'slack') : null;
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
    discord: async (d) => {
      const { createDiscordAdapter, createDiscordHttpAdapter } = await loadDiscord();
      if (!d.config.discord.publicKey) return platform('discord', createDiscordAdapter({ config: d.config.discord, briefing: d.briefing, logger: d.logger }));
      const db = await shared(d, 'discord');
      return platform(
        'discord',
        createDiscordHttpAdapter({ config: d.config.discord, briefing: d.briefing, logger: d.logger, ...(db ? { replay: db.replayGuard('discord-interaction') } : {}) }),
        db,
      );
    },
  },
};
