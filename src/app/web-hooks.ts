// The web module's plug for the app's composition root (src/app/hooks.ts): its tables live in the
// same database as the digests' (the SQLite state file, or PostgreSQL with BRIEFING_DATABASE_URL:
// see web-storage.ts), migrated on first use.
// Where the work happens in a running bot: pages and feeds are fetched and read (charset, Readability,
// feedsmith) in the web fetcher thread, and articles extracted and written in the store's extraction
// workers; the thread that acknowledges commands only awaits them and writes the small feed rows.
import { dirname } from 'node:path';
import type { FeedRead, FetchedBytes, PageRead } from '../web/bytes.ts';
import { feedFromBytes, pageFromBytes } from '../web/bytes.ts';
import { SafeFetcher, type Resolver } from '../web/fetch.ts';
import { createWebModule, type WebModule, type WebModuleOptions } from '../web/index.ts';
import { readPage, type PageArticle, type PageInput, type PageRefusal } from '../web/page.ts';
import { LocalWebReader } from '../web/reader.ts';
import type { AppDeps, AppHooks } from './types.ts';

export interface AppWebOptions {
  /**
   * `worker` (the default): fetching and reading in the web fetcher thread. `pool`: fetching in this
   * thread, reading in the extraction workers (measured against `worker` by `npm run bench web`);
   * or a reader made from the policy.
   */
  fetching?: 'worker' | 'pool' | Exclude<WebModuleOptions['fetching'], string | undefined>;
  /** A module the fetcher thread loads name resolution from (benches on made-up host names). */
  resolver?: WebModuleOptions['resolver'];
  /** Name resolution for `pool`, which fetches in this thread. */
  resolve?: Resolver;
  poller?: WebModuleOptions['poller'];
}

export function createAppWebModule(d: AppDeps, opts: AppWebOptions = {}): WebModule {
  const store = d.store;
  return createWebModule({
    config: d.config.web,
    knowledge: { ingestArticles: (articles) => store.ingestArticlesAsync(articles), getExtraction: (id) => store.getExtraction(id) },
    fetching:
      opts.fetching === 'pool'
        ? (policy) =>
            new LocalWebReader(new SafeFetcher({ ...policy, ...(opts.resolve ? { resolve: opts.resolve } : {}) }), {
              page: (input: FetchedBytes & { minChars?: number }) => store.runTask<PageRead>('page-bytes', input, () => pageFromBytes(input)),
              feed: (input: FetchedBytes) => store.runTask<FeedRead>('feed-bytes', input, () => feedFromBytes(input)),
              html: (input: PageInput) => store.runTask<PageArticle | PageRefusal>('page', input, () => readPage(input)),
            })
        : (opts.fetching ?? 'worker'),
    ...(d.configSource ? { configDir: dirname(d.configSource) } : {}),
    ...(opts.resolver ? { resolver: opts.resolver } : {}),
    ...(opts.poller ? { poller: opts.poller } : {}),
    store: d.webStorage().store(),
    logger: d.logger.child('web'),
  });
}

export const webHooks = {
  web: (d) => createAppWebModule(d),
} satisfies Pick<AppHooks, 'web'>;
