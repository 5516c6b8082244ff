// The knowledge store: extractions in SQLite (better-sqlite3) with FTS5 search. It implements the
// ask engine's SearchPort (asynchronous, over the synchronous reader) and the storage interfaces of
// src/store/types.ts; it does not decide what a question means (the app builds the AskEngine over it,
// src/app/knowledge.ts). Opening costs a schema check and nothing else: people and vocabulary are read
// lazily, so a process over a large persisted index is ready at once.
//
// This file is the facade and owns the resources (connection, writer, extraction workers); the jobs
// live beside it: open.ts (opening, read-only fallbacks), ingest.ts (writing articles), sync.ts (the
// content folder and its watch), digest-source.ts (what digests read), read.ts (search).
import { resolve } from 'node:path';
import type Database from 'better-sqlite3';
import type { ArticleRef, FactHit, FactSearch, QuoteHit, QuoteSearch, SearchPort } from '../../../core/ask/port.ts';
import type { Article, Extraction, Person } from '../../../core/model.ts';
import { ExtractPool } from '../../ingest/extract-pool.ts';
import type { SyncReport, WatchHandle } from '../../ingest/sync.ts';
import type { ArticleSummary } from '../../types.ts';
import { toArticleSummary, type ArticleSummaryRow } from '../../knowledge/rows.ts';
import { StoreError, type Db } from '../db.ts';
import type { KnowledgeContext, KnowledgeStoreOptions } from './context.ts';
import { articlesAddedSince, latestArticles, type StoredArticle } from './digest-source.ts';
import * as ingest from './ingest.ts';
import { openKnowledgeDb } from './open.ts';
import { KnowledgeReader } from './read.ts';
import { ContentSync } from './sync.ts';
import { KnowledgeWriter, type ArticleText } from './write.ts';

export { StoreError } from '../db.ts';
export type { SyncReport, WatchHandle } from '../../ingest/sync.ts';
export type { ExtractWorkerSpec } from '../../ingest/extract-pool.ts';
export type { KnowledgeStoreOptions } from './context.ts';
export type { StoredArticle } from './digest-source.ts';

// One definition of an article's summary, shared by every backend.
export type { ArticleSummary } from '../../types.ts';

export class KnowledgeStore implements SearchPort {
  readonly path: string;
  readonly readonly: boolean;
  private readonly db: Db;
  private readonly reader: KnowledgeReader;
  private writer: KnowledgeWriter | null = null;
  private readonly opts: KnowledgeStoreOptions;
  private readonly dataVersion: Database.Statement<[], number>;
  private seenVersion = -1;
  /** Bumped by every change seen (own writes and other connections'): SearchPort.version(). */
  private generation = 0;
  private pool: ExtractPool | null = null;
  /** What ingest.ts and sync.ts work in. */
  private readonly ctx: KnowledgeContext;
  private readonly content: ContentSync;

  private constructor(db: Db, readonly_: boolean, opts: KnowledgeStoreOptions) {
    this.db = db;
    this.path = opts.path;
    this.readonly = readonly_;
    this.opts = opts;
    this.reader = new KnowledgeReader(db);
    this.dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck();
    this.ctx = {
      db,
      path: this.path,
      readonly: readonly_,
      opts,
      writer: () => this.w(),
      changed: () => this.changed(),
      extractPool: () => this.extractPool(),
    };
    this.content = new ContentSync(this.ctx);
  }

  /**
   * Opens (creating and migrating when needed) the store at `opts.path`. A file that is not a
   * database throws a StoreError naming the path and the fix; a read-only file opens read-only
   * (questions still work, ingest throws).
   */
  static open(opts: KnowledgeStoreOptions): KnowledgeStore {
    return openKnowledgeDb(opts, (db, readonly) => new KnowledgeStore(db, readonly, opts));
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

  private extractPool(): ExtractPool | null {
    if (!this.opts.extractWorker) return null;
    this.pool ??= new ExtractPool(this.opts.extractWorker, {
      onWarning: (m) => this.opts.logger?.warn(m, { store: this.path }),
      // Workers write to the file themselves in off-thread ingest; an in-memory database has no file.
      ...(this.path !== ':memory:' && !this.readonly ? { dbPath: resolve(this.path) } : {}),
    });
    return this.pool;
  }

  // Each of the following is documented where it is written (ingest.ts, sync.ts).

  /** Extracts and stores an article; returns false (and does nothing) when its hash is unchanged. */
  ingestArticle(article: Article): boolean {
    return this.ingestArticles([article]).ingested === 1;
  }

  ingestArticles(articles: readonly Article[]): { ingested: number; skipped: number; errors: { path: string; message: string }[] } {
    return ingest.ingestArticles(this.ctx, articles);
  }
  startExtraction(count: number, waitMs = 0): number {
    return ingest.startExtraction(this.ctx, count, waitMs);
  }
  /** Whether ingest can run entirely in the extraction workers (a file, workers allowed). */
  get offThread(): boolean {
    return ingest.offThread(this.ctx);
  }
  async runTask<T>(name: string, input: unknown, fallback: () => T | Promise<T>): Promise<T> {
    return ingest.runTask(this.ctx, name, input, fallback);
  }
  async ingestArticlesAsync(articles: readonly Article[]): Promise<{ ingested: number; skipped: number; errors: { path: string; message: string }[] }> {
    return ingest.ingestArticlesAsync(this.ctx, articles);
  }

  /** Stores an extraction made elsewhere (tests, tools). `text` gives quotes their context sentences. */
  ingestExtraction(extraction: Extraction, hash: string, text?: ArticleText): void {
    this.ingestExtractions([{ extraction, hash, text }]);
  }
  ingestExtractions(items: readonly { extraction: Extraction; hash: string; text?: ArticleText }[]): void {
    ingest.ingestExtractions(this.ctx, items);
  }
  removeArticle(id: string): void {
    this.removeArticles([id]);
  }
  removeArticles(ids: readonly string[]): void {
    ingest.removeArticles(this.ctx, ids);
  }
  rekeyArticles(moves: readonly { from: string; to: string; path: string }[]): void {
    ingest.rekeyArticles(this.ctx, moves);
  }

  syncContent(dir: string, opts: { emptyGraceMs?: number; now?: () => number } = {}): SyncReport {
    return this.content.syncContent(dir, opts);
  }
  async syncContentAsync(dir: string, opts: { emptyGraceMs?: number; now?: () => number } = {}): Promise<SyncReport> {
    return this.content.syncContentAsync(dir, opts);
  }
  watch(dir: string, onSync?: (report: SyncReport) => void): WatchHandle {
    return this.content.watch(dir, onSync);
  }

  // --- reading ------------------------------------------------------------------------------

  listArticles(opts: { since?: number; limit?: number } = {}): ArticleSummary[] {
    const rows = this.db
      .prepare<[number, number], ArticleSummaryRow>(
        `SELECT id, path, title, published, source, url, tags, hash, added_at, updated_at FROM articles
         WHERE added_at > ? ORDER BY added_at DESC, id LIMIT ?`,
      )
      .all(opts.since ?? -1, opts.limit ?? -1);
    return rows.map(toArticleSummary);
  }

  getExtraction(id: string): Extraction | null {
    const r = this.db.prepare<[string], { extraction: string }>('SELECT extraction FROM articles WHERE id = ?').get(id);
    return r ? (JSON.parse(r.extraction) as Extraction) : null;
  }

  /** Articles first seen after `since` (epoch ms), for digests. */
  articlesAddedSince(since: number): StoredArticle[] {
    return articlesAddedSince(this.db, since);
  }

  /** The `limit` most recently added articles, for digests. */
  latestArticles(limit: number): StoredArticle[] {
    return latestArticles(this.db, limit);
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
    this.content.close();
    this.pool?.close();
    this.pool = null;
    if (this.db.open) this.db.close();
  }
}
