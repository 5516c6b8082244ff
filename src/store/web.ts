// What the web module keeps: which articles came from which link (and whose they are), and the
// feeds with their polling state. Backend-neutral and asynchronous, so a PostgreSQL store can
// stand in for the SQLite one (store/sqlite/web.ts).

/** Whose an article or feed is: `slack:T…`, `discord:<guild>`, `console:local`; '' for everybody. */
export type Scope = string;

export const EVERYBODY: Scope = '';

export function scopeOf(platform: string, workspace: string): Scope {
  return `${platform}:${workspace}`;
}

export interface WebArticleRecord {
  /** The article's id in the knowledge store. */
  articleId: string;
  scope: Scope;
  url: string;
  canonicalUrl: string;
  /** sha256 of the article's text: the same text under two URLs is one article. */
  textHash: string;
  title: string;
  feedId: number | null;
  addedBy: string | null;
  addedAt: number;
}

export interface FeedChannel {
  platform: string;
  workspace: string;
  channel: string;
}

export interface FeedRecord {
  id: number;
  scope: Scope;
  url: string;
  title: string | null;
  origin: 'command' | 'config';
  addedAt: number;
  /** Conditional GET validators from the last 200. */
  etag: string | null;
  lastModified: string | null;
  nextPollAt: number;
  /** Failed polls in a row. */
  failures: number;
  pausedAt: number | null;
  lastFetchAt: number | null;
  lastNewAt: number | null;
  lastError: string | null;
  lastErrorAt: number | null;
  articles: number;
  channels: FeedChannel[];
}

export type FeedPatch = Partial<Pick<FeedRecord, 'title' | 'etag' | 'lastModified' | 'nextPollAt' | 'failures' | 'pausedAt' | 'lastFetchAt' | 'lastNewAt' | 'lastError' | 'lastErrorAt'>> & {
  /** Adds to the article count. */
  addArticles?: number;
};

export interface WebStore {
  /** The article this scope already has under any of these keys, if any. */
  findArticle(scope: Scope, keys: { url?: string; canonicalUrl?: string; textHash?: string }): Promise<WebArticleRecord | null>;
  /** The article any scope has under these keys (its extraction can be shared; its visibility is not). */
  findAnyArticle(keys: { url?: string; canonicalUrl?: string; textHash?: string }): Promise<WebArticleRecord | null>;
  /**
   * Records that `scope` has the article (once per article and scope). A record without a feed (a
   * link added with `/brief add`) of an article the scope had only from feeds makes it the scope's
   * link: the whole workspace's, in every channel's digest; the feeds that brought it are kept.
   */
  recordArticle(rec: WebArticleRecord): Promise<void>;
  /** Articles that belong to scopes: only they are limited; every other article is everybody's. */
  scopedArticles(): Promise<Map<string, Set<Scope>>>;

  /** Adds the feed (or finds it) and has `channel` follow it; a paused feed is resumed. */
  addFeed(scope: Scope, url: string, opts: { title?: string | null; channel?: FeedChannel; origin: 'command' | 'config'; now: number }): Promise<{ feed: FeedRecord; created: boolean; resumed: boolean; followed: boolean }>;
  /** Stops `channel` following the feed; the feed goes when nobody follows it (config feeds stay). */
  removeFeed(scope: Scope, url: string, channel: FeedChannel): Promise<{ removed: boolean; feedGone: boolean }>;
  getFeed(id: number): Promise<FeedRecord | null>;
  findFeed(scope: Scope, url: string): Promise<FeedRecord | null>;
  listFeeds(scope?: Scope): Promise<FeedRecord[]>;
  /** Feeds not paused whose next poll is due at `now`, soonest first. */
  dueFeeds(now: number, limit: number): Promise<FeedRecord[]>;
  updateFeed(id: number, patch: FeedPatch): Promise<void>;
  /** Which of `keys` (entry GUIDs, URLs, content hashes) the feed has seen before. */
  seenEntries(feedId: number, keys: readonly string[]): Promise<Set<string>>;
  markEntries(feedId: number, keys: readonly string[], articleId: string | null, now: number): Promise<void>;
}
