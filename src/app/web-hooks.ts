// The web module's plug for the app's composition root (src/app/hooks.ts): its tables live in the
// same database as the digests', migrated on first use.
import { migrate } from '../store/sqlite/db.ts';
import { SqliteWebStore, webMigrations } from '../store/sqlite/web.ts';
import { createWebModule } from '../web/index.ts';
import { readPage, type PageInput } from '../web/page.ts';
import type { AppHooks } from './types.ts';

export const webHooks = {
  web: (d) => {
    const db = d.db();
    migrate(db, webMigrations);
    const store = d.store;
    return createWebModule({
      config: d.config.web,
      // Pages are read, and articles extracted and written, in the store's extraction workers: the
      // thread that acknowledges commands only awaits them.
      knowledge: { ingestArticles: (articles) => store.ingestArticlesAsync(articles), getExtraction: (id) => store.getExtraction(id) },
      readPage: (input: PageInput) => store.runTask('page', input, () => readPage(input)),
      store: new SqliteWebStore(db),
      logger: d.logger.child('web'),
    });
  },
} satisfies Pick<AppHooks, 'web'>;
