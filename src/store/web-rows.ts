// The rows of the web tables as both backends read them (the same columns in SQLite and PostgreSQL),
// and their mapping to the records of ./web.ts.
import type { FeedChannel, FeedPatch, FeedRecord, WebArticleRecord } from './web.ts';

export interface ArticleRow {
  article_id: string;
  scope: string;
  url: string;
  canonical_url: string;
  text_hash: string;
  title: string;
  feed_id: number | null;
  added_by: string | null;
  added_at: number;
}

export interface FeedRow {
  id: number;
  scope: string;
  url: string;
  title: string | null;
  origin: string;
  added_at: number;
  etag: string | null;
  last_modified: string | null;
  next_poll_at: number;
  failures: number;
  paused_at: number | null;
  last_fetch_at: number | null;
  last_new_at: number | null;
  last_error: string | null;
  last_error_at: number | null;
  articles: number;
}

export const PATCH_COLUMNS: Record<keyof Omit<FeedPatch, 'addArticles'>, string> = {
  title: 'title',
  etag: 'etag',
  lastModified: 'last_modified',
  nextPollAt: 'next_poll_at',
  failures: 'failures',
  pausedAt: 'paused_at',
  lastFetchAt: 'last_fetch_at',
  lastNewAt: 'last_new_at',
  lastError: 'last_error',
  lastErrorAt: 'last_error_at',
};

export function toArticle(r: ArticleRow): WebArticleRecord {
  return {
    articleId: r.article_id,
    scope: r.scope,
    url: r.url,
    canonicalUrl: r.canonical_url,
    textHash: r.text_hash,
    title: r.title,
    feedId: r.feed_id,
    addedBy: r.added_by,
    addedAt: r.added_at,
  };
}

export function toFeed(r: FeedRow, channels: FeedChannel[]): FeedRecord {
  return {
    id: r.id,
    scope: r.scope,
    url: r.url,
    title: r.title,
    origin: r.origin === 'config' ? 'config' : 'command',
    addedAt: r.added_at,
    etag: r.etag,
    lastModified: r.last_modified,
    nextPollAt: r.next_poll_at,
    failures: r.failures,
    pausedAt: r.paused_at,
    lastFetchAt: r.last_fetch_at,
    lastNewAt: r.last_new_at,
    lastError: r.last_error,
    lastErrorAt: r.last_error_at,
    articles: r.articles,
    channels,
  };
}
