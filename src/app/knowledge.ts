// The knowledge store wired to the real article loader and extractor: what `briefing start` and
// `briefing ask` open. (KnowledgeStore itself takes them as options so tests can substitute.) Asking
// over a store is composed in ./asking.ts, which answer workers load without the extractor.
import { loadArticles } from '../core/articles/index.ts';
import { extractArticle } from '../core/extract/index.ts';
import type { Logger } from '../log.ts';
import type { ArticleLoader } from '../store/ingest/sync.ts';
import { KnowledgeStore, type ExtractWorkerSpec } from '../store/sqlite/knowledge/store.ts';
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
