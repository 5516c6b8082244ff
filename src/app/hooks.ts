// The adapters this build runs. The platform and digest modules plug in here, one line each:
//
//   slack:     (d) => ({ name: 'slack', ...createSlackAdapter({ config: d.config.slack, briefing: d.briefing, logger: d.logger.child('slack') }) }),
//   discord:   (d) => ({ name: 'discord', ...createDiscordAdapter({ config: d.config.discord, briefing: d.briefing, logger: d.logger.child('discord') }) }),
//   digests:   (d) => createDigestCommands({ db: d.db(), store: d.store, config: d.config, logger: d.logger.child('digest') }),
//   scheduler: (d) => createScheduler({ db: d.db(), source: /* over */ d.store, posters: d.posters, config: d.config.digest, logger: d.logger.child('scheduler') }),
//
// (A spread loses class methods and getters: wrap a class instance as
// `{ name, start: () => a.start(), stop: () => a.stop(), poster: a.poster }` instead.)
import type { AppHooks } from './types.ts';

export const defaultHooks: AppHooks = {};
