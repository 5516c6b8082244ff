// The adapters this build runs: each platform module and the digest module plug in here.
// (A spread would lose class methods and getters, so adapters are wrapped explicitly.)
import { createDiscordAdapter, createDiscordHttpAdapter } from '../adapters/discord/index.ts';
import { createSlackAdapter } from '../adapters/slack/index.ts';
import { digestHooks } from './digest-hooks.ts';
import { openInstallations } from './installations.ts';
import { webHooks } from './web-hooks.ts';
import type { DigestPoster } from '../core/delivery/types.ts';
import type { AppHooks, PlatformAdapter } from './types.ts';

function platform(name: string, a: { start(): Promise<void>; stop(): Promise<void>; poster: DigestPoster; fatal?: Promise<Error> }): PlatformAdapter {
  return { name, start: () => a.start(), stop: () => a.stop(), poster: a.poster, ...(a.fatal ? { fatal: a.fatal } : {}) };
}

export const defaultHooks: AppHooks = {
  ...digestHooks,
  ...webHooks,
  slack: (d) =>
    platform(
      'slack',
      createSlackAdapter({
        config: d.config.slack,
        briefing: d.briefing,
        logger: d.logger,
        logLevel: d.config.logLevel,
        ...(d.config.slack.clientId ? { installations: openInstallations(d) } : {}),
      }),
    ),
  discord: (d) =>
    platform(
      'discord',
      d.config.discord.publicKey
        ? createDiscordHttpAdapter({ config: d.config.discord, briefing: d.briefing, logger: d.logger })
        : createDiscordAdapter({ config: d.config.discord, briefing: d.briefing, logger: d.logger }),
    ),
};
