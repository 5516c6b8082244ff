// The digest's source in the knowledge store: articles by when the store first saw them, with their
// extraction and body (DigestArticles in store/types.ts; store/sqlite/digest.ts promises them).
import type { Extraction } from '../../../core/model.ts';
import type { Db } from '../db.ts';

/** What the digest reads per article. */
export interface StoredArticle {
  extraction: Extraction;
  addedAt: number;
  body?: string;
}

/** Articles first seen after `since` (epoch ms), for digests. */
export function articlesAddedSince(db: Db, since: number): StoredArticle[] {
  return stored(db, 'WHERE added_at > ? ORDER BY added_at', since);
}

/** The `limit` most recently added articles, for digests. */
export function latestArticles(db: Db, limit: number): StoredArticle[] {
  return stored(db, 'ORDER BY added_at DESC, id LIMIT ?', limit);
}

function stored(db: Db, where: string, arg: number): StoredArticle[] {
  return db
    .prepare<[number], { extraction: string; added_at: number; body: string | null }>(`SELECT extraction, added_at, body FROM articles ${where}`)
    .all(arg)
    .map((r) => ({ extraction: JSON.parse(r.extraction) as Extraction, addedAt: r.added_at, ...(r.body !== null ? { body: r.body } : {}) }));
}
