// The knowledge store for a one-shot command that syncs the content folder and then answers
// (`briefing ask`). Most runs find every file already stored, and the extractor (some 50 modules and
// the place gazetteer) is then never needed: it is imported only when a file in the folder is new
// or has changed, before the sync that extracts it. The sync itself is the store's usual one.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { listArticleFiles } from '../core/articles/files.ts';
import type { Article, Extraction } from '../core/model.ts';
import type { ArticleLoader } from '../store/ingest/sync.ts';
import { KnowledgeStore } from '../store/sqlite/knowledge/store.ts';
import { EXTRACT_WORKER } from './extract-worker.ts';

/** The extractor and article loader, once imported. */
interface Extractor {
  extract: (article: Article) => Extraction;
  load: ArticleLoader;
}

/**
 * Whether every article file in `dir` is stored with its current bytes (so a sync extracts
 * nothing). Anything it cannot tell (an unreadable file, a listing error) counts as a change.
 */
export function contentIsStored(store: KnowledgeStore, dir: string): boolean {
  if (!existsSync(dir)) return true;
  const listed = listArticleFiles(dir);
  if (listed.errors.length) return false;
  const stored = new Map(store.listArticles().map((a) => [resolve(a.path), a.hash]));
  for (const f of listed.files) {
    const hash = stored.get(resolve(f));
    if (hash === undefined) return false;
    try {
      if (createHash('sha256').update(readFileSync(f)).digest('hex') !== hash) return false;
    } catch {
      return false;
    }
  }
  return true;
}

/**
 * Opens the store at `databasePath` (as app/knowledge.ts's openKnowledgeStore does) and, when
 * `contentDir` is given, imports the extractor if a sync of it will have something to extract.
 */
export async function openOneShotStore(opts: { databasePath: string; contentDir?: string }): Promise<KnowledgeStore> {
  let extraction: Extractor | null = null;
  const store = KnowledgeStore.open({
    path: opts.databasePath,
    extractWorker: EXTRACT_WORKER,
    extract: (article) => {
      if (!extraction) throw new Error(`the extractor is not loaded (${article.path} changed after the content folder was checked)`);
      return extraction.extract(article);
    },
    // A file that changed between the check and the sync (milliseconds) waits for the next sync.
    load: (paths, o) =>
      extraction?.load(paths, o) ?? { articles: [], errors: paths.map((path) => ({ path, message: 'changed while the content folder was being read: it is stored at the next sync', severity: 'error' as const })) },
  });
  try {
    if (opts.contentDir !== undefined && !store.readonly && !contentIsStored(store, opts.contentDir)) {
      const [{ extractArticle }, { loadForStore }] = await Promise.all([import('../core/extract/index.ts'), import('./knowledge.ts')]);
      extraction = { extract: extractArticle, load: loadForStore };
    }
  } catch (err) {
    store.close();
    throw err;
  }
  return store;
}
