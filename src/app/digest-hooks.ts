// The digest module's plug for the app's composition root (src/app/hooks.ts): spread into the
// hooks, `{ ...digestHooks, slack: …, discord: … }`. The scheduler always gets the console poster
// too, so console subscriptions print their digests, with or without platform tokens.
// Subscriptions and the ledger live in PostgreSQL when BRIEFING_DATABASE_URL is set (see
// digest-storage.ts), so every replica runs the same schedule and each channel is posted once.
import { createConsolePoster } from '../adapters/console/poster.ts';
import type { AppHooks } from './types.ts';
import { openDigestStorage } from './digest-storage.ts';
import { createDigestCommands } from '../scheduling/commands.ts';
import { createScheduler } from '../scheduling/scheduler.ts';
import { digestSource } from './knowledge.ts';

export const digestHooks = {
  digests: (d) => {
    // Lives as long as the process; idle connections do not hold a one-shot command open.
    const { storage } = openDigestStorage({ databaseUrl: d.config.databaseUrl, stateDb: d.db, logger: d.logger, name: 'digest commands', oneShot: true });
    return createDigestCommands({ storage, source: digestSource(d.store), config: d.config, visibility: d.webStorage().digestVisibility });
  },
  scheduler: (d) => {
    const opened = openDigestStorage({ databaseUrl: d.config.databaseUrl, stateDb: d.db, logger: d.logger, name: 'digest scheduler' });
    const scheduler = createScheduler({
      storage: opened.storage,
      source: digestSource(d.store),
      visibility: d.webStorage().digestVisibility,
      posters: [createConsolePoster(), ...d.posters],
      config: d.config,
      logger: d.logger,
      ...(d.configSource ? { configSource: d.configSource } : {}),
    });
    return {
      name: 'digest scheduler',
      async start() {
        // A database that cannot be used (unreachable, from a newer version) stops the start here, clearly.
        await opened.ready;
        d.logger.child('digest').info('digest subscriptions and delivery ledger', { backend: opened.backend });
        await scheduler.start();
      },
      async stop() {
        try {
          await scheduler.stop();
        } finally {
          await opened.close();
        }
      },
    };
  },
} satisfies Pick<AppHooks, 'digests' | 'scheduler'>;
