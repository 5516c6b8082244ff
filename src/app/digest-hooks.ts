// The digest module's plug for the app's composition root (src/app/hooks.ts): spread into the
// hooks, `{ ...digestHooks, slack: …, discord: … }`. The scheduler always gets the console poster
// too, so console subscriptions print their digests, with or without platform tokens.
import { createConsolePoster } from '../adapters/console/poster.ts';
import type { AppHooks } from './types.ts';
import { createDigestCommands } from '../scheduling/commands.ts';
import { createScheduler } from '../scheduling/scheduler.ts';
import { digestArticles, sqliteDigestStorage } from '../store/sqlite/digest.ts';
import { sqliteVisibility } from '../store/sqlite/web.ts';

export const digestHooks = {
  digests: (d) => createDigestCommands({ storage: sqliteDigestStorage(d.db()), source: digestArticles(d.store), config: d.config, visibility: sqliteVisibility(d.db()) }),
  scheduler: (d) => {
    const scheduler = createScheduler({
      storage: sqliteDigestStorage(d.db()),
      source: digestArticles(d.store),
      visibility: sqliteVisibility(d.db()),
      posters: [createConsolePoster(), ...d.posters],
      config: d.config,
      logger: d.logger,
      ...(d.configSource ? { configSource: d.configSource } : {}),
    });
    return { name: 'digest scheduler', start: () => scheduler.start(), stop: () => scheduler.stop() };
  },
} satisfies Pick<AppHooks, 'digests' | 'scheduler'>;
