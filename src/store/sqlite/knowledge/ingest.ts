// Writing the knowledge store: ingesting articles (in this thread, with extraction workers beside it,
// or entirely in the workers for a running bot), storing extractions made elsewhere, removing and
// re-keying articles. Each function works in the store's context (context.ts); KnowledgeStore
// (store.ts) offers them as its methods.
import type { Article, Extraction } from '../../../core/model.ts';
import type { Outcome, SubmitOutcome } from '../../ingest/extract-pool.ts';
import { StoreError } from '../db.ts';
import { errorText, type KnowledgeContext } from './context.ts';
import { prepareArticle } from '../../knowledge/prepare.ts';
import type { ArticleText } from './write.ts';

/** Articles per transaction in a bulk ingest: bounds the WAL and what a failure takes back. */
const COMMIT_EVERY = 500;
/** Ingests of at least this many articles checkpoint the WAL once, at the end. */
const BULK_MIN = 100;
/** 64 MB of 4 KB pages. */
const BULK_CHECKPOINT_PAGES = 16384;

/**
 * Extracts and stores many articles (a transaction per 500); unchanged ones (same id and hash)
 * are skipped. With `extractWorker` set, extraction runs in worker threads while this thread
 * writes. An article whose extraction fails is reported with its path; the others are stored.
 */
// Write transactions BEGIN IMMEDIATE: a deferred one that read first cannot wait for another
// process's write lock (SQLite answers SQLITE_BUSY at once rather than risk a deadlock).
export function ingestArticles(ctx: KnowledgeContext, articles: readonly Article[]): { ingested: number; skipped: number; errors: { path: string; message: string }[] } {
  const extract = ctx.opts.extract;
  if (!extract) throw new StoreError('no extractor configured for this knowledge store', ctx.path);
  const writer = ctx.writer();
  const hashOf = ctx.db.prepare<[string], { hash: string }>('SELECT hash FROM articles WHERE id = ?');
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
  const outcomes = ctx.extractPool()?.run(todo, local) ?? inThread(todo, local);
  const bulk = bulkWrites(ctx, todo.length);
  try {
    for (let finished = todo.length === 0; !finished; ) {
      ctx.db.transaction(() => {
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
  if (ingested) ctx.changed();
  return { ingested, skipped, errors };
}

/**
 * For a bulk write, checkpoints the WAL once at the end instead of every 4 MB: the FTS and index
 * pages an ingest touches are rewritten by article after article, and each routine checkpoint
 * copied the hot ones into the database file again (about 0.6 ms of a 2.7 ms store per article
 * at 1M quotes). The WAL may grow to 64 MB before a checkpoint happens anyway.
 */
function bulkWrites(ctx: KnowledgeContext, count: number): { end(): void } {
  if (count < BULK_MIN || ctx.path === ':memory:') return { end() {} };
  const previous = ctx.db.pragma('wal_autocheckpoint', { simple: true }) as number;
  ctx.db.pragma(`wal_autocheckpoint = ${BULK_CHECKPOINT_PAGES}`);
  return {
    end: () => {
      ctx.db.pragma(`wal_autocheckpoint = ${previous}`);
      // PASSIVE: readers (answer workers, another process) are never waited for.
      ctx.db.pragma('wal_checkpoint(PASSIVE)');
    },
  };
}

/**
 * Starts the extraction workers ahead of ingesting `count` articles, so their start-up (about a
 * second) overlaps reading the files; `waitMs` blocks until they are ready. Returns the workers
 * ready (0 without `extractWorker`, or for a batch too small to be worth them).
 */
export function startExtraction(ctx: KnowledgeContext, count: number, waitMs = 0): number {
  if (ctx.readonly) return 0;
  return ctx.extractPool()?.prestart(count, waitMs) ?? 0;
}

/** Whether ingest can run entirely in the extraction workers (a file, workers allowed). */
export function offThread(ctx: KnowledgeContext): boolean {
  return !ctx.readonly && (ctx.extractPool()?.canSubmit ?? false);
}

/**
 * Runs a named task of the extraction workers (ExtractWorkerSpec.tasks), such as reading a web
 * page: one bounded pool for everything heavy. Without workers, `fallback` runs here.
 */
export async function runTask<T>(ctx: KnowledgeContext, name: string, input: unknown, fallback: () => T | Promise<T>): Promise<T> {
  const pool = ctx.extractPool();
  if (!pool || !ctx.opts.extractWorker?.tasks?.[name]) return fallback();
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
export async function ingestArticlesAsync(ctx: KnowledgeContext, articles: readonly Article[]): Promise<{ ingested: number; skipped: number; errors: { path: string; message: string }[] }> {
  ctx.writer();
  const pool = offThread(ctx) ? ctx.extractPool()! : null;
  if (!pool) {
    const total = { ingested: 0, skipped: 0, errors: [] as { path: string; message: string }[] };
    for (const a of articles) {
      const r = ingestArticles(ctx, [a]);
      total.ingested += r.ingested;
      total.skipped += r.skipped;
      total.errors.push(...r.errors);
      await new Promise((res) => setImmediate(res));
    }
    return total;
  }
  const hashOf = ctx.db.prepare<[string], { hash: string }>('SELECT hash FROM articles WHERE id = ?');
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
  if (ingested) ctx.changed();
  return { ingested, skipped, errors };
}

export function ingestExtractions(ctx: KnowledgeContext, items: readonly { extraction: Extraction; hash: string; text?: ArticleText }[]): void {
  const writer = ctx.writer();
  const now = Date.now();
  ctx.db.transaction(() => {
    for (const it of items) writer.write(it.extraction, it.hash, it.extraction.article.path, it.text ?? null, now);
    writer.flush();
  }).immediate();
  ctx.changed();
}

/** Removes articles in one transaction (their people are re-aggregated once). */
export function removeArticles(ctx: KnowledgeContext, ids: readonly string[]): void {
  const writer = ctx.writer();
  ctx.db.transaction(() => {
    for (const id of ids) writer.remove(id);
    writer.flush();
  }).immediate();
  if (ids.length) ctx.changed();
}

/**
 * Gives stored articles new ids and paths, keeping their rows and `added_at`: files renamed or
 * moved with their content unchanged, and rows stored under ids from an older version.
 */
export function rekeyArticles(ctx: KnowledgeContext, moves: readonly { from: string; to: string; path: string }[]): void {
  const writer = ctx.writer();
  ctx.db.transaction(() => {
    // Quotes, facts and people rows follow their article's id within the transaction.
    ctx.db.pragma('defer_foreign_keys = ON');
    for (const m of moves) writer.rekey(m.from, m.to, m.path);
    writer.flush();
  }).immediate();
  if (moves.length) ctx.changed();
}

export function failureText(o: SubmitOutcome): string {
  return o.ok ? '' : `extraction failed: ${o.message}`;
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
