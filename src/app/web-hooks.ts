// The web module's plug for the app's composition root (src/app/hooks.ts): its tables live in the
// same database as the digests', migrated on first use.
import { migrate } from '../store/sqlite/db.ts';
import { SqliteWebStore, webMigrations } from '../store/sqlite/web.ts';
import { createWebModule } from '../web/index.ts';
import type { AppHooks } from './types.ts';

export const webHooks = {
  web: (d) => {
    const db = d.db();
    migrate(db, webMigrations);
    return createWebModule({ config: d.config.web, knowledge: d.store, store: new SqliteWebStore(db), logger: d.logger.child('web') });
  },
} satisfies Pick<AppHooks, 'web'>;
