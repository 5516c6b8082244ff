// The web module's tables in SQLite: articles added from links and feeds (with their scope), the
// feeds with their polling state, the channels following each feed, and the feed entries seen.
import type { Db, Migration } from './db.ts';
import type { FeedChannel, FeedPatch, FeedRecord, Scope, WebArticleRecord, WebStore } from '../web.ts';
import type { ChannelVisibilityFor, VisibilityFor } from '../../core/commands/visibility.ts';
import { PATCH_COLUMNS, toArticle, toFeed, type ArticleRow, type FeedRow } from '../web-rows.ts';

export const webMigrations: Migration[] = [
  {
    module: 'web',
    version: 1,
    sql: `
      CREATE TABLE web_articles (
        article_id    TEXT NOT NULL,
        scope         TEXT NOT NULL,
        url           TEXT NOT NULL,
        canonical_url TEXT NOT NULL,
        text_hash     TEXT NOT NULL,
        title         TEXT NOT NULL,
        feed_id       INTEGER,
        added_by      TEXT,
        added_at      INTEGER NOT NULL,
        PRIMARY KEY (article_id, scope)
      );
      CREATE INDEX web_articles_url ON web_articles (url);
      CREATE INDEX web_articles_canonical ON web_articles (canonical_url);
      CREATE INDEX web_articles_hash ON web_articles (text_hash);
      CREATE TABLE web_feeds (
        id            INTEGER PRIMARY KEY,
        scope         TEXT NOT NULL,
        url           TEXT NOT NULL,
        title         TEXT,
        origin        TEXT NOT NULL,
        added_at      INTEGER NOT NULL,
        etag          TEXT,
        last_modified TEXT,
        next_poll_at  INTEGER NOT NULL,
        failures      INTEGER NOT NULL DEFAULT 0,
        paused_at     INTEGER,
        last_fetch_at INTEGER,
        last_new_at   INTEGER,
        last_error    TEXT,
        last_error_at INTEGER,
        articles      INTEGER NOT NULL DEFAULT 0,
        UNIQUE (scope, url)
      );
      CREATE INDEX web_feeds_due ON web_feeds (next_poll_at) WHERE paused_at IS NULL;
      CREATE TABLE web_feed_channels (
        feed_id   INTEGER NOT NULL REFERENCES web_feeds (id) ON DELETE CASCADE,
        platform  TEXT NOT NULL,
        workspace TEXT NOT NULL,
        channel   TEXT NOT NULL,
        PRIMARY KEY (feed_id, platform, workspace, channel)
      );
      CREATE TABLE web_feed_entries (
        feed_id    INTEGER NOT NULL REFERENCES web_feeds (id) ON DELETE CASCADE,
        key        TEXT NOT NULL,
        article_id TEXT,
        seen_at    INTEGER NOT NULL,
        PRIMARY KEY (feed_id, key)
      ) WITHOUT ROWID;`,
  },
  {
    // Feeds are followed per channel: which feeds brought each article, so a channel's digest has
    // the articles of the feeds it follows. Filled from what version 1 kept (the article's first
    // feed, and every feed entry that led to an article), so nothing already polled is lost.
    module: 'web',
    version: 2,
    sql: `
      CREATE TABLE web_article_feeds (
        article_id TEXT NOT NULL,
        feed_id    INTEGER NOT NULL REFERENCES web_feeds (id) ON DELETE CASCADE,
        PRIMARY KEY (article_id, feed_id)
      ) WITHOUT ROWID;
      CREATE INDEX web_article_feeds_feed ON web_article_feeds (feed_id);
      INSERT OR IGNORE INTO web_article_feeds (article_id, feed_id)
        SELECT a.article_id, a.feed_id FROM web_articles a JOIN web_feeds f ON f.id = a.feed_id AND f.scope = a.scope;
      INSERT OR IGNORE INTO web_article_feeds (article_id, feed_id)
        SELECT e.article_id, e.feed_id FROM web_feed_entries e WHERE e.article_id IS NOT NULL;`,
  },
];


export class SqliteWebStore implements WebStore {
  constructor(private readonly db: Db) {}

  private article(where: string, args: unknown[]): WebArticleRecord | null {
    const row = this.db.prepare(`SELECT * FROM web_articles WHERE ${where} ORDER BY added_at LIMIT 1`).get(...args) as ArticleRow | undefined;
    return row ? toArticle(row) : null;
  }

  private byKeys(scope: Scope | null, keys: { url?: string; canonicalUrl?: string; textHash?: string }): WebArticleRecord | null {
    const scoped = scope === null ? '' : 'scope = ? AND ';
    const pre = scope === null ? [] : [scope];
    const tries: [string, string | undefined][] = [
      ['url = ? OR canonical_url = ?', keys.url],
      ['url = ? OR canonical_url = ?', keys.canonicalUrl],
    ];
    for (const [cond, v] of tries) {
      if (!v) continue;
      const hit = this.article(`${scoped}(${cond})`, [...pre, v, v]);
      if (hit) return hit;
    }
    if (keys.textHash) return this.article(`${scoped}text_hash = ?`, [...pre, keys.textHash]);
    return null;
  }

  async findArticle(scope: Scope, keys: { url?: string; canonicalUrl?: string; textHash?: string }): Promise<WebArticleRecord | null> {
    return this.byKeys(scope, keys);
  }

  async findAnyArticle(keys: { url?: string; canonicalUrl?: string; textHash?: string }): Promise<WebArticleRecord | null> {
    return this.byKeys(null, keys);
  }

  async recordArticle(r: WebArticleRecord): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO web_articles (article_id, scope, url, canonical_url, text_hash, title, feed_id, added_by, added_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (article_id, scope) DO UPDATE SET feed_id = NULL, added_by = excluded.added_by
         WHERE excluded.feed_id IS NULL AND web_articles.feed_id IS NOT NULL`,
      )
      .run(r.articleId, r.scope, r.url, r.canonicalUrl, r.textHash, r.title, r.feedId, r.addedBy, r.addedAt);
    if (r.feedId !== null) this.linkFeed(r.articleId, r.feedId);
  }

  /** The feed brought the article (its followers' digests have it). */
  private linkFeed(articleId: string, feedId: number): void {
    this.db.prepare('INSERT OR IGNORE INTO web_article_feeds (article_id, feed_id) SELECT ?, id FROM web_feeds WHERE id = ?').run(articleId, feedId);
  }

  async scopedArticles(): Promise<Map<string, Set<Scope>>> {
    const out = new Map<string, Set<Scope>>();
    for (const r of this.db.prepare('SELECT article_id, scope FROM web_articles').all() as { article_id: string; scope: string }[]) {
      let set = out.get(r.article_id);
      if (!set) out.set(r.article_id, (set = new Set()));
      set.add(r.scope);
    }
    return out;
  }

  async addFeed(scope: Scope, url: string, opts: { title?: string | null; channel?: FeedChannel; origin: 'command' | 'config'; now: number }) {
    return this.db.transaction(() => {
      let row = this.db.prepare('SELECT * FROM web_feeds WHERE scope = ? AND url = ?').get(scope, url) as FeedRow | undefined;
      let created = false;
      let resumed = false;
      if (!row) {
        const info = this.db
          .prepare('INSERT INTO web_feeds (scope, url, title, origin, added_at, next_poll_at) VALUES (?, ?, ?, ?, ?, ?)')
          .run(scope, url, opts.title ?? null, opts.origin, opts.now, opts.now);
        row = this.db.prepare('SELECT * FROM web_feeds WHERE id = ?').get(info.lastInsertRowid) as FeedRow;
        created = true;
      } else if (row.paused_at !== null) {
        // Adding a paused feed again is how it is resumed: polled now, its failures forgiven.
        this.db.prepare('UPDATE web_feeds SET paused_at = NULL, failures = 0, next_poll_at = ? WHERE id = ?').run(opts.now, row.id);
        resumed = true;
      }
      if (opts.title && !row.title) this.db.prepare('UPDATE web_feeds SET title = ? WHERE id = ?').run(opts.title, row.id);
      let followed = false;
      if (opts.channel) {
        const c = opts.channel;
        followed = this.db.prepare('INSERT OR IGNORE INTO web_feed_channels (feed_id, platform, workspace, channel) VALUES (?, ?, ?, ?)').run(row.id, c.platform, c.workspace, c.channel).changes > 0;
      }
      return { feed: this.feed(row.id)!, created, resumed, followed };
    })();
  }

  async removeFeed(scope: Scope, url: string, channel: FeedChannel) {
    return this.db.transaction(() => {
      const row = this.db.prepare('SELECT * FROM web_feeds WHERE scope = ? AND url = ?').get(scope, url) as FeedRow | undefined;
      if (!row) return { removed: false, feedGone: false };
      const removed = this.db.prepare('DELETE FROM web_feed_channels WHERE feed_id = ? AND platform = ? AND workspace = ? AND channel = ?').run(row.id, channel.platform, channel.workspace, channel.channel).changes > 0;
      const left = (this.db.prepare('SELECT count(*) AS n FROM web_feed_channels WHERE feed_id = ?').get(row.id) as { n: number }).n;
      let feedGone = false;
      if (removed && left === 0 && row.origin !== 'config') {
        this.db.prepare('DELETE FROM web_feeds WHERE id = ?').run(row.id);
        feedGone = true;
      }
      return { removed, feedGone };
    })();
  }

  private feed(id: number): FeedRecord | null {
    const row = this.db.prepare('SELECT * FROM web_feeds WHERE id = ?').get(id) as FeedRow | undefined;
    return row ? this.toFeed(row) : null;
  }

  private toFeed(r: FeedRow): FeedRecord {
    return toFeed(r, this.db.prepare('SELECT platform, workspace, channel FROM web_feed_channels WHERE feed_id = ? ORDER BY platform, workspace, channel').all(r.id) as FeedChannel[]);
  }

  async getFeed(id: number): Promise<FeedRecord | null> {
    return this.feed(id);
  }

  async findFeed(scope: Scope, url: string): Promise<FeedRecord | null> {
    const row = this.db.prepare('SELECT * FROM web_feeds WHERE scope = ? AND url = ?').get(scope, url) as FeedRow | undefined;
    return row ? this.toFeed(row) : null;
  }

  async listFeeds(scope?: Scope): Promise<FeedRecord[]> {
    const rows = (scope === undefined ? this.db.prepare('SELECT * FROM web_feeds ORDER BY id').all() : this.db.prepare('SELECT * FROM web_feeds WHERE scope = ? ORDER BY id').all(scope)) as FeedRow[];
    return rows.map((r) => this.toFeed(r));
  }

  async dueFeeds(now: number, limit: number): Promise<FeedRecord[]> {
    const rows = this.db.prepare('SELECT * FROM web_feeds WHERE paused_at IS NULL AND next_poll_at <= ? ORDER BY next_poll_at, id LIMIT ?').all(now, limit) as FeedRow[];
    return rows.map((r) => this.toFeed(r));
  }

  async updateFeed(id: number, patch: FeedPatch): Promise<void> {
    const sets: string[] = [];
    const args: unknown[] = [];
    for (const [k, col] of Object.entries(PATCH_COLUMNS)) {
      const v = patch[k as keyof typeof PATCH_COLUMNS];
      if (v !== undefined) {
        sets.push(`${col} = ?`);
        args.push(v);
      }
    }
    if (patch.addArticles) {
      sets.push('articles = articles + ?');
      args.push(patch.addArticles);
    }
    if (!sets.length) return;
    this.db.prepare(`UPDATE web_feeds SET ${sets.join(', ')} WHERE id = ?`).run(...args, id);
  }

  async seenEntries(feedId: number, keys: readonly string[]): Promise<Set<string>> {
    const seen = new Set<string>();
    const stmt = this.db.prepare('SELECT 1 FROM web_feed_entries WHERE feed_id = ? AND key = ?').pluck();
    for (const k of keys) if (stmt.get(feedId, k)) seen.add(k);
    return seen;
  }

  async markEntries(feedId: number, keys: readonly string[], articleId: string | null, now: number): Promise<void> {
    const stmt = this.db.prepare('INSERT OR IGNORE INTO web_feed_entries (feed_id, key, article_id, seen_at) VALUES (?, ?, ?, ?)');
    this.db.transaction(() => {
      for (const k of keys) stmt.run(feedId, k, articleId, now);
      if (articleId !== null) this.linkFeed(articleId, feedId);
    })();
  }
}


/**
 * Visibility from the web_articles table, re-read only when it changed (its row count and last
 * rowid, two index lookups). Works on a read-only connection (answer workers) and before the
 * table exists (nothing is limited then).
 */
export function sqliteVisibility(db: Db): VisibilityFor {
  let key = '';
  let scopes = new Map<string, Set<string>>();
  const load = () => {
    let stamp: { n: number; last: number | null } | undefined;
    try {
      stamp = db.prepare('SELECT count(*) AS n, max(rowid) AS last FROM web_articles').get() as { n: number; last: number | null };
    } catch {
      return; // No web tables yet: nothing is limited.
    }
    const k = `${stamp.n}:${stamp.last}`;
    if (k === key) return;
    const next = new Map<string, Set<string>>();
    for (const r of db.prepare('SELECT article_id, scope FROM web_articles').all() as { article_id: string; scope: string }[]) {
      let set = next.get(r.article_id);
      if (!set) next.set(r.article_id, (set = new Set()));
      set.add(r.scope);
    }
    scopes = next;
    key = k;
  };
  return ({ platform, workspace }) => {
    load();
    if (!scopes.size) return null;
    const mine = `${platform}:${workspace}`;
    return (id) => {
      const s = scopes.get(id);
      return !s || s.has(mine) || s.has('');
    };
  };
}

/**
 * What one channel's digest may carry. Everything its workspace may see (sqliteVisibility), except
 * that an article its workspace has only from feeds is in the digests of the channels following one
 * of those feeds (web_article_feeds). Links added with `/brief add` are the whole workspace's, in
 * every channel's digest.
 * Read afresh on each call: a digest is built once per channel and day (the scheduler caches it).
 */
export function sqliteDigestVisibility(db: Db): ChannelVisibilityFor {
  const workspaceWide = sqliteVisibility(db);
  return ({ platform, workspace, channel }) => {
    const base = workspaceWide({ platform, workspace });
    if (!base) return null;
    const mine = `${platform}:${workspace}`;
    let feedOnly: Set<string>;
    let followed: Set<string>;
    try {
      // The workspace's articles that only feeds brought (no link: feed_id NULL), and that are not
      // everybody's too. A removed feed's articles are in no digest (and still in answers).
      feedOnly = new Set(
        db
          .prepare(
            `SELECT article_id FROM web_articles WHERE scope = ? GROUP BY article_id
             HAVING sum(feed_id IS NULL) = 0 AND article_id NOT IN (SELECT article_id FROM web_articles WHERE scope = '')`,
          )
          .pluck()
          .all(mine) as string[],
      );
      followed = new Set(
        db
          .prepare(
            `SELECT DISTINCT af.article_id FROM web_article_feeds af
             JOIN web_feeds f ON f.id = af.feed_id
             JOIN web_feed_channels c ON c.feed_id = af.feed_id
             WHERE f.scope = ? AND c.platform = ? AND c.workspace = ? AND c.channel = ?`,
          )
          .pluck()
          .all(mine, platform, workspace, channel) as string[],
      );
    } catch {
      return base; // Tables of an older version (not migrated yet): as the workspace sees it.
    }
    return (id) => base(id) && (!feedOnly.has(id) || followed.has(id));
  };
}
