// Keeping the store in line with a content folder: hash every file (cheap), load and extract only
// the new and changed ones, drop articles whose files are gone. Watching re-runs the sync on file
// events (debounced), with a slow poll as a safety net for file systems where events are lost.
// One sync is written once, as a generator of steps (pause here; ingest these files), and driven two
// ways: synchronously for one-shot commands, asynchronously for a running bot, where the files are
// loaded, extracted and written by the extraction workers and the event loop gets a turn between
// every few milliseconds of this thread's own work (listing and hashing).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync, watch, type FSWatcher } from 'node:fs';
import { resolve, sep } from 'node:path';
import { articleId, listArticleFiles, type SkippedFile } from '../../core/articles/files.ts';
import type { Article } from '../../core/model.ts';

export interface LoadError {
  path: string;
  line?: number | null;
  message: string;
  /** `warning`: the article still loaded. */
  severity?: 'error' | 'warning';
}

/** Loads the given files; `root` is the content folder they belong to (ids are relative to it). */
export type ArticleLoader = (paths: string[], opts?: { root?: string }) => { articles: Article[]; errors: LoadError[] };

export interface SyncReport {
  dir: string;
  added: string[];
  updated: string[];
  removed: string[];
  /** Files renamed or moved with their content unchanged: the same article, under its new path. */
  renamed: { from: string; to: string }[];
  unchanged: number;
  /** Per-file problems; the other files were still synced. */
  errors: { path: string; line: number | null; message: string; severity: 'error' | 'warning' }[];
  /** Files that failed before and have not changed since: not read again, not reported again. */
  stillFailing: number;
  /** Entries of the folder that are not articles, with why (see core/articles/files.ts). */
  skipped: SkippedFile[];
  /**
   * Articles kept although the folder has no article files at all (an rsync --delete, a checkout
   * or a mount coming back): they are removed only once it has stayed empty for the grace period.
   */
  held: number;
  /**
   * Set when the database would not take the new content (read-only, or busy past the retries):
   * why, in one sentence for the log or stderr. Answers still come from what it holds.
   */
  notStored?: string;
  ms: number;
}

export interface KnownArticle {
  id: string;
  path: string;
  hash: string;
}

/** What one content folder's syncs remember between runs (kept by the store, per folder). */
export interface SyncMemory {
  /** Files that could not be loaded, by absolute path: the hash (or read error) they failed with. */
  failed: Map<string, string>;
}

export interface SyncDeps {
  known: () => KnownArticle[];
  load: ArticleLoader;
  /** Told how many files changed before they are loaded (extraction workers start meanwhile). */
  willIngest?: (count: number) => void;
  ingest: (articles: Article[]) => { errors: { path: string; message: string }[] };
  remove: (ids: string[]) => void;
  /** Gives stored articles a new id and path, keeping their rows and `added_at` (renames, old ids). */
  rekey: (moves: { from: string; to: string; path: string }[]) => void;
  memory?: SyncMemory;
  /** Since when the folder has been seen empty (persisted, so one-shot runs share it), or null. */
  emptySince?: { get(): number | null; set(at: number | null): void };
  /** How long an empty folder keeps its articles (default 10 minutes). */
  emptyGraceMs?: number;
  now?: () => number;
}

/** How long a content folder may be empty before its articles are removed. */
export const EMPTY_FOLDER_GRACE_MS = 10 * 60_000;

/** What a sync asks its driver for: a turn of the event loop, or the ingest of changed files. */
export type SyncStep = { pause: true } | { ingest: string[]; root: string };

/** The outcome of an ingest step, per file. */
export interface IngestStepResult {
  errors: SyncReport['errors'];
  /** Paths of the articles stored. */
  stored: string[];
  /** Absolute paths that failed for a reason of the database's, not the file's: tried again next sync. */
  retry?: string[];
}

/** This thread works at most this long between turns of the event loop in an asynchronous sync. */
export const SLICE_MS = 8;

export function syncDirectory(dir: string, deps: SyncDeps): SyncReport {
  const steps = syncSteps(dir, deps);
  let r = steps.next();
  while (!r.done) {
    const step = r.value;
    r = 'ingest' in step ? steps.next(ingestInThread(step, deps)) : steps.next();
  }
  return r.value;
}

/** The same sync, giving the event loop turns; `ingestFiles` loads, extracts and stores off-thread. */
export async function syncDirectoryAsync(
  dir: string,
  deps: Omit<SyncDeps, 'ingest' | 'load'> & { ingestFiles: (paths: string[], root: string) => Promise<IngestStepResult> },
): Promise<SyncReport> {
  const steps = syncSteps(dir, deps);
  let r = steps.next();
  while (!r.done) {
    const step = r.value;
    if ('ingest' in step) r = steps.next(await deps.ingestFiles(step.ingest, step.root));
    else {
      await new Promise((res) => setImmediate(res));
      r = steps.next();
    }
  }
  return r.value;
}

function ingestInThread(step: { ingest: string[]; root: string }, deps: SyncDeps): IngestStepResult {
  const out: IngestStepResult = { errors: [], stored: [] };
  const { articles, errors } = deps.load(step.ingest, { root: step.root });
  for (const e of errors) out.errors.push({ path: e.path, line: e.line ?? null, message: e.message, severity: e.severity ?? 'error' });
  for (const a of articles) a.id = articleId(step.root, resolve(a.path));
  const res = deps.ingest(articles);
  for (const e of res.errors) out.errors.push({ path: e.path, line: null, message: e.message, severity: 'error' });
  const failed = new Set(res.errors.map((e) => resolve(e.path)));
  for (const a of articles) if (!failed.has(resolve(a.path))) out.stored.push(a.path);
  return out;
}

function* syncSteps(dir: string, deps: Omit<SyncDeps, 'ingest' | 'load'>): Generator<SyncStep, SyncReport, IngestStepResult> {
  const t0 = performance.now();
  let slice = performance.now();
  const turn = function* (): Generator<SyncStep, void, IngestStepResult> {
    if (performance.now() - slice < SLICE_MS) return;
    yield { pause: true };
    slice = performance.now();
  };
  const now = deps.now?.() ?? Date.now();
  const report: SyncReport = { dir, added: [], updated: [], removed: [], renamed: [], unchanged: 0, errors: [], stillFailing: 0, skipped: [], held: 0, ms: 0 };
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    report.errors.push({ path: dir, line: null, message: 'content folder not found (set contentDir in config)', severity: 'error' });
    return report;
  }
  const root = resolve(dir);
  const memory = deps.memory ?? { failed: new Map<string, string>() };
  const listed = listArticleFiles(dir);
  report.skipped = listed.skipped;
  for (const e of listed.errors) {
    const abs = resolve(e.path);
    if (memory.failed.get(abs) === `error:${e.message}`) report.stillFailing++;
    else report.errors.push({ path: e.path, line: e.line, message: e.message, severity: 'error' });
    memory.failed.set(abs, `error:${e.message}`);
  }
  const files = listed.files;
  const known = deps.known();
  const byPath = new Map(known.map((k) => [resolve(k.path), k]));
  const present = new Set(files.map((f) => resolve(f)));
  const gone = known.filter((k) => resolve(k.path).startsWith(root + sep) && !present.has(resolve(k.path)));
  const goneByHash = new Map<string, KnownArticle>();
  for (const g of gone) if (!goneByHash.has(g.hash)) goneByHash.set(g.hash, g);

  const changed: string[] = [];
  const moves: { from: string; to: string; path: string }[] = [];
  const renamedIds = new Set<string>();
  for (const f of files) {
    yield* turn();
    const abs = resolve(f);
    const id = articleId(root, abs);
    let hash: string;
    try {
      hash = createHash('sha256').update(readFileSync(f)).digest('hex');
    } catch (err) {
      const message = `cannot read: ${(err as Error).message}`;
      if (memory.failed.get(abs) === `error:${message}`) report.stillFailing++;
      else report.errors.push({ path: f, line: null, message, severity: 'error' });
      memory.failed.set(abs, `error:${message}`);
      continue;
    }
    const k = byPath.get(abs);
    // A row stored under another id for this very file (an id from before ids were paths).
    if (k && k.id !== id) moves.push({ from: k.id, to: id, path: f });
    if (k && k.hash === hash) {
      report.unchanged++;
      memory.failed.delete(abs);
      continue;
    }
    if (!k) {
      // Same bytes as an article whose file just went: a rename or a move, so the same article.
      const was = goneByHash.get(hash);
      if (was && !renamedIds.has(was.id)) {
        renamedIds.add(was.id);
        moves.push({ from: was.id, to: id, path: f });
        report.renamed.push({ from: was.path, to: f });
        memory.failed.delete(abs);
        continue;
      }
    }
    if (memory.failed.get(abs) === hash) {
      report.stillFailing++;
      continue;
    }
    memory.failed.set(abs, hash);
    changed.push(f);
  }
  if (moves.length) deps.rekey(moves);
  if (changed.length) {
    deps.willIngest?.(changed.length);
    const res = yield { ingest: changed, root };
    report.errors.push(...res.errors);
    for (const path of res.stored) {
      const abs = resolve(path);
      memory.failed.delete(abs);
      (byPath.has(abs) ? report.updated : report.added).push(path);
    }
    for (const abs of res.retry ?? []) memory.failed.delete(abs);
  }
  for (const path of [...memory.failed.keys()]) if (!present.has(path) && !listed.errors.some((e) => resolve(e.path) === path)) memory.failed.delete(path);

  const toRemove = gone.filter((g) => !renamedIds.has(g.id));
  const inFolder = known.filter((k) => resolve(k.path).startsWith(root + sep)).length;
  if (files.length === 0 && inFolder > 0 && toRemove.length === inFolder) {
    const since = deps.emptySince?.get() ?? null;
    if (since === null) deps.emptySince?.set(now);
    if (since === null || now - since < (deps.emptyGraceMs ?? EMPTY_FOLDER_GRACE_MS)) {
      report.held = toRemove.length;
      report.ms = Math.round(performance.now() - t0);
      return report;
    }
  }
  if (files.length > 0 || toRemove.length === 0) deps.emptySince?.set(null);
  if (toRemove.length) {
    deps.remove(toRemove.map((g) => g.id));
    report.removed.push(...toRemove.map((g) => g.path));
    deps.emptySince?.set(null);
  }
  report.ms = Math.round(performance.now() - t0);
  return report;
}

export interface WatchHandle {
  close(): void;
  /** Resolves after the next sync finishes (tests and callers that must see a change). */
  settled(): Promise<void>;
}

export interface WatchOptions {
  debounceMs?: number;
  /** Safety-net full sync interval; 0 disables. */
  pollMs?: number;
  onSync?: (report: SyncReport) => void;
  onError?: (err: unknown) => void;
}

/**
 * Runs `sync` after changes in `dir`. Events are debounced (an editor's save is several events), a
 * sync never overlaps another (changes during one schedule one more), and failures are reported and
 * retried on the next event or poll rather than ending the watch.
 */
export function watchDirectory(dir: string, sync: () => SyncReport | Promise<SyncReport>, opts: WatchOptions = {}): WatchHandle {
  const debounceMs = opts.debounceMs ?? 250;
  const pollMs = opts.pollMs ?? 30_000;
  let timer: NodeJS.Timeout | null = null;
  let running = false;
  let again = false;
  let closed = false;
  let waiters: (() => void)[] = [];
  let watcher: FSWatcher | null = null;

  const run = async () => {
    timer = null;
    if (closed) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      const report = await sync();
      if (!closed) opts.onSync?.(report);
    } catch (err) {
      opts.onError?.(err);
    } finally {
      running = false;
      const w = waiters;
      waiters = [];
      for (const f of w) f();
      if (again) {
        again = false;
        schedule();
      }
    }
  };
  const schedule = () => {
    if (closed) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void run(), debounceMs);
  };

  try {
    // Recursive, as loading is: an edit in a subfolder syncs at once, not at the next poll.
    watcher = watch(dir, { recursive: true }, () => schedule());
    watcher.on('error', (err) => {
      opts.onError?.(err);
      watcher?.close();
      watcher = null;
    });
  } catch (err) {
    // No inotify (limits, network file systems): the poll below still picks changes up.
    opts.onError?.(err);
  }
  const poll = pollMs > 0 ? setInterval(schedule, pollMs) : null;
  poll?.unref();

  return {
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      if (poll) clearInterval(poll);
      watcher?.close();
      for (const f of waiters) f();
      waiters = [];
    },
    settled() {
      return new Promise((r) => (closed ? r() : waiters.push(r)));
    },
  };
}
