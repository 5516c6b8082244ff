// The knowledge store: extractions in SQLite (better-sqlite3) with FTS5 search. It implements the
// ask engine's SearchPort (asynchronous, over the synchronous reader) and the storage interfaces of
// src/store/types.ts; it does not decide what a question means (the app builds the AskEngine over it,
// src/app/knowledge.ts). Opening costs a schema check and nothing else: people and vocabulary are read
// lazily, so a process over a large persisted index is ready at once.
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { dirname, resolve, resolve as resolvePath } from 'node:path';
import { articleId } from '../../../core/articles/files.ts';
import Database from 'better-sqlite3';
import type { ArticleRef, FactHit, FactSearch, QuoteHit, QuoteSearch, SearchPort } from '../../../core/ask/port.ts';
import type { Article, Extraction, Person } from '../../../core/model.ts';
import type { Logger } from '../../../log.ts';
import { migrate, newerSchema, openDb, StoreError, type Db } from '../db.ts';
import { statePathFor, truncatedKnowledgeProblem } from '../state.ts';
import { KnowledgeReader } from './read.ts';
import { knowledgeMigrations, KNOWLEDGE_MODULE } from './schema.ts';
import {
  syncDirectory,
  syncDirectoryAsync,
  watchDirectory,
  type ArticleLoader,
  type IngestStepResult,
  type SyncDeps,
  type SyncMemory,
  type SyncReport,
  type WatchHandle,
} from '../../ingest/sync.ts';
import { KnowledgeWriter, type ArticleText } from './write.ts';
import { ExtractPool, type ExtractWorkerSpec, type Outcome, type SubmitOutcome } from '../../ingest/extract-pool.ts';
import { prepareArticle } from './prepare.ts';
import type { ArticleSummary } from '../../types.ts';

export { StoreError } from '../db.ts';
export type { SyncReport, WatchHandle } from '../../ingest/sync.ts';
export type { ExtractWorkerSpec } from '../../ingest/extract-pool.ts';

/** Articles per transaction in a bulk ingest: bounds the WAL and what a failure takes back. */
const COMMIT_EVERY = 500;
/** Ingests of at least this many articles checkpoint the WAL once, at the end. */
const BULK_MIN = 100;
/** 64 MB of 4 KB pages. */
const BULK_CHECKPOINT_PAGES = 16384;

export interface KnowledgeStoreOptions {
  /** `databasePath` from config (default data/briefing.db), or `:memory:`. */
  path: string;
  /** Extraction for `ingestArticle` and `syncContent`. */
  extract?: (article: Article) => Extraction;
  /**
   * Where worker threads load the same extractor from, so bulk ingest extracts in parallel with
   * writing (see extract-pool.ts). Without it, or for a few articles, extraction runs in-thread.
   */
  extractWorker?: ExtractWorkerSpec;
  /** Article loading for `syncContent`. */
  load?: ArticleLoader;
  /** Open without writing (also chosen automatically when the file is read-only). */
  readonly?: boolean;
  logger?: Logger;
}

// One definition of an article's summary, shared by every backend.
export type { ArticleSummary } from '../../types.ts';

/** What the digest reads per article. */
export interface StoredArticle {
  extraction: Extraction;
  addedAt: number;
  body?: string;
}

interface ArticleRow {
  id: string;
  path: string;
  title: string;
  published: string | null;
  source: string | null;
  url: string | null;
  tags: string;
  hash: string;
  added_at: number;
  updated_at: number;
}

export class KnowledgeStore implements SearchPort {
  readonly path: string;
  readonly readonly: boolean;
  private readonly db: Db;
  private readonly reader: KnowledgeReader;
  private writer: KnowledgeWriter | null = null;
  private readonly opts: KnowledgeStoreOptions;
  private watchers: WatchHandle[] = [];
  private readonly dataVersion: Database.Statement<[], number>;
  private seenVersion = -1;
  /** Bumped by every change seen (own writes and other connections'): SearchPort.version(). */
  private generation = 0;
  private pool: ExtractPool | null = null;
  private readonly syncMemory = new Map<string, SyncMemory>();

  private constructor(db: Db, readonly_: boolean, opts: KnowledgeStoreOptions) {
    this.db = db;
    this.path = opts.path;
    this.readonly = readonly_;
    this.opts = opts;
    this.reader = new KnowledgeReader(db);
    this.dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck();
  }

  /**
   * Opens (creating and migrating when needed) the store at `opts.path`. A file that is not a
   * database throws a StoreError naming the path and the fix; a read-only file opens read-only
   * (questions still work, ingest throws).
   */
  static open(opts: KnowledgeStoreOptions): KnowledgeStore {
    const path = opts.path;
    if (opts.readonly) return new KnowledgeStore(openReadonly(path), true, opts);
    // A 0-byte file the state file remembers as this store was truncated: say so, do not start afresh on it.
    const truncated = truncatedKnowledgeProblem(path);
    if (truncated) throw new StoreError(truncated, path);
    // A file (or folder, for the -wal and -shm files) this process cannot write is opened read-only
    // up front: answers are served, and syncs say new content was not stored.
    if (path !== ':memory:' && existsSync(path) && !writable(path)) return new KnowledgeStore(openReadonly(path), true, opts);
    let db: Db | null = null;
    try {
      db = openDb(path);
      // FTS inserts touch many index pages; the 2 MB default cache makes bulk ingest disk-bound.
      db.pragma('cache_size = -65536');
      db.pragma('temp_store = MEMORY');
      migrate(db, knowledgeMigrations);
      return new KnowledgeStore(db, false, opts);
    } catch (err) {
      db?.close();
      const msg = errorText(err);
      if (/not a database|malformed|file is encrypted/i.test(msg)) {
        throw new StoreError(
          `${path} is not a usable briefing database (${msg.replace(/^cannot open database \S+: /, '')}). ` +
            `Fix: move or delete the file (it is rebuilt from the articles on the next run; digest subscriptions and delivery history are kept apart, in ${statePathFor(path)}), or point databasePath elsewhere.`,
          path,
          err,
        );
      }
      if (/readonly|read-only|EACCES|EROFS|permission/i.test(msg) && path !== ':memory:' && existsSync(path)) {
        return new KnowledgeStore(openReadonly(path), true, opts);
      }
      if (err instanceof StoreError) throw err;
      throw new StoreError(`cannot open the knowledge store at ${path}: ${msg}`, path, err);
    }
  }

  // --- SearchPort (the ask engine's reads; the reader is synchronous, the port is not) --------

  async version(): Promise<number> {
    this.fresh();
    return this.generation;
  }
  async people(): Promise<Person[]> {
    this.fresh();
    return this.reader.people();
  }
  async sources(): Promise<string[]> {
    return this.reader.sources();
  }
  async vocabulary(limit: number): Promise<string[]> {
    return this.reader.vocabulary(limit);
  }

  async documentFrequency(word: string): Promise<number> {
    return this.reader.documentFrequency(word);
  }
  async similarWords(word: string, maxDistance: number, limit: number): Promise<{ word: string; df: number }[]> {
    return this.reader.similarWords(word, maxDistance, limit);
  }
  async family(word: string, limit: number): Promise<{ word: string; df: number }[]> {
    return this.reader.family(word, limit);
  }
  async searchQuotes(q: QuoteSearch): Promise<QuoteHit[]> {
    return this.reader.searchQuotes(q);
  }
  async countQuotes(personId: string): Promise<number> {
    return this.reader.countQuotes(personId);
  }
  async searchFacts(q: FactSearch): Promise<FactHit[]> {
    return this.reader.searchFacts(q);
  }
  async mentions(personId: string, limit: number): Promise<FactHit[]> {
    return this.reader.mentions(personId, limit);
  }
  async textMentions(name: string, limit: number): Promise<FactHit[]> {
    return this.reader.textMentions(name, limit);
  }
  async article(id: string): Promise<ArticleRef | null> {
    return this.reader.article(id);
  }
  async personArticles(personId: string): Promise<ArticleRef[]> {
    return this.reader.personArticles(personId);
  }
  async personArticleCount(personId: string): Promise<number> {
    return this.reader.personArticleCount(personId);
  }
  async recentArticles(limit: number): Promise<ArticleRef[]> {
    return this.reader.recentArticles(limit);
  }

  /**
   * Drops cached people and vocabulary when another connection has committed since the last read
   * (an answer worker's read-only connection, or a second process), so no answer is served from a
   * stale cache. Own writes invalidate directly; SQLite's data_version only counts the others'.
   */
  private fresh(): void {
    const v = this.dataVersion.get() ?? 0;
    if (v !== this.seenVersion) {
      if (this.seenVersion !== -1) this.changed();
      this.seenVersion = v;
    }
  }

  // --- writing ------------------------------------------------------------------------------

  private w(): KnowledgeWriter {
    if (this.readonly) {
      throw new StoreError(
        `the knowledge store ${this.path} is read-only; questions are answered but nothing can be added. ` +
          `Fix: make the file and its folder writable, or point databasePath at a writable location.`,
        this.path,
      );
    }
    this.writer ??= new KnowledgeWriter(this.db);
    return this.writer;
  }

  private changed(): void {
    this.reader.invalidate();
    this.generation++;
  }

  /** Extracts and stores an article; returns false (and does nothing) when its hash is unchanged. */
  ingestArticle(article: Article): boolean {
    return this.ingestArticles([article]).ingested === 1;
  }

  /**
   * Extracts and stores many articles (a transaction per 500); unchanged ones (same id and hash)
   * are skipped. With `extractWorker` set, extraction runs in worker threads while this thread
   * writes. An article whose extraction fails is reported with its path; the others are stored.
   */
  // Write transactions BEGIN IMMEDIATE: a deferred one that read first cannot wait for another
  // process's write lock (SQLite answers SQLITE_BUSY at once rather than risk a deadlock).
  ingestArticles(articles: readonly Article[]): { ingested: number; skipped: number; errors: { path: string; message: string }[] } {
    const extract = this.opts.extract;
    if (!extract) throw new StoreError('no extractor configured for this knowledge store', this.path);
    const writer = this.w();
    const hashOf = this.db.prepare<[string], { hash: string }>('SELECT hash FROM articles WHERE id = ?');
    let ingested = 0;
    let skipped = 0;
    const errors: { path: string; message: string }[] = [];
    const now = Date.now();
    const todo: Article[] = [];
    const queued = new Map<string, string>();
    for (const a of articles) {
      if ((queued.get(a.id) ?? hashOf.get(a.id)?.hash) === a.hash) skipped++;
      else {
        todo.push(a);
        queued.set(a.id, a.hash);
      }
    }
    const local = (a: Article) => prepareArticle(extract(a), a.hash, a.path, { text: a.text, bodyStart: a.bodyStart });
    const outcomes = this.extractPool()?.run(todo, local) ?? inThread(todo, local);
    const bulk = this.bulkWrites(todo.length);
    try {
      for (let finished = todo.length === 0; !finished; ) {
        this.db.transaction(() => {
          for (let k = 0; k < COMMIT_EVERY; k++) {
            const r = outcomes.next();
            if (r.done) {
              finished = true;
              break;
            }
            if ('error' in r.value) errors.push({ path: r.value.article.path, message: `extraction failed: ${r.value.error}` });
            else {
              writer.apply(r.value.prepared, now);
              ingested++;
            }
          }
          writer.flush();
        }).immediate();
      }
    } finally {
      outcomes.return(undefined);
      bulk.end();
    }
    if (ingested) this.changed();
    return { ingested, skipped, errors };
  }

  /**
   * For a bulk write, checkpoints the WAL once at the end instead of every 4 MB: the FTS and index
   * pages an ingest touches are rewritten by article after article, and each routine checkpoint
   * copied the hot ones into the database file again (about 0.6 ms of a 2.7 ms store per article
   * at 1M quotes). The WAL may grow to 64 MB before a checkpoint happens anyway.
   */
  private bulkWrites(count: number): { end(): void } {
    if (count < BULK_MIN || this.path === ':memory:') return { end() {} };
    const previous = this.db.pragma('wal_autocheckpoint', { simple: true }) as number;
    this.db.pragma(`wal_autocheckpoint = ${BULK_CHECKPOINT_PAGES}`);
    return {
      end: () => {
        this.db.pragma(`wal_autocheckpoint = ${previous}`);
        // PASSIVE: readers (answer workers, another process) are never waited for.
        this.db.pragma('wal_checkpoint(PASSIVE)');
      },
    };
  }

  /**
   * Starts the extraction workers ahead of ingesting `count` articles, so their start-up (about a
   * second) overlaps reading the files; `waitMs` blocks until they are ready. Returns the workers
   * ready (0 without `extractWorker`, or for a batch too small to be worth them).
   */
  startExtraction(count: number, waitMs = 0): number {
    if (this.readonly) return 0;
    return this.extractPool()?.prestart(count, waitMs) ?? 0;
  }

  private extractPool(): ExtractPool | null {
    if (!this.opts.extractWorker) return null;
    this.pool ??= new ExtractPool(this.opts.extractWorker, {
      onWarning: (m) => this.opts.logger?.warn(m, { store: this.path }),
      // Workers write to the file themselves in off-thread ingest; an in-memory database has no file.
      ...(this.path !== ':memory:' && !this.readonly ? { dbPath: resolve(this.path) } : {}),
    });
    return this.pool;
  }

  /** Whether ingest can run entirely in the extraction workers (a file, workers allowed). */
  get offThread(): boolean {
    return !this.readonly && (this.extractPool()?.canSubmit ?? false);
  }

  /**
   * Runs a named task of the extraction workers (ExtractWorkerSpec.tasks), such as reading a web
   * page: one bounded pool for everything heavy. Without workers, `fallback` runs here.
   */
  async runTask<T>(name: string, input: unknown, fallback: () => T | Promise<T>): Promise<T> {
    const pool = this.extractPool();
    if (!pool || !this.opts.extractWorker?.tasks?.[name]) return fallback();
    const out = await pool.submit({ kind: 'task', name, input });
    if (!out.ok) throw new Error(out.message);
    return out.value as T;
  }

  /**
   * `ingestArticles` for a running bot: each article is extracted, prepared and written by an
   * extraction worker in its own short transaction, so this thread (which acknowledges commands)
   * only awaits. Without workers or a database file, articles are done here one by one, with a turn
   * of the event loop between them.
   */
  async ingestArticlesAsync(articles: readonly Article[]): Promise<{ ingested: number; skipped: number; errors: { path: string; message: string }[] }> {
    this.w();
    const pool = this.offThread ? this.extractPool()! : null;
    if (!pool) {
      const total = { ingested: 0, skipped: 0, errors: [] as { path: string; message: string }[] };
      for (const a of articles) {
        const r = this.ingestArticles([a]);
        total.ingested += r.ingested;
        total.skipped += r.skipped;
        total.errors.push(...r.errors);
        await new Promise((res) => setImmediate(res));
      }
      return total;
    }
    const hashOf = this.db.prepare<[string], { hash: string }>('SELECT hash FROM articles WHERE id = ?');
    const todo: Article[] = [];
    const queued = new Map<string, string>();
    let skipped = 0;
    for (const a of articles) {
      if ((queued.get(a.id) ?? hashOf.get(a.id)?.hash) === a.hash) skipped++;
      else {
        todo.push(a);
        queued.set(a.id, a.hash);
      }
    }
    const now = Date.now();
    const outs = await Promise.all(todo.map((article) => pool.submit({ kind: 'store', article, now })));
    const errors: { path: string; message: string }[] = [];
    let ingested = 0;
    outs.forEach((o, i) => {
      if (o.ok) ingested++;
      else errors.push({ path: todo[i]!.path, message: failureText(o) });
    });
    if (ingested) this.changed();
    return { ingested, skipped, errors };
  }

  /** Stores an extraction made elsewhere (tests, tools). `text` gives quotes their context sentences. */
  ingestExtraction(extraction: Extraction, hash: string, text?: ArticleText): void {
    this.ingestExtractions([{ extraction, hash, text }]);
  }

  ingestExtractions(items: readonly { extraction: Extraction; hash: string; text?: ArticleText }[]): void {
    const writer = this.w();
    const now = Date.now();
    this.db.transaction(() => {
      for (const it of items) writer.write(it.extraction, it.hash, it.extraction.article.path, it.text ?? null, now);
      writer.flush();
    }).immediate();
    this.changed();
  }

  removeArticle(id: string): void {
    this.removeArticles([id]);
  }

  /** Removes articles in one transaction (their people are re-aggregated once). */
  removeArticles(ids: readonly string[]): void {
    const writer = this.w();
    this.db.transaction(() => {
      for (const id of ids) writer.remove(id);
      writer.flush();
    }).immediate();
    if (ids.length) this.changed();
  }

  /**
   * Gives stored articles new ids and paths, keeping their rows and `added_at`: files renamed or
   * moved with their content unchanged, and rows stored under ids from an older version.
   */
  rekeyArticles(moves: readonly { from: string; to: string; path: string }[]): void {
    const writer = this.w();
    this.db.transaction(() => {
      // Quotes, facts and people rows follow their article's id within the transaction.
      this.db.pragma('defer_foreign_keys = ON');
      for (const m of moves) writer.rekey(m.from, m.to, m.path);
      writer.flush();
    }).immediate();
    if (moves.length) this.changed();
  }

  /**
   * Brings the store in line with the articles in `dir`: extracts new and changed files (content
   * hash), keeps renamed and moved files as the same articles, removes articles whose files are
   * gone (after a grace period when the whole folder is empty), and reports per-file errors once,
   * without stopping: a failing file is tried again when it changes.
   */
  syncContent(dir: string, opts: { emptyGraceMs?: number; now?: () => number } = {}): SyncReport {
    if (this.readonly) return notStoredReport(dir, readonlyReason(this.path));
    // One retry: each attempt waits out the busy timeout (5 s) for another process's write.
    for (let attempt = 1; ; attempt++) {
      try {
        return this.syncOnce(dir, opts);
      } catch (err) {
        const code = sqliteCode(err);
        // Files marked as tried in the failed sync are tried again next time.
        if (code.startsWith('SQLITE_')) this.syncMemory.delete(resolve(dir));
        if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
          if (attempt < 2) continue;
          this.opts.logger?.warn('the database stayed busy; content sync skipped until the next one', { databasePath: this.path });
          return notStoredReport(dir, `another process kept ${this.path} locked for over 10 s, so new content was not stored this time; it will be on the next sync`);
        }
        if (code.startsWith('SQLITE_READONLY')) return notStoredReport(dir, readonlyReason(this.path));
        if (code === 'SQLITE_FULL') {
          throw new StoreError(
            `the disk holding ${this.path} is full (SQLite: database or disk is full), so new content was not stored. ` +
              `Fix: free space on that disk, or point databasePath at a disk with room; what was stored before is intact.`,
            this.path,
            err,
          );
        }
        throw err;
      }
    }
  }

  /**
   * `syncContent` for a running bot: this thread lists and hashes the files (giving the event loop a
   * turn every few milliseconds); the extraction workers load, extract and write the changed ones,
   * each in its own short transaction. Without workers the work is done here, file by file.
   */
  async syncContentAsync(dir: string, opts: { emptyGraceMs?: number; now?: () => number } = {}): Promise<SyncReport> {
    if (this.readonly) return notStoredReport(dir, readonlyReason(this.path));
    for (let attempt = 1; ; attempt++) {
      try {
        const deps = this.syncDeps(dir, opts);
        const report = await syncDirectoryAsync(dir, { ...deps, ingestFiles: (paths, root) => this.ingestFiles(paths, root, deps), changeArticles: (c) => this.changeArticlesAsync(c) });
        const problem = this.storeProblem(report);
        return problem ? { ...report, notStored: problem } : report;
      } catch (err) {
        const code = sqliteCode(err);
        if (code.startsWith('SQLITE_')) this.syncMemory.delete(resolve(dir));
        if ((code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) && attempt < 2) continue;
        if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
          return notStoredReport(dir, `another process kept ${this.path} locked for over 10 s, so new content was not stored this time; it will be on the next sync`);
        }
        if (code.startsWith('SQLITE_READONLY')) return notStoredReport(dir, readonlyReason(this.path));
        throw err;
      }
    }
  }

  /**
   * A sync's removals and renames: written by an extraction worker in one short transaction (per
   * slice the sync sends), this thread only awaiting; here when there are no workers.
   */
  private async changeArticlesAsync(c: { remove?: string[]; rekey?: { from: string; to: string; path: string }[] }): Promise<void> {
    const pool = this.offThread ? this.extractPool()! : null;
    if (!pool) {
      if (c.rekey?.length) this.rekeyArticles(c.rekey);
      if (c.remove?.length) this.removeArticles(c.remove);
      return;
    }
    const out = await pool.submit({ kind: 'change', ...c });
    if (!out.ok) throw Object.assign(new Error(out.message), out.code ? { code: out.code } : {});
    this.changed();
  }

  /** Failures of the database's own in an off-thread ingest (the workers report them per file). */
  private lastStoreCodes: string[] = [];
  private storeProblem(report: SyncReport): string | undefined {
    const codes = this.lastStoreCodes;
    this.lastStoreCodes = [];
    if (!codes.length) return undefined;
    if (codes.some((c) => c.startsWith('SQLITE_READONLY'))) return readonlyReason(this.path);
    if (codes.includes('SQLITE_FULL')) {
      return `the disk holding ${this.path} is full (SQLite: database or disk is full), so ${codes.length} changed file(s) were not stored. Fix: free space on that disk, or point databasePath at a disk with room; what was stored before is intact.`;
    }
    return `another process kept ${this.path} locked, so ${codes.length} changed file(s) of ${report.dir} were not stored this time; they will be on the next sync`;
  }

  /** The ingest step of an asynchronous sync. */
  private async ingestFiles(paths: string[], root: string, deps: SyncDeps): Promise<IngestStepResult> {
    const pool = this.offThread && this.opts.extractWorker?.loader ? this.extractPool()! : null;
    const out: IngestStepResult = { errors: [], stored: [], retry: [] };
    if (!pool) {
      // In-thread, one file at a time with a turn of the event loop between them.
      for (const path of paths) {
        const { articles, errors } = deps.load([path], { root });
        for (const e of errors) out.errors.push({ path: e.path, line: e.line ?? null, message: e.message, severity: e.severity ?? 'error' });
        for (const a of articles) a.id = articleId(root, resolvePath(a.path));
        const res = this.ingestArticles(articles);
        for (const e of res.errors) out.errors.push({ path: e.path, line: null, message: e.message, severity: 'error' });
        if (articles.length && !res.errors.length) out.stored.push(articles[0]!.path);
        await new Promise((r) => setImmediate(r));
      }
      return out;
    }
    const now = Date.now();
    const outs = await Promise.all(paths.map((path) => pool.submit({ kind: 'store', file: { path, root }, now })));
    let stored = 0;
    outs.forEach((o, i) => {
      const path = paths[i]!;
      if (o.ok) {
        for (const e of o.stored?.loadErrors ?? []) out.errors.push({ path: e.path, line: e.line ?? null, message: e.message, severity: e.severity ?? 'error' });
        if (o.stored?.path) {
          out.stored.push(o.stored.path);
          stored++;
        }
      } else if (o.code?.startsWith('SQLITE_')) {
        // The database's failure, not the file's: tried again on the next sync.
        this.lastStoreCodes.push(o.code);
        out.retry!.push(resolve(path));
      } else out.errors.push({ path, line: null, message: failureText(o), severity: 'error' });
    });
    if (stored) this.changed();
    return out;
  }

  private syncOnce(dir: string, opts: { emptyGraceMs?: number; now?: () => number }): SyncReport {
    return syncDirectory(dir, this.syncDeps(dir, opts));
  }

  private syncDeps(dir: string, opts: { emptyGraceMs?: number; now?: () => number }): SyncDeps {
    const load = this.opts.load;
    if (!load) throw new StoreError('no article loader configured for this knowledge store', this.path);
    this.w();
    const root = resolve(dir);
    let memory = this.syncMemory.get(root);
    if (!memory) this.syncMemory.set(root, (memory = { failed: new Map() }));
    const key = `empty-since:${root}`;
    const getState = this.db.prepare<[string], { value: string }>('SELECT value FROM sync_state WHERE key = ?');
    return {
      known: () => this.db.prepare<[], { id: string; path: string; hash: string }>('SELECT id, path, hash FROM articles').all(),
      load,
      willIngest: (count) => this.startExtraction(count),
      ingest: (articles) => this.ingestArticles(articles),
      remove: (ids) => this.removeArticles(ids),
      rekey: (moves) => this.rekeyArticles(moves),
      memory,
      emptySince: {
        get: () => {
          const v = getState.get(key)?.value;
          return v === undefined ? null : Number(v);
        },
        set: (at) => {
          if (at === null) {
            if (getState.get(key)) this.db.prepare('DELETE FROM sync_state WHERE key = ?').run(key);
          } else this.db.prepare('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, String(at));
        },
      },
      ...(opts.emptyGraceMs !== undefined ? { emptyGraceMs: opts.emptyGraceMs } : {}),
      ...(opts.now ? { now: opts.now } : {}),
    };
  }

  /** Picks up articles added, changed or removed in `dir` while running. */
  watch(dir: string, onSync?: (report: SyncReport) => void): WatchHandle {
    this.w();
    // Off the thread that acknowledges commands: the watch runs inside a bot.
    const handle = watchDirectory(dir, () => this.syncContentAsync(dir), {
      onSync,
      onError: (err) => this.opts.logger?.warn('content sync failed', { dir, error: errorText(err) }),
    });
    this.watchers.push(handle);
    return handle;
  }

  // --- reading ------------------------------------------------------------------------------

  listArticles(opts: { since?: number; limit?: number } = {}): ArticleSummary[] {
    const rows = this.db
      .prepare<[number, number], ArticleRow>(
        `SELECT id, path, title, published, source, url, tags, hash, added_at, updated_at FROM articles
         WHERE added_at > ? ORDER BY added_at DESC, id LIMIT ?`,
      )
      .all(opts.since ?? -1, opts.limit ?? -1);
    return rows.map((r) => ({
      id: r.id,
      path: r.path,
      title: r.title,
      published: r.published,
      source: r.source,
      url: r.url,
      tags: JSON.parse(r.tags) as string[],
      hash: r.hash,
      addedAt: r.added_at,
      updatedAt: r.updated_at,
    }));
  }

  getExtraction(id: string): Extraction | null {
    const r = this.db.prepare<[string], { extraction: string }>('SELECT extraction FROM articles WHERE id = ?').get(id);
    return r ? (JSON.parse(r.extraction) as Extraction) : null;
  }

  /** Articles first seen after `since` (epoch ms), for digests. */
  articlesAddedSince(since: number): StoredArticle[] {
    return this.stored('WHERE added_at > ? ORDER BY added_at', since);
  }

  /** The `limit` most recently added articles, for digests. */
  latestArticles(limit: number): StoredArticle[] {
    return this.stored('ORDER BY added_at DESC, id LIMIT ?', limit);
  }

  private stored(where: string, arg: number): StoredArticle[] {
    return this.db
      .prepare<[number], { extraction: string; added_at: number; body: string | null }>(`SELECT extraction, added_at, body FROM articles ${where}`)
      .all(arg)
      .map((r) => ({ extraction: JSON.parse(r.extraction) as Extraction, addedAt: r.added_at, ...(r.body !== null ? { body: r.body } : {}) }));
  }

  stats(): { articles: number; quotes: number; facts: number; people: number } {
    const one = (sql: string) => (this.db.prepare<[], { n: number }>(sql).get()?.n ?? 0);
    return {
      articles: one('SELECT count(*) AS n FROM articles'),
      quotes: one('SELECT count(*) AS n FROM quotes'),
      facts: one('SELECT count(*) AS n FROM facts WHERE mention = 0'),
      people: one('SELECT count(*) AS n FROM people'),
    };
  }

  close(): void {
    for (const w of this.watchers) w.close();
    this.watchers = [];
    this.pool?.close();
    this.pool = null;
    if (this.db.open) this.db.close();
  }
}

function failureText(o: SubmitOutcome): string {
  return o.ok ? '' : `extraction failed: ${o.message}`;
}

function openReadonly(path: string): Db {
  if (path === ':memory:' || !existsSync(path)) {
    throw new StoreError(`cannot open ${path} read-only: the file does not exist. Fix: run once with write access to create it.`, path);
  }
  let db: Db;
  try {
    db = openDb(path, { readonly: true });
  } catch (err) {
    const msg = errorText(err);
    // A WAL database can be read in place only where its -shm file exists or can be made: a
    // read-only mount, or a folder this user cannot write, forbids both. Read a copy in memory.
    const copy = /unable to open database file|readonly/i.test(msg) ? openCopy(path) : null;
    if (copy) {
      db = copy;
    } else if (onReadOnlyFileSystem(path)) {
      throw new StoreError(
        `${path} is on a read-only file system, and SQLite cannot read a database in WAL mode there without its -shm file. ` +
          `Fix: mount it read-write, or copy it to a writable folder and point databasePath at the copy.`,
        path,
        err,
      );
    } else {
      throw new StoreError(
        `${path} cannot be opened (${msg.replace(/^cannot open database \S+: /, '')}). Fix: check the file's permissions, or move it aside to rebuild it.`,
        path,
        err,
      );
    }
  }
  const have = db
    .prepare<[string], { version: number }>(`SELECT version FROM schema_versions WHERE module = ?`)
    .get(KNOWLEDGE_MODULE)?.version ?? 0;
  const want = Math.max(...knowledgeMigrations.map((m) => m.version));
  if (have > want) {
    db.close();
    throw newerSchema(path, KNOWLEDGE_MODULE, have, want);
  }
  if (have < want) {
    db.close();
    throw new StoreError(
      `${path} is read-only and its knowledge schema is ${have ? `at version ${have}, older than ${want}` : 'missing'}. Fix: make the file writable once so it can be upgraded.`,
      path,
    );
  }
  return db;
}

/**
 * The database read into memory, read-only: its header marked as a rollback-journal database
 * (bytes 18-19), since a WAL database cannot be opened from memory. Null when it cannot be read.
 */
function openCopy(path: string): Db | null {
  try {
    const bytes = readFileSync(path);
    if (bytes.length >= 100 && bytes[18] === 2 && bytes[19] === 2) {
      bytes[18] = 1;
      bytes[19] = 1;
    }
    const db = new Database(bytes, { readonly: true });
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return db;
  } catch {
    return null;
  }
}

function sqliteCode(err: unknown): string {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'string' ? code : '';
}

function readonlyReason(path: string): string {
  if (path !== ':memory:' && onReadOnlyFileSystem(path)) {
    return `${path} is on a read-only file system (mounted read-only), so new content was not stored; answers come from a copy of it in memory. Fix: mount it read-write, or point databasePath at a writable location.`;
  }
  return `${path} is read-only, so new content was not stored; answers come from what it holds. Fix: make the file and its folder writable by this user, or point databasePath at a writable location.`;
}

function notStoredReport(dir: string, why: string): SyncReport {
  return { dir, added: [], updated: [], removed: [], renamed: [], unchanged: 0, errors: [], stillFailing: 0, skipped: [], held: 0, notStored: why, ms: 0 };
}

/** Whether this process may write the database file and create files next to it (-wal, -shm). */
function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    accessSync(dirname(resolvePath(path)), constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function onReadOnlyFileSystem(path: string): boolean {
  try {
    accessSync(dirname(resolvePath(path)), constants.W_OK);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EROFS';
  }
}

/** Extraction in this thread, one article after another, as outcomes. */
function* inThread(articles: readonly Article[], local: (a: Article) => ReturnType<typeof prepareArticle>): Generator<Outcome> {
  for (const article of articles) {
    let outcome: Outcome;
    try {
      outcome = { article, prepared: local(article) };
    } catch (err) {
      outcome = { article, error: errorText(err) };
    }
    yield outcome;
  }
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
