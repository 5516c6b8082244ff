// The adapters this build runs. The platform and digest modules plug in here, one line each:
//
//   slack:     (d) => createSlackAdapter({ config: d.config.slack, briefing: d.briefing, logger: d.logger.child('slack') }),
//   discord:   (d) => createDiscordAdapter({ config: d.config.discord, briefing: d.briefing, logger: d.logger.child('discord') }),
//   digests:   (d) => createDigestCommands({ db: d.db(), store: d.store, config: d.config, logger: d.logger.child('digest') }),
//   scheduler: (d) => createScheduler({ db: d.db(), store: d.store, posters: d.posters, config: d.config, clock: systemClock, logger: d.logger.child('scheduler') }),
//
// (createSlackAdapter/createDiscordAdapter return { start, stop, poster }: add `name: 'slack'` /
// `name: 'discord'` with a spread if they do not carry one.)
import type { AppHooks } from './types.ts';

export const defaultHooks: AppHooks = {};
