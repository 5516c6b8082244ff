// An extraction worker: loads the extractor module it was given, then serves three kinds of job.
// - `prepare` (a synchronous bulk ingest): extracts and prepares the rows (store/sqlite/knowledge/
//   prepare.ts) and posts them back for the owning thread to write.
// - `store` (the off-thread ingest of a running bot): reads the file when given one (through the
//   loader module), extracts, prepares and writes the article itself, in one short transaction on
//   its own connection to the database file, so the thread that acknowledges commands does none of
//   it. The owning thread's connection sees the commit through SQLite's data_version.
// - `task`: calls a named function of a module from the spec (reading a web page) and posts back
//   what it returns.
// Every message is followed by a bump of the shared counter, so the owning thread can wait on it
// (Atomics.wait in a synchronous ingest, Atomics.waitAsync otherwise). One job's failure is
// reported for that job alone.
import { getPriority, setPriority } from 'node:os';
import { resolve } from 'node:path';
import { workerData, type MessagePort } from 'node:worker_threads';
import { articleId } from '../../core/articles/files.ts';
import type { Article, Extraction } from '../../core/model.ts';
import { openDb, type Db } from '../sqlite/db.ts';
import { prepareArticle } from '../knowledge/prepare.ts';
import { KnowledgeWriter } from '../sqlite/knowledge/write.ts';
import type { ArticleLoader, LoadError } from './sync.ts';
import type { StoreJob, TaskJob, WorkerInput, WorkerJob, WorkerMessage } from './extract-pool.ts';

const { port, signal, module, exportName, dbPath, loader, tasks, nice } = workerData as WorkerInput & { port: MessagePort };
const counter = new Int32Array(signal);

// Linux applies a niceness to the calling thread alone: the thread that acknowledges commands keeps
// the CPU when both want it, and ingest takes what is left (it has minutes, acks have 3 s).
if (nice && nice > 0) {
  try {
    setPriority(Math.min(19, getPriority() + nice));
  } catch {
    // Not permitted here: ingest runs at the same priority, which is only slower for the acks.
  }
}

const utf8 = new TextEncoder();

/** Bytes that are the whole of their buffer (never a slice of a shared pool) can be moved. */
function ownBuffer(b: Uint8Array | null): b is Uint8Array {
  return b !== null && b.byteOffset === 0 && b.byteLength === b.buffer.byteLength;
}

function post(msg: WorkerMessage, transfer: ArrayBuffer[] = []): void {
  port.postMessage(msg, transfer);
  Atomics.add(counter, 0, 1);
  Atomics.notify(counter, 0);
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function errorCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

// Anything escaping the per-job handler would end the thread unseen by a parent blocked in
// Atomics.wait: say so first, so it takes this worker's jobs back at once.
process.on('uncaughtException', (err) => {
  post({ type: 'fatal', message: errorText(err) });
  process.exit(1);
});

async function load<T>(spec: { module: string; exportName: string }, what: string): Promise<T> {
  const mod = (await import(spec.module)) as Record<string, unknown>;
  const fn = mod[spec.exportName];
  if (typeof fn !== 'function') throw new Error(`${spec.module} has no function export "${spec.exportName}" (${what})`);
  return fn as T;
}

let extract: (a: Article) => Extraction;
let loadFiles: ArticleLoader | null = null;
try {
  extract = await load<(a: Article) => Extraction>({ module, exportName }, 'the extractor');
  if (loader) loadFiles = await load<ArticleLoader>(loader, 'the article loader');
} catch (err) {
  post({ type: 'fatal', message: `cannot load the extractor: ${errorText(err)}` });
  process.exit(1);
}

/** Task functions, loaded on first use (a page reader brings its DOM library along). */
const taskFns = new Map<string, Promise<(input: unknown) => unknown>>();

let db: Db | null = null;
let writer: KnowledgeWriter | null = null;
function connection(): { db: Db; writer: KnowledgeWriter } {
  if (!dbPath) throw new Error('this extraction worker was started without a database file to write to');
  if (!db) {
    db = openDb(dbPath);
    db.pragma('cache_size = -65536');
    db.pragma('temp_store = MEMORY');
    writer = new KnowledgeWriter(db);
  }
  return { db, writer: writer! };
}

/** Writes one article in its own transaction; a busy database is waited for a few times over. */
function write(a: Article, now: number): void {
  const prepared = prepareArticle(extract(a), a.hash, a.path, { text: a.text, bodyStart: a.bodyStart });
  const { db: d, writer: w } = connection();
  for (let attempt = 1; ; attempt++) {
    try {
      d.transaction(() => {
        w.apply(prepared, now);
        w.flush();
      }).immediate();
      return;
    } catch (err) {
      if (!/^SQLITE_(BUSY|LOCKED)/.test(errorCode(err) ?? '') || attempt >= 4) throw err;
    }
  }
}

function store(job: StoreJob): void {
  let article = job.article ?? null;
  let loadErrors: LoadError[] = [];
  if (job.file) {
    if (!loadFiles) throw new Error('this extraction worker was started without an article loader');
    const res = loadFiles([job.file.path], { root: job.file.root });
    loadErrors = res.errors;
    article = res.articles[0] ?? null;
    if (article) article.id = articleId(job.file.root, resolve(article.path));
  }
  if (article) write(article, job.now);
  post({ type: 'stored', run: job.run, seq: job.seq, id: article?.id ?? null, path: article?.path ?? null, loadErrors });
}

async function task(job: TaskJob): Promise<void> {
  const spec = tasks?.[job.name];
  if (!spec) throw new Error(`no task "${job.name}" in this extraction worker`);
  let fn = taskFns.get(job.name);
  if (!fn) taskFns.set(job.name, (fn = load<(input: unknown) => unknown>(spec, `task ${job.name}`)));
  const value = await (await fn)(job.input);
  post({ type: 'result', run: job.run, seq: job.seq, value });
}

port.on('message', (job: WorkerJob) => {
  const failed = (err: unknown) => post({ type: 'failed', run: job.run, seq: job.seq, message: errorText(err), ...(errorCode(err) ? { code: errorCode(err) } : {}) });
  try {
    if (job.kind === 'store') return store(job);
    if (job.kind === 'task') {
      task(job).catch(failed);
      return;
    }
    const a = job.article;
    const prepared = prepareArticle(extract(a), a.hash, a.path, { text: a.text, bodyStart: a.bodyStart });
    // The two big strings travel as UTF-8 in transferred buffers: a structured clone would copy
    // them twice (as UTF-16 when they hold any non-Latin-1 character, as news text does).
    const extraction = utf8.encode(prepared.extraction as string);
    const body = prepared.body === null ? null : utf8.encode(prepared.body as string);
    post({ type: 'done', run: job.run, seq: job.seq, prepared: { ...prepared, extraction, body } }, [extraction, body].filter(ownBuffer).map((b) => b!.buffer as ArrayBuffer));
  } catch (err) {
    failed(err);
  }
});
post({ type: 'ready' });
