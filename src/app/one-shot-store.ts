// The knowledge store for a one-shot command that syncs the content folder and then answers
// (`briefing ask`). Most runs find every file already stored, and the extractor (some 50 modules and
// the place gazetteer) is then never needed: the store is opened without it, and only when a file in
// the folder is new or has changed is it opened again the usual way (./knowledge.ts), extractor and
// all, before the sync. The sync itself is the store's usual one either way.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { listArticleFiles } from '../core/articles/files.ts';
import { KnowledgeStore } from '../store/sqlite/knowledge/store.ts';

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
 * The store at `databasePath`, ready to sync `contentDir` (when given): opened without the
 * extractor when the folder holds nothing new, else as app/knowledge.ts's openKnowledgeStore opens it.
 */
export async function openOneShotStore(opts: { databasePath: string; contentDir?: string }): Promise<KnowledgeStore> {
  const store = KnowledgeStore.open({
    path: opts.databasePath,
    // A file that changed between the check below and the sync (milliseconds) waits for the next
    // sync: it is not loaded, so nothing reaches `extract`.
    extract: (article) => {
      throw new Error(`${article.path}: no extractor in a store opened for unchanged content`);
    },
    load: (paths) => ({
      articles: [],
      errors: paths.map((path) => ({ path, message: 'changed while the content folder was being read: it is stored at the next sync', severity: 'error' as const })),
    }),
  });
  let fresh: boolean;
  try {
    fresh = opts.contentDir === undefined || store.readonly || contentIsStored(store, opts.contentDir);
  } catch (err) {
    store.close();
    throw err;
  }
  if (fresh) return store;
  store.close();
  const { openKnowledgeStore } = await import('./knowledge.ts');
  return openKnowledgeStore({ databasePath: opts.databasePath });
}
