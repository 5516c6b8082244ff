// The web module's tables in PostgreSQL, shared by every replica: articles added from links and
// feeds (with their scope), the feeds with their polling state, the channels following each feed,
// which feeds brought which article, and the feed entries seen. The same rules as the SQLite store
// (store/sqlite/web.ts); what differs is that commands on two replicas can race, so each
// read-then-write is one statement or a transaction holding the feed's row lock.
//
// Visibility (whose articles a command or a digest may see) is asked synchronously by the core, so
// each replica keeps a snapshot of the scoped articles and the feeds' followers. Every write to
// those tables bumps one stamp row, in the writer's transaction, and notifies; a replica reloads
// when it hears the notification (on commit) and also checks the stamp every `refreshMs`, so a
// lost notification (a dropped connection) costs at most that long. Its own writes reload at once.
import pg from 'pg';
import type { ChannelVisibilityFor, Visible, VisibilityFor } from '../../core/commands/visibility.ts';
import type { FeedChannel, FeedPatch, FeedRecord, Scope, WebArticleRecord, WebStore } from '../web.ts';
import { transaction, type PgMigration, type Pool, type Queryable } from './db.ts';
import { PATCH_COLUMNS, toArticle, toFeed, type ArticleRow, type FeedRow } from '../web-rows.ts';

/** The channel the web tables' writes are announced on (NOTIFY, delivered on commit). */
export const WEB_CHANNEL = 'briefing_web';

export const pgWebMigrations: PgMigration[] = [
  {
    // One version holding what SQLite reached in two (per-channel feeds with web_article_feeds):
    // no PostgreSQL database ever had the per-workspace shape.
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
        feed_id       BIGINT,
        added_by      TEXT,
        added_at      BIGINT NOT NULL,
        PRIMARY KEY (article_id, scope)
      );
      CREATE INDEX web_articles_url ON web_articles (url);
      CREATE INDEX web_articles_canonical ON web_articles (canonical_url);
      CREATE INDEX web_articles_hash ON web_articles (text_hash);
      CREATE TABLE web_feeds (
        id            BIGSERIAL PRIMARY KEY,
        scope         TEXT NOT NULL,
        url           TEXT NOT NULL,
        title         TEXT,
        origin        TEXT NOT NULL,
        added_at      BIGINT NOT NULL,
        etag          TEXT,
        last_modified TEXT,
        next_poll_at  BIGINT NOT NULL,
        failures      INTEGER NOT NULL DEFAULT 0,
        paused_at     BIGINT,
        last_fetch_at BIGINT,
        last_new_at   BIGINT,
        last_error    TEXT,
        last_error_at BIGINT,
        articles      INTEGER NOT NULL DEFAULT 0,
        UNIQUE (scope, url)
      );
      CREATE INDEX web_feeds_due ON web_feeds (next_poll_at) WHERE paused_at IS NULL;
      CREATE TABLE web_feed_channels (
        feed_id   BIGINT NOT NULL REFERENCES web_feeds (id) ON DELETE CASCADE,
        platform  TEXT NOT NULL,
        workspace TEXT NOT NULL,
        channel   TEXT NOT NULL,
        PRIMARY KEY (feed_id, platform, workspace, channel)
      );
      CREATE TABLE web_feed_entries (
        feed_id    BIGINT NOT NULL REFERENCES web_feeds (id) ON DELETE CASCADE,
        key        TEXT NOT NULL,
        article_id TEXT,
        seen_at    BIGINT NOT NULL,
        PRIMARY KEY (feed_id, key)
      );
      CREATE TABLE web_article_feeds (
        article_id TEXT NOT NULL,
        feed_id    BIGINT NOT NULL REFERENCES web_feeds (id) ON DELETE CASCADE,
        PRIMARY KEY (article_id, feed_id)
      );
      CREATE INDEX web_article_feeds_feed ON web_article_feeds (feed_id);
      -- What visibility reads changed: one row, bumped in the writer's transaction (so a reader
      -- that sees the new stamp sees the new rows), and a notification sent on commit.
      CREATE TABLE web_stamp (one BOOLEAN PRIMARY KEY DEFAULT true CHECK (one), version BIGINT NOT NULL);
      INSERT INTO web_stamp (version) VALUES (0);
      CREATE FUNCTION web_stamp_bump() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE web_stamp SET version = version + 1;
        PERFORM pg_notify('${WEB_CHANNEL}', '');
        RETURN NULL;
      END $$;
      CREATE TRIGGER web_articles_stamp AFTER INSERT OR UPDATE OR DELETE ON web_articles FOR EACH STATEMENT EXECUTE FUNCTION web_stamp_bump();
      CREATE TRIGGER web_article_feeds_stamp AFTER INSERT OR UPDATE OR DELETE ON web_article_feeds FOR EACH STATEMENT EXECUTE FUNCTION web_stamp_bump();
      CREATE TRIGGER web_feed_channels_stamp AFTER INSERT OR UPDATE OR DELETE ON web_feed_channels FOR EACH STATEMENT EXECUTE FUNCTION web_stamp_bump();
      CREATE TRIGGER web_feeds_stamp AFTER INSERT OR DELETE ON web_feeds FOR EACH STATEMENT EXECUTE FUNCTION web_stamp_bump();`,
  },
];


type Keys = { url?: string; canonicalUrl?: string; textHash?: string };

export class PgWebStore implements WebStore {
  /** Called after each write that visibility reads (the replica's snapshot reloads at once). */
  onChange: (() => Promise<void>) | null = null;

  constructor(private readonly pool: Pool) {}

  private async changed(): Promise<void> {
    await this.onChange?.();
  }

  private async byKeys(scope: Scope | null, keys: Keys): Promise<WebArticleRecord | null> {
    const scoped = scope === null ? '' : 'scope = $2 AND ';
    const pre = scope === null ? [] : [scope];
    const first = async (cond: string, v: string) => {
      const { rows } = await this.pool.query<ArticleRow>(`SELECT * FROM web_articles WHERE ${scoped}(${cond}) ORDER BY added_at LIMIT 1`, [v, ...pre]);
      return rows[0] ? toArticle(rows[0]) : null;
    };
    for (const v of [keys.url, keys.canonicalUrl]) {
      if (!v) continue;
      const hit = await first('url = $1 OR canonical_url = $1', v);
      if (hit) return hit;
    }
    return keys.textHash ? first('text_hash = $1', keys.textHash) : null;
  }

  async findArticle(scope: Scope, keys: Keys): Promise<WebArticleRecord | null> {
    return this.byKeys(scope, keys);
  }

  async findAnyArticle(keys: Keys): Promise<WebArticleRecord | null> {
    return this.byKeys(null, keys);
  }

  async recordArticle(r: WebArticleRecord): Promise<void> {
    await transaction(this.pool, async (c) => {
      await c.query(
        `INSERT INTO web_articles (article_id, scope, url, canonical_url, text_hash, title, feed_id, added_by, added_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (article_id, scope) DO NOTHING`,
        [r.articleId, r.scope, r.url, r.canonicalUrl, r.textHash, r.title, r.feedId, r.addedBy, r.addedAt],
      );
      if (r.feedId !== null) await linkFeed(c, r.articleId, r.feedId);
    });
    await this.changed();
  }

  async scopedArticles(): Promise<Map<string, Set<Scope>>> {
    const { rows } = await this.pool.query<{ article_id: string; scope: string }>('SELECT article_id, scope FROM web_articles');
    return groupScopes(rows);
  }

  async addFeed(scope: Scope, url: string, opts: { title?: string | null; channel?: FeedChannel; origin: 'command' | 'config'; now: number }) {
    const out = await transaction(this.pool, async (c) => {
      // Two replicas adding the same feed at once: one INSERT goes in, the other finds its row.
      const ins = await c.query<FeedRow>(
        `INSERT INTO web_feeds (scope, url, title, origin, added_at, next_poll_at) VALUES ($1, $2, $3, $4, $5, $5)
         ON CONFLICT (scope, url) DO NOTHING RETURNING *`,
        [scope, url, opts.title ?? null, opts.origin, opts.now],
      );
      const created = ins.rows.length > 0;
      const row = ins.rows[0] ?? (await c.query<FeedRow>('SELECT * FROM web_feeds WHERE scope = $1 AND url = $2 FOR UPDATE', [scope, url])).rows[0]!;
      let resumed = false;
      if (!created && row.paused_at !== null) {
        // Adding a paused feed again is how it is resumed: polled now, its failures forgiven.
        await c.query('UPDATE web_feeds SET paused_at = NULL, failures = 0, next_poll_at = $1 WHERE id = $2', [opts.now, row.id]);
        resumed = true;
      }
      if (opts.title && !row.title) await c.query('UPDATE web_feeds SET title = $1 WHERE id = $2', [opts.title, row.id]);
      let followed = false;
      if (opts.channel) {
        const ch = opts.channel;
        const res = await c.query('INSERT INTO web_feed_channels (feed_id, platform, workspace, channel) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [row.id, ch.platform, ch.workspace, ch.channel]);
        followed = res.rowCount === 1;
      }
      return { feed: (await feedById(c, row.id))!, created, resumed, followed };
    });
    await this.changed();
    return out;
  }

  async removeFeed(scope: Scope, url: string, channel: FeedChannel) {
    const out = await transaction(this.pool, async (c) => {
      const row = (await c.query<FeedRow>('SELECT * FROM web_feeds WHERE scope = $1 AND url = $2 FOR UPDATE', [scope, url])).rows[0];
      if (!row) return { removed: false, feedGone: false };
      const del = await c.query('DELETE FROM web_feed_channels WHERE feed_id = $1 AND platform = $2 AND workspace = $3 AND channel = $4', [row.id, channel.platform, channel.workspace, channel.channel]);
      const removed = del.rowCount === 1;
      const { rows } = await c.query<{ n: number }>('SELECT count(*)::int AS n FROM web_feed_channels WHERE feed_id = $1', [row.id]);
      let feedGone = false;
      if (removed && rows[0]!.n === 0 && row.origin !== 'config') {
        await c.query('DELETE FROM web_feeds WHERE id = $1', [row.id]);
        feedGone = true;
      }
      return { removed, feedGone };
    });
    await this.changed();
    return out;
  }

  async getFeed(id: number): Promise<FeedRecord | null> {
    return feedById(this.pool, id);
  }

  async findFeed(scope: Scope, url: string): Promise<FeedRecord | null> {
    const { rows } = await this.pool.query<FeedRow>('SELECT * FROM web_feeds WHERE scope = $1 AND url = $2', [scope, url]);
    return rows[0] ? (await toFeeds(this.pool, rows))[0]! : null;
  }

  async listFeeds(scope?: Scope): Promise<FeedRecord[]> {
    const { rows } =
      scope === undefined
        ? await this.pool.query<FeedRow>('SELECT * FROM web_feeds ORDER BY id')
        : await this.pool.query<FeedRow>('SELECT * FROM web_feeds WHERE scope = $1 ORDER BY id', [scope]);
    return toFeeds(this.pool, rows);
  }

  async dueFeeds(now: number, limit: number): Promise<FeedRecord[]> {
    const { rows } = await this.pool.query<FeedRow>('SELECT * FROM web_feeds WHERE paused_at IS NULL AND next_poll_at <= $1 ORDER BY next_poll_at, id LIMIT $2', [now, limit]);
    return toFeeds(this.pool, rows);
  }

  async updateFeed(id: number, patch: FeedPatch): Promise<void> {
    const sets: string[] = [];
    const args: unknown[] = [id];
    for (const [k, col] of Object.entries(PATCH_COLUMNS)) {
      const v = patch[k as keyof typeof PATCH_COLUMNS];
      if (v !== undefined) {
        args.push(v);
        sets.push(`${col} = $${args.length}`);
      }
    }
    if (patch.addArticles) {
      args.push(patch.addArticles);
      sets.push(`articles = articles + $${args.length}`);
    }
    if (!sets.length) return;
    await this.pool.query(`UPDATE web_feeds SET ${sets.join(', ')} WHERE id = $1`, args);
  }

  async seenEntries(feedId: number, keys: readonly string[]): Promise<Set<string>> {
    if (!keys.length) return new Set();
    const { rows } = await this.pool.query<{ key: string }>('SELECT key FROM web_feed_entries WHERE feed_id = $1 AND key = ANY($2::text[])', [feedId, [...keys]]);
    return new Set(rows.map((r) => r.key));
  }

  async markEntries(feedId: number, keys: readonly string[], articleId: string | null, now: number): Promise<void> {
    await transaction(this.pool, async (c) => {
      // The feed may have been removed meanwhile (another replica): then there is nothing to mark.
      await c.query(
        `INSERT INTO web_feed_entries (feed_id, key, article_id, seen_at)
         SELECT $1, k, $3, $4 FROM unnest($2::text[]) AS k WHERE EXISTS (SELECT 1 FROM web_feeds WHERE id = $1)
         ON CONFLICT DO NOTHING`,
        [feedId, [...keys], articleId, now],
      );
      if (articleId !== null) await linkFeed(c, articleId, feedId);
    });
    if (articleId !== null) await this.changed();
  }
}

/** The feed brought the article (its followers' digests have it); nothing when the feed is gone. */
async function linkFeed(q: Queryable, articleId: string, feedId: number): Promise<void> {
  await q.query('INSERT INTO web_article_feeds (article_id, feed_id) SELECT $1, id FROM web_feeds WHERE id = $2 ON CONFLICT DO NOTHING', [articleId, feedId]);
}

async function feedById(q: Queryable, id: number): Promise<FeedRecord | null> {
  const { rows } = await q.query<FeedRow>('SELECT * FROM web_feeds WHERE id = $1', [id]);
  return rows[0] ? (await toFeeds(q, rows))[0]! : null;
}

/** The feeds with their followers, in one query for all of them. */
async function toFeeds(q: Queryable, rows: FeedRow[]): Promise<FeedRecord[]> {
  if (!rows.length) return [];
  const { rows: chans } = await q.query<FeedChannel & { feed_id: number }>(
    'SELECT feed_id, platform, workspace, channel FROM web_feed_channels WHERE feed_id = ANY($1::bigint[]) ORDER BY platform, workspace, channel',
    [rows.map((r) => r.id)],
  );
  const by = new Map<number, FeedChannel[]>();
  for (const c of chans) {
    let list = by.get(c.feed_id);
    if (!list) by.set(c.feed_id, (list = []));
    list.push({ platform: c.platform, workspace: c.workspace, channel: c.channel });
  }
  return rows.map((r) => toFeed(r, by.get(r.id) ?? []));
}


function groupScopes(rows: { article_id: string; scope: string }[]): Map<string, Set<Scope>> {
  const out = new Map<string, Set<Scope>>();
  for (const r of rows) {
    let set = out.get(r.article_id);
    if (!set) out.set(r.article_id, (set = new Set()));
    set.add(r.scope);
  }
  return out;
}

/** What visibility needs, read in one snapshot (REPEATABLE READ: the four tables agree). */
interface Snapshot {
  version: number;
  /** article id → the scopes that have it. */
  scopes: Map<string, Set<Scope>>;
  /** scope → its articles that only feeds brought (no link) and that are not everybody's. */
  feedOnly: Map<Scope, Set<string>>;
  /** `platform:workspace:channel` → the articles of the feeds (of its own workspace) it follows. */
  followed: Map<string, Set<string>>;
}

const EMPTY: Snapshot = { version: -1, scopes: new Map(), feedOnly: new Map(), followed: new Map() };

export interface PgWebVisibility {
  /** Answers: what a workspace may see (as sqliteVisibility). */
  visibility: VisibilityFor;
  /** Digests: what one channel's digest may carry (as sqliteDigestVisibility). */
  digestVisibility: ChannelVisibilityFor;
  /** Loads the first snapshot; rejects when the database cannot be read. */
  ready: Promise<void>;
  /** Reloads now if the stamp moved (after this replica's own writes). */
  refresh(): Promise<void>;
  /** The stamp of the snapshot in use (tests). */
  readonly version: number;
  close(): Promise<void>;
}

/**
 * The scoped articles and feed followers of `pool`'s database, kept fresh: on each notification of
 * a write, on `refresh()`, and by checking the stamp every `refreshMs` (default 1 s).
 * Until the first snapshot is loaded nothing is visible (it cannot yet tell whose an article is);
 * the app waits for `ready` before it answers, so this is only a fallback.
 */
export function pgWebVisibility(
  pool: Pool,
  opts: { refreshMs?: number; listen?: boolean; onError?: (err: unknown) => void; /** Starts once this settles (the migrations). */ after?: Promise<void> } = {},
): PgWebVisibility {
  let snap = EMPTY;
  let closed = false;
  let loading: Promise<void> | null = null;
  let again = false;

  const load = async (): Promise<void> => {
    const c = await pool.connect();
    try {
      const v = await c.query<{ version: number }>('SELECT version FROM web_stamp');
      if (v.rows[0]!.version === snap.version) return;
      await c.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      try {
        const { rows: stamp } = await c.query<{ version: number }>('SELECT version FROM web_stamp');
        const { rows: arts } = await c.query<{ article_id: string; scope: string; linked: boolean }>(
          'SELECT article_id, scope, bool_or(feed_id IS NULL) AS linked FROM web_articles GROUP BY article_id, scope',
        );
        const { rows: follows } = await c.query<{ article_id: string; platform: string; workspace: string; channel: string; scope: string }>(
          `SELECT DISTINCT af.article_id, c.platform, c.workspace, c.channel, f.scope FROM web_article_feeds af
           JOIN web_feeds f ON f.id = af.feed_id JOIN web_feed_channels c ON c.feed_id = af.feed_id`,
        );
        await c.query('COMMIT');
        snap = build(stamp[0]!.version, arts, follows);
      } catch (err) {
        await c.query('ROLLBACK').catch(() => undefined);
        throw err;
      }
    } finally {
      c.release();
    }
  };
  // One load at a time; a request during a load runs one more afterwards (it may have missed it).
  const refresh = (): Promise<void> => {
    if (loading) {
      again = true;
      return loading;
    }
    loading = (async () => {
      try {
        do {
          again = false;
          await load();
        } while (again && !closed);
      } finally {
        loading = null;
      }
    })();
    return loading;
  };
  const quiet = () => refresh().catch((err) => opts.onError?.(err));

  const ready = (opts.after ?? Promise.resolve()).then(refresh);
  ready.catch(() => undefined);
  let timer: NodeJS.Timeout | null = null;

  // A dedicated connection that hears each committed write; re-opened when it drops.
  let listener: pg.Client | null = null;
  let retry: NodeJS.Timeout | null = null;
  const listen = async () => {
    if (closed) return;
    const client = new pg.Client(pool.options);
    client.on('error', (err) => opts.onError?.(err));
    client.on('notification', () => void quiet());
    client.on('end', () => {
      if (listener === client) listener = null;
      if (!closed) retry = setTimeout(() => void listen().catch(() => undefined), 1000);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${WEB_CHANNEL}`);
      listener = client;
      if (closed) await client.end();
      else void quiet(); // anything written while it was away
    } catch (err) {
      opts.onError?.(err);
      await client.end().catch(() => undefined);
    }
  };
  void ready.then(
    () => {
      if (closed) return;
      timer = setInterval(quiet, opts.refreshMs ?? 1000);
      timer.unref?.();
      if (opts.listen !== false) void listen();
    },
    () => undefined,
  );

  const workspaceRule = (s: Snapshot, platform: string, workspace: string): Visible | null => {
    if (s === EMPTY) return () => false;
    if (!s.scopes.size) return null;
    const mine = `${platform}:${workspace}`;
    return (id) => {
      const set = s.scopes.get(id);
      return !set || set.has(mine) || set.has('');
    };
  };

  return {
    ready,
    refresh,
    get version() {
      return snap.version;
    },
    visibility: ({ platform, workspace }) => workspaceRule(snap, platform, workspace),
    digestVisibility: ({ platform, workspace, channel }) => {
      const s = snap;
      const base = workspaceRule(s, platform, workspace);
      if (!base) return null;
      const feedOnly = s.feedOnly.get(`${platform}:${workspace}`);
      const followed = s.followed.get(`${platform}:${workspace}:${channel}`);
      return (id) => base(id) && (!feedOnly?.has(id) || (followed?.has(id) ?? false));
    },
    async close() {
      closed = true;
      if (timer) clearInterval(timer);
      if (retry) clearTimeout(retry);
      await loading?.catch(() => undefined);
      const l = listener;
      listener = null;
      await l?.end().catch(() => undefined);
    },
  };
}

function build(
  version: number,
  arts: { article_id: string; scope: string; linked: boolean }[],
  follows: { article_id: string; platform: string; workspace: string; channel: string; scope: string }[],
): Snapshot {
  const scopes = groupScopes(arts);
  const feedOnly = new Map<Scope, Set<string>>();
  for (const a of arts) {
    if (a.linked || a.scope === '' || scopes.get(a.article_id)!.has('')) continue;
    let set = feedOnly.get(a.scope);
    if (!set) feedOnly.set(a.scope, (set = new Set()));
    set.add(a.article_id);
  }
  const followed = new Map<string, Set<string>>();
  for (const f of follows) {
    // A channel follows feeds of its own workspace only (as in SQLite: f.scope is the channel's).
    if (f.scope !== `${f.platform}:${f.workspace}`) continue;
    const key = `${f.platform}:${f.workspace}:${f.channel}`;
    let set = followed.get(key);
    if (!set) followed.set(key, (set = new Set()));
    set.add(f.article_id);
  }
  return { version, scopes, feedOnly, followed };
}
