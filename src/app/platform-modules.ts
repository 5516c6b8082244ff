// The platform modules this build has, in one record: how each is imported (only when it is
// configured, so one-shot commands load no platform library), started as an adapter for
// `briefing start`, and built as a digest poster alone for a one-shot `briefing digest --run-due`.
// A new platform adds its adapter folder, its config file (config/platforms/) and one entry here.
import type { Config } from '../config/schema.ts';
import type { Briefing } from '../core/commands/types.ts';
import type { DigestPoster } from '../core/delivery/types.ts';
import type { Logger } from '../log.ts';
import type { SharedPostgres } from '../store/postgres/shared.ts';
import { openInstallations } from './installations.ts';
import { platformAdapter as platform } from './platform.ts';
import type { AppDeps, PlatformFactory } from './types.ts';

export interface PlatformModule {
  /** Imports the platform's library, once; called early so it loads while the briefing opens. */
  load(): Promise<unknown>;
  /** The running adapter for `briefing start`. */
  start: PlatformFactory;
  /** Its digest poster without serving commands, and how to let it go. */
  poster(d: { config: Config; briefing: Briefing; logger: Logger }): Promise<{ poster: DigestPoster; stop(): Promise<void> }>;
}

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

export const PLATFORM_MODULES: Readonly<Record<string, PlatformModule>> = {
  slack: {
    load: loadSlack,
    async start(d) {
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
    async poster(d) {
      const { createSlackAdapter } = await loadSlack();
      // Posting needs only the Web API: the app is built for its poster and never started.
      return { poster: createSlackAdapter({ config: d.config.slack, briefing: d.briefing, logger: d.logger }).poster, stop: async () => {} };
    },
  },
  discord: {
    load: loadDiscord,
    async start(d) {
      const { createDiscordAdapter, createDiscordHttpAdapter } = await loadDiscord();
      if (!d.config.discord.publicKey) return platform('discord', createDiscordAdapter({ config: d.config.discord, briefing: d.briefing, logger: d.logger }));
      const db = await shared(d, 'discord');
      return platform(
        'discord',
        createDiscordHttpAdapter({ config: d.config.discord, briefing: d.briefing, logger: d.logger, ...(db ? { replay: db.replayGuard('discord-interaction') } : {}) }),
        db,
      );
    },
    async poster(d) {
      const { createDiscordAdapter } = await loadDiscord();
      // The gateway login is what posting needs; the commands are not registered.
      const discord = createDiscordAdapter({ config: d.config.discord, briefing: d.briefing, logger: d.logger, register: false });
      await discord.start();
      return { poster: discord.poster, stop: () => discord.stop() };
    },
  },
};
