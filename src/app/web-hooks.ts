// The web module's plug for the app's composition root (src/app/hooks.ts): its tables live in the
// same database as the digests' (the SQLite state file, or PostgreSQL with BRIEFING_DATABASE_URL:
// see web-storage.ts), migrated on first use.
import { createWebModule } from '../web/index.ts';
import { readPage, type PageInput } from '../web/page.ts';
import type { AppHooks } from './types.ts';

export const webHooks = {
  web: (d) => {
    const store = d.store;
    return createWebModule({
      config: d.config.web,
      // Pages are read, and articles extracted and written, in the store's extraction workers: the
      // thread that acknowledges commands only awaits them.
      knowledge: { ingestArticles: (articles) => store.ingestArticlesAsync(articles), getExtraction: (id) => store.getExtraction(id) },
      readPage: (input: PageInput) => store.runTask('page', input, () => readPage(input)),
      store: d.webStorage().store(),
      logger: d.logger.child('web'),
    });
  },
} satisfies Pick<AppHooks, 'web'>;
