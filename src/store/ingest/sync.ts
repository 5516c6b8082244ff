// Keeping the store in line with a content folder: hash every file (cheap), load and extract only
// the new and changed ones, drop articles whose files are gone. Watching re-runs the sync on file
// events (debounced), with a slow poll as a safety net for file systems where events are lost.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, watch, type FSWatcher } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Article } from '../../core/model.ts';

export interface LoadError {
  path: string;
  line?: number | null;
  message: string;
  /** `warning`: the article still loaded. */
  severity?: 'error' | 'warning';
}

export type ArticleLoader = (paths: string[]) => { articles: Article[]; errors: LoadError[] };

export interface SyncReport {
  dir: string;
  added: string[];
  updated: string[];
  removed: string[];
  unchanged: number;
  /** Per-file problems; the other files were still synced. */
  errors: { path: string; line: number | null; message: string; severity: 'error' | 'warning' }[];
  ms: number;
}

export interface SyncDeps {
  known: () => { id: string; path: string; hash: string }[];
  load: ArticleLoader;
  /** Told how many files changed before they are loaded (extraction workers start meanwhile). */
  willIngest?: (count: number) => void;
  ingest: (articles: Article[]) => { errors: { path: string; message: string }[] };
  remove: (ids: string[]) => void;
}

const ARTICLE_FILE = /\.(md|markdown|txt)$/i;

export function listArticleFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.name.startsWith('.') || e.name.startsWith('_')) continue;
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && ARTICLE_FILE.test(e.name) && !/^readme\./i.test(e.name)) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

export function syncDirectory(dir: string, deps: SyncDeps): SyncReport {
  const t0 = performance.now();
  const report: SyncReport = { dir, added: [], updated: [], removed: [], unchanged: 0, errors: [], ms: 0 };
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    report.errors.push({ path: dir, line: null, message: 'content folder not found (set contentDir in config)', severity: 'error' });
    return report;
  }
  const files = listArticleFiles(dir);
  const known = deps.known();
  const byPath = new Map(known.map((k) => [resolve(k.path), k]));
  const changed: string[] = [];
  for (const f of files) {
    let hash: string;
    try {
      hash = createHash('sha256').update(readFileSync(f)).digest('hex');
    } catch (err) {
      report.errors.push({ path: f, line: null, message: `cannot read: ${(err as Error).message}`, severity: 'error' });
      continue;
    }
    const k = byPath.get(resolve(f));
    if (k && k.hash === hash) report.unchanged++;
    else changed.push(f);
  }
  if (changed.length) {
    deps.willIngest?.(changed.length);
    const { articles, errors } = deps.load(changed);
    for (const e of errors) report.errors.push({ path: e.path, line: e.line ?? null, message: e.message, severity: e.severity ?? 'error' });
    const res = deps.ingest(articles);
    for (const e of res.errors) report.errors.push({ path: e.path, line: null, message: e.message, severity: 'error' });
    const failed = new Set(res.errors.map((e) => resolve(e.path)));
    for (const a of articles) {
      if (failed.has(resolve(a.path))) continue;
      (byPath.has(resolve(a.path)) ? report.updated : report.added).push(a.path);
    }
  }
  const present = new Set(files.map((f) => resolve(f)));
  const root = resolve(dir);
  const gone = known.filter((k) => resolve(k.path).startsWith(root + '/') && !present.has(resolve(k.path)));
  if (gone.length) {
    deps.remove(gone.map((g) => g.id));
    report.removed.push(...gone.map((g) => g.path));
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
export function watchDirectory(dir: string, sync: () => SyncReport, opts: WatchOptions = {}): WatchHandle {
  const debounceMs = opts.debounceMs ?? 250;
  const pollMs = opts.pollMs ?? 30_000;
  let timer: NodeJS.Timeout | null = null;
  let running = false;
  let again = false;
  let closed = false;
  let waiters: (() => void)[] = [];
  let watcher: FSWatcher | null = null;

  const run = () => {
    timer = null;
    if (closed) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      const report = sync();
      opts.onSync?.(report);
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
    timer = setTimeout(run, debounceMs);
  };

  try {
    watcher = watch(dir, { recursive: false }, () => schedule());
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
