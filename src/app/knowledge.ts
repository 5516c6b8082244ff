// The knowledge store wired to the real article loader and extractor: what `briefing start` opens
// (`briefing ask` opens it through ./one-shot-store.ts, which imports this only when a file changed).
// KnowledgeStore itself takes them as options so tests can substitute. Asking over a store is
// composed in ./asking.ts, which answer workers load without the extractor.
import { loadArticles } from '../core/articles/index.ts';
import { extractArticle } from '../core/extract/index.ts';
import type { Logger } from '../log.ts';
import type { ArticleLoader } from '../store/ingest/sync.ts';
import { KnowledgeStore } from '../store/sqlite/knowledge/store.ts';
import { EXTRACT_WORKER } from './extract-worker.ts';

export { EXTRACT_WORKER };

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
