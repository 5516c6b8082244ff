// The adapters this build runs: each platform module and the digest module plug in here.
// (A spread would lose class methods and getters, so adapters are wrapped explicitly.)
import { createDiscordAdapter } from '../adapters/discord/index.ts';
import { createSlackAdapter } from '../adapters/slack/index.ts';
import { digestHooks } from '../scheduling/app-hooks.ts';
import type { AppHooks } from './types.ts';

export const defaultHooks: AppHooks = {
  ...digestHooks,
  slack: (d) => {
    const a = createSlackAdapter({ config: d.config.slack, briefing: d.briefing, logger: d.logger, logLevel: d.config.logLevel });
    return { name: 'slack', start: () => a.start(), stop: () => a.stop(), poster: a.poster };
  },
  discord: (d) => {
    const a = createDiscordAdapter({ config: d.config.discord, briefing: d.briefing, logger: d.logger.child('discord') });
    return { name: 'discord', start: () => a.start(), stop: () => a.stop(), poster: a.poster };
  },
};
