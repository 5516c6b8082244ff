// The knowledge store on PostgreSQL (BRIEFING_DATABASE_URL): the same contract as the SQLite store
// (store/sqlite/knowledge/store.ts): KnowledgeIndex for ingest and the content folder, SearchPort
// for the ask engine, DigestArticles for digests, shared by every replica. Writes are transactions
// of up to 500 articles; each bumps a generation row, so every replica's caches (people, words,
// articles) are dropped at its next question once any replica committed.
import { resolve } from 'node:path';
import { articleId } from '../../../core/articles/files.ts';
import type { ArticleRef, FactHit, FactSearch, QuoteHit, QuoteSearch, SearchPort } from '../../../core/ask/port.ts';
import type { DigestEntry } from '../../../core/digest/types.ts';
import type { Article, Extraction, Person } from '../../../core/model.ts';
import type { Logger } from '../../../log.ts';
import { ExtractPool, PARALLEL_MIN, type ExtractWorkerSpec } from '../../ingest/extract-pool.ts';
import { syncDirectoryAsync, watchDirectory, type ArticleLoader, type IngestStepResult, type SyncMemory, type SyncReport, type WatchHandle } from '../../ingest/sync.ts';
import { prepareArticle, type PreparedArticle } from '../../knowledge/prepare.ts';
import type { ArticleSummary, KnowledgeIndex } from '../../types.ts';
import { toArticleSummary, type ArticleSummaryRow } from '../../knowledge/rows.ts';
import { migrate, PgStoreError, safeUrl, transaction, type Pool } from '../db.ts';
import { PgKnowledgeReader } from './read.ts';
import { pgKnowledgeMigrations } from './schema.ts';
import { PgKnowledgeWriter } from './write.ts';

/** Articles per transaction in a bulk ingest: bounds what a failure takes back. */
const COMMIT_EVERY = 500;

export interface PgKnowledgeOptions {
  /** An open pool (store/postgres/db.ts openPool); the store does not end it unless `ownsPool`. */
  pool: Pool;
  /** For messages (its password is never shown). */
  url?: string;
  ownsPool?: boolean;
  extract?: (article: Article) => Extraction;
  /** Worker threads for a bulk ingest's extraction (as the SQLite store's); writes stay on this thread. */
  extractWorker?: ExtractWorkerSpec;
  load?: ArticleLoader;
  logger?: Logger;
}

type IngestResult = { ingested: number; skipped: number; errors: { path: string; message: string }[] };

export class PgKnowledgeStore implements SearchPort, KnowledgeIndex {
  readonly readonly = false;
  private readonly pool: Pool;
  private readonly reader: PgKnowledgeReader;
  private readonly opts: PgKnowledgeOptions;
  private seen = -1;
  /** Bumped by every change seen (own writes and other replicas'): SearchPort.version(). */
  private generation = 0;
  private watchers: WatchHandle[] = [];
  private extractors: ExtractPool | null = null;
  private readonly syncMemory = new Map<string, SyncMemory>();
  /** This process's writes, one after another (other replicas wait on the advisory lock). */
  private writes: Promise<unknown> = Promise.resolve();

  private constructor(opts: PgKnowledgeOptions) {
    this.opts = opts;
    this.pool = opts.pool;
    this.reader = new PgKnowledgeReader(opts.pool);
  }

  /** Brings the knowledge schema up to date (a newer one is refused) and opens the store on `pool`. */
  static async open(opts: PgKnowledgeOptions): Promise<PgKnowledgeStore> {
    await migrate(opts.pool, pgKnowledgeMigrations);
    return new PgKnowledgeStore(opts);
  }

  get where(): string {
    return this.opts.url ? safeUrl(this.opts.url) : 'PostgreSQL';
  }

  // --- SearchPort ----------------------------------------------------------------------------

  async version(): Promise<number> {
    const v = (await this.pool.query<{ generation: number }>('SELECT generation FROM knowledge_meta')).rows[0]?.generation ?? 0;
    if (v !== this.seen) {
      if (this.seen !== -1) this.changed();
      this.seen = v;
    }
    return this.generation;
  }
  people(): Promise<Person[]> {
    return this.reader.people();
  }
  sources(): Promise<string[]> {
    return this.reader.sources();
  }
  vocabulary(limit: number): Promise<string[]> {
    return this.reader.vocabulary(limit);
  }
  documentFrequency(word: string): Promise<number> {
    return this.reader.documentFrequency(word);
  }
  similarWords(word: string, maxDistance: number, limit: number): Promise<{ word: string; df: number }[]> {
    return this.reader.similarWords(word, maxDistance, limit);
  }
  family(word: string, limit: number): Promise<{ word: string; df: number }[]> {
    return this.reader.family(word, limit);
  }
  searchQuotes(q: QuoteSearch): Promise<QuoteHit[]> {
    return this.reader.searchQuotes(q);
  }
  countQuotes(personId: string): Promise<number> {
    return this.reader.countQuotes(personId);
  }
  searchFacts(q: FactSearch): Promise<FactHit[]> {
    return this.reader.searchFacts(q);
  }
  mentions(personId: string, limit: number): Promise<FactHit[]> {
    return this.reader.mentions(personId, limit);
  }
  textMentions(name: string, limit: number): Promise<FactHit[]> {
    return this.reader.textMentions(name, limit);
  }
  article(id: string): Promise<ArticleRef | null> {
    return this.reader.article(id);
  }
  personArticles(personId: string): Promise<ArticleRef[]> {
    return this.reader.personArticles(personId);
  }
  personArticleCount(personId: string): Promise<number> {
    return this.reader.personArticleCount(personId);
  }
  recentArticles(limit: number): Promise<ArticleRef[]> {
    return this.reader.recentArticles(limit);
  }

  private changed(): void {
    this.reader.invalidate();
    this.generation++;
  }

  // --- writing -------------------------------------------------------------------------------

  /** Runs `fn` in a write transaction, after this process's earlier writes. */
  private write<T>(fn: (w: PgKnowledgeWriter) => Promise<T>): Promise<T> {
    const run = this.writes.then(() =>
      transaction(this.pool, async (c) => {
        const w = await PgKnowledgeWriter.begin(c);
        const out = await fn(w);
        await w.flush();
        return out;
      }),
    );
    this.writes = run.catch(() => undefined);
    return run.then((out) => {
      this.changed();
      return out;
    });
  }

  /**
   * Extracts and stores articles (a transaction per 500); unchanged ones (same id and hash) are
   * skipped. An article whose extraction fails is reported with its path; the others are stored.
   */
  async ingestArticles(articles: readonly Article[]): Promise<IngestResult> {
    const extract = this.opts.extract;
    if (!extract) throw new PgStoreError('no extractor configured for this knowledge store');
    const ids = [...new Set(articles.map((a) => a.id))];
    const stored = new Map(
      ids.length ? (await this.pool.query<{ id: string; hash: string }>('SELECT id, hash FROM articles WHERE id = ANY($1)', [ids])).rows.map((r) => [r.id, r.hash]) : [],
    );
    let skipped = 0;
    const todo: Article[] = [];
    const queued = new Map<string, string>();
    for (const a of articles) {
      if ((queued.get(a.id) ?? stored.get(a.id)) === a.hash) skipped++;
      else {
        todo.push(a);
        queued.set(a.id, a.hash);
      }
    }
    const errors: { path: string; message: string }[] = [];
    let ingested = 0;
    const local = (a: Article) => prepareArticle(extract(a), a.hash, a.path, { text: a.text, bodyStart: a.bodyStart });
    const outcomes = this.extractPool(todo.length)?.run(todo, local) ?? null;
    let i = 0;
    const next = (): { article: Article; prepared?: PreparedArticle; error?: string } | null => {
      if (outcomes) {
        const r = outcomes.next();
        return r.done ? null : r.value;
      }
      const article = todo[i++];
      if (!article) return null;
      try {
        return { article, prepared: local(article) };
      } catch (err) {
        return { article, error: errorText(err) };
      }
    };
    try {
      for (let done = todo.length === 0; !done; ) {
        const batch: PreparedArticle[] = [];
        const t0 = performance.now();
        while (batch.length < COMMIT_EVERY) {
          const o = next();
          if (!o) {
            done = true;
            break;
          }
          if (o.error !== undefined || !o.prepared) errors.push({ path: o.article.path, message: `extraction failed: ${o.error}` });
          else batch.push(o.prepared);
          // Extracting in this thread: give the event loop a turn now and then.
          if (!outcomes && performance.now() - t0 > 50) break;
        }
        if (batch.length) {
          const now = Date.now();
          await this.write(async (w) => {
            // An id at most once per statement: a second version of it goes in the next part.
            for (const part of distinctIds(batch)) await w.apply(part, now);
          });
          ingested += batch.length;
        }
      }
    } finally {
      outcomes?.return(undefined);
    }
    return { ingested, skipped, errors };
  }

  /**
   * `ingestArticles` for a running bot: the same, since this thread only awaits the database (a
   * large batch is extracted in the worker threads, a small one here between awaits).
   */
  ingestArticlesAsync(articles: readonly Article[]): Promise<IngestResult> {
    return this.ingestArticles(articles);
  }

  /**
   * Runs a named task of the extraction workers (ExtractWorkerSpec.tasks), such as reading a web
   * page: one bounded pool for everything heavy. Without workers, `fallback` runs here.
   */
  async runTask<T>(name: string, input: unknown, fallback: () => T | Promise<T>): Promise<T> {
    if (!this.opts.extractWorker?.tasks?.[name]) return fallback();
    const pool = (this.extractors ??= new ExtractPool(this.opts.extractWorker, { onWarning: (m) => this.opts.logger?.warn(m, { store: this.where }) }));
    const out = await pool.submit({ kind: 'task', name, input });
    if (!out.ok) throw new Error(out.message);
    return out.value as T;
  }

  /** Stores extractions made elsewhere (tests, tools). `text` gives quotes their context sentences. */
  async ingestExtractions(items: readonly { extraction: Extraction; hash: string; text?: { text: string; bodyStart: number } }[]): Promise<void> {
    const prepared = items.map((it) => prepareArticle(it.extraction, it.hash, it.extraction.article.path, it.text ?? null));
    const now = Date.now();
    await this.write(async (w) => {
      for (const part of distinctIds(prepared)) await w.apply(part, now);
    });
  }

  /** Removes articles in one transaction (their people are re-aggregated once). */
  async removeArticles(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.write((w) => w.remove(ids));
  }

  /** Gives stored articles new ids and paths, keeping their rows and `added_at` (renamed or moved files). */
  async rekeyArticles(moves: readonly { from: string; to: string; path: string }[]): Promise<void> {
    if (moves.length === 0) return;
    await this.write(async (w) => {
      for (const m of moves) await w.rekey(m.from, m.to, m.path);
    });
  }

  private extractPool(count: number): ExtractPool | null {
    if (!this.opts.extractWorker || count < PARALLEL_MIN) return null;
    this.extractors ??= new ExtractPool(this.opts.extractWorker, { onWarning: (m) => this.opts.logger?.warn(m, { store: this.where }) });
    return this.extractors;
  }

  /**
   * Brings the store in line with the articles in `dir` (the same sync as the SQLite store's:
   * changed files by content hash, renames kept as the same article, removals after a grace period
   * for an emptied folder). A database that cannot be reached is reported in `notStored`; the
   * next sync stores what this one could not.
   */
  async syncContent(dir: string, opts: { emptyGraceMs?: number; now?: () => number } = {}): Promise<SyncReport> {
    const load = this.opts.load;
    if (!load) throw new PgStoreError('no article loader configured for this knowledge store');
    const root = resolve(dir);
    let memory = this.syncMemory.get(root);
    if (!memory) this.syncMemory.set(root, (memory = { failed: new Map() }));
    const key = `empty-since:${root}`;
    try {
      const [known, state] = await Promise.all([
        this.pool.query<{ id: string; path: string; hash: string }>('SELECT id, path, hash FROM articles'),
        this.pool.query<{ value: string }>('SELECT value FROM sync_state WHERE key = $1', [key]),
      ]);
      let emptySince = state.rows[0] ? Number(state.rows[0].value) : null;
      // The sync's own steps are synchronous: what they change is queued and written, in order,
      // before each ingest and at the end.
      const pending: (() => Promise<unknown>)[] = [];
      const settle = async () => {
        while (pending.length) await pending.shift()!();
      };
      const report = await syncDirectoryAsync(dir, {
        known: () => known.rows,
        rekey: (moves) => void pending.push(() => this.rekeyArticles(moves)),
        remove: (ids) => void pending.push(() => this.removeArticles(ids)),
        memory,
        emptySince: {
          get: () => emptySince,
          set: (at) => {
            if (at === emptySince) return;
            emptySince = at;
            pending.push(() =>
              at === null
                ? this.pool.query('DELETE FROM sync_state WHERE key = $1', [key])
                : this.pool.query('INSERT INTO sync_state (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, String(at)]),
            );
          },
        },
        ...(opts.emptyGraceMs !== undefined ? { emptyGraceMs: opts.emptyGraceMs } : {}),
        ...(opts.now ? { now: opts.now } : {}),
        ingestFiles: async (paths, at) => {
          await settle();
          return this.ingestFiles(paths, at, load);
        },
      });
      await settle();
      return report;
    } catch (err) {
      // Files marked as tried in the failed sync are tried again next time.
      this.syncMemory.delete(root);
      if (!isConnectionError(err)) throw err;
      this.opts.logger?.warn('PostgreSQL could not be reached; content sync skipped until the next one', { database: this.where, error: errorText(err) });
      return notStoredReport(dir, `${this.where} could not be reached (${errorText(err)}), so new content was not stored this time; it will be on the next sync`);
    }
  }

  private async ingestFiles(paths: string[], root: string, load: ArticleLoader): Promise<IngestStepResult> {
    const out: IngestStepResult = { errors: [], stored: [] };
    const { articles, errors } = load(paths, { root });
    for (const e of errors) out.errors.push({ path: e.path, line: e.line ?? null, message: e.message, severity: e.severity ?? 'error' });
    for (const a of articles) a.id = articleId(root, resolve(a.path));
    const res = await this.ingestArticles(articles);
    for (const e of res.errors) out.errors.push({ path: e.path, line: null, message: e.message, severity: 'error' });
    const failed = new Set(res.errors.map((e) => resolve(e.path)));
    for (const a of articles) if (!failed.has(resolve(a.path))) out.stored.push(a.path);
    return out;
  }

  /** Picks up articles added, changed or removed in `dir` while running. */
  watch(dir: string, onSync?: (report: SyncReport) => void): WatchHandle {
    const handle = watchDirectory(dir, () => this.syncContent(dir), {
      onSync,
      onError: (err) => this.opts.logger?.warn('content sync failed', { dir, error: errorText(err) }),
    });
    this.watchers.push(handle);
    return handle;
  }

  // --- reading -------------------------------------------------------------------------------

  async listArticles(opts: { since?: number; limit?: number } = {}): Promise<ArticleSummary[]> {
    const { rows } = await this.pool.query<ArticleSummaryRow>(
      `SELECT id, path, title, published, source, url, tags, hash, added_at, updated_at FROM articles
       WHERE added_at > $1 ORDER BY added_at DESC, id LIMIT $2`,
      [opts.since ?? -1, opts.limit ?? null],
    );
    return rows.map(toArticleSummary);
  }

  async getExtraction(id: string): Promise<Extraction | null> {
    const r = (await this.pool.query<{ extraction: string }>('SELECT extraction FROM articles WHERE id = $1', [id])).rows[0];
    return r ? (JSON.parse(r.extraction) as Extraction) : null;
  }

  /** Articles first seen after `since` (epoch ms), for digests. */
  articlesAddedSince(since: number): Promise<DigestEntry[]> {
    return this.stored('WHERE added_at > $1 ORDER BY added_at, seq', since);
  }

  /** The `limit` most recently added articles, for digests. */
  latestArticles(limit: number): Promise<DigestEntry[]> {
    return this.stored('ORDER BY added_at DESC, id LIMIT $1', limit);
  }

  private async stored(where: string, arg: number): Promise<DigestEntry[]> {
    const { rows } = await this.pool.query<{ extraction: string; added_at: number; body: string | null }>(`SELECT extraction, added_at, body FROM articles ${where}`, [arg]);
    return rows.map((r) => ({ extraction: JSON.parse(r.extraction) as Extraction, addedAt: r.added_at, ...(r.body !== null ? { body: r.body } : {}) }));
  }

  async stats(): Promise<{ articles: number; quotes: number; facts: number; people: number }> {
    const { rows } = await this.pool.query<{ articles: number; quotes: number; facts: number; people: number }>(
      `SELECT (SELECT count(*)::int FROM articles) AS articles, (SELECT count(*)::int FROM quotes) AS quotes,
              (SELECT count(*)::int FROM facts WHERE mention = 0) AS facts, (SELECT count(*)::int FROM people) AS people`,
    );
    return rows[0]!;
  }

  private closed: Promise<void> | null = null;

  /** Stops watching and the workers, waits for this process's writes, ends an own pool. Once. */
  close(): Promise<void> {
    this.closed ??= (async () => {
      for (const w of this.watchers) w.close();
      this.watchers = [];
      this.extractors?.close();
      this.extractors = null;
      await this.writes;
      if (this.opts.ownsPool) await this.pool.end();
    })();
    return this.closed;
  }
}

/** The batch in parts in which each article id occurs once (in order). */
function distinctIds(batch: readonly PreparedArticle[]): PreparedArticle[][] {
  const parts: PreparedArticle[][] = [];
  let part: PreparedArticle[] = [];
  let ids = new Set<string>();
  for (const p of batch) {
    if (ids.has(p.id)) {
      parts.push(part);
      part = [];
      ids = new Set();
    }
    part.push(p);
    ids.add(p.id);
  }
  if (part.length) parts.push(part);
  return parts;
}

/** The server unreachable, restarting or gone (node-postgres and the socket's own codes). */
function isConnectionError(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  if (typeof code === 'string' && (/^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EPIPE|EHOSTUNREACH)$/.test(code) || /^(08|57P0)/.test(code))) return true;
  return /Connection terminated|timeout exceeded when trying to connect/i.test(errorText(err));
}

function notStoredReport(dir: string, why: string): SyncReport {
  return { dir, added: [], updated: [], removed: [], renamed: [], unchanged: 0, errors: [], stillFailing: 0, skipped: [], held: 0, notStored: why, ms: 0 };
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
