// The knowledge store wired to the real article loader and extractor: what `briefing start` and
// `briefing ask` open. (KnowledgeStore itself takes them as options so tests can substitute.) Asking
// over a store is composed in ./asking.ts, which answer workers load without the extractor.
// With BRIEFING_DATABASE_URL (config.databaseUrl) the store is the PostgreSQL one every replica
// shares; without it, the SQLite file at databasePath, as before. The PostgreSQL module (and `pg`)
// is loaded only when it is configured.
import { loadArticles } from '../core/articles/index.ts';
import { extractArticle } from '../core/extract/index.ts';
import type { Logger } from '../log.ts';
import { digestArticles } from '../store/sqlite/digest.ts';
import type { DigestArticles } from '../store/types.ts';
import type { ArticleLoader } from '../store/ingest/sync.ts';
import { KnowledgeStore, type ExtractWorkerSpec } from '../store/sqlite/knowledge/store.ts';
import type { PgKnowledgeStore } from '../store/postgres/knowledge/store.ts';
import { beside } from '../workers/spawn.ts';

/**
 * The store's extraction workers (one bounded pool): the real extractor, the article loader (content
 * sync loads files in the workers) and the web readers (Readability over linkedom, feedsmith), for a
 * bot that fetches in this thread (the web fetcher thread reads its own).
 */
export const EXTRACT_WORKER: ExtractWorkerSpec = {
  module: beside(import.meta.url, '../core/extract/index.ts'),
  export: 'extractArticle',
  loader: { module: beside(import.meta.url, './knowledge.ts'), export: 'loadForStore' },
  tasks: {
    page: { module: beside(import.meta.url, '../web/page.ts'), export: 'readPage' },
    'page-bytes': { module: beside(import.meta.url, '../web/bytes.ts'), export: 'pageFromBytes' },
    'feed-bytes': { module: beside(import.meta.url, '../web/bytes.ts'), export: 'feedFromBytes' },
  },
  // Below the thread that acknowledges commands: ingest has minutes, an ack has 3 s.
  nice: 10,
};

/** The one article loader: every command that syncs content words article errors the same way. */
export const loadForStore: ArticleLoader = (paths, opts) => {
  const { articles, errors } = loadArticles(paths, opts);
  return { articles, errors: errors.map((e) => ({ path: e.path, line: e.line, message: `[${e.code}] ${e.message}`, severity: e.severity })) };
};

export function openKnowledgeStore(opts: { databasePath: string; readonly?: boolean; logger?: Logger }): KnowledgeStore {
  return KnowledgeStore.open({
    path: opts.databasePath,
    extract: extractArticle,
    extractWorker: EXTRACT_WORKER,
    load: loadForStore,
    readonly: opts.readonly,
    logger: opts.logger,
  });
}

/** The knowledge store the app runs on: the SQLite file, or the PostgreSQL the replicas share. */
export type BriefingStore = KnowledgeStore | PgKnowledgeStore;

export interface OpenKnowledgeOptions {
  databasePath: string;
  /** A postgres:// URL (BRIEFING_DATABASE_URL): knowledge lives there instead of the SQLite file. */
  databaseUrl?: string | undefined;
  readonly?: boolean;
  logger?: Logger;
  /** Shown in pg_stat_activity. */
  name?: string;
  /** A one-shot command: idle database connections do not keep the process alive. */
  oneShot?: boolean;
}

/** The knowledge store of this configuration, opened and up to date in its schema. */
export async function openKnowledge(opts: OpenKnowledgeOptions): Promise<BriefingStore> {
  if (!opts.databaseUrl) return openKnowledgeStore(opts);
  const { openPgKnowledge } = await import('../store/postgres/knowledge/open.ts');
  return openPgKnowledge({
    url: opts.databaseUrl,
    extract: extractArticle,
    extractWorker: EXTRACT_WORKER,
    load: loadForStore,
    ...(opts.logger ? { logger: opts.logger } : {}),
    ...(opts.name ? { name: opts.name } : {}),
    ...(opts.oneShot ? { oneShot: true } : {}),
  });
}

/** The store as digests read it: the SQLite store's synchronous methods promised, the PostgreSQL one as it is. */
export function digestSource(store: BriefingStore): DigestArticles {
  return store instanceof KnowledgeStore ? digestArticles(store) : store;
}
