// Keeping the knowledge store in line with the content folder: a synchronous sync (the CLI, start-up),
// an asynchronous one whose heavy work runs in the extraction workers (a running bot), and the watch
// that runs it on every change. What the database itself refuses (busy, read-only, full disk) is
// reported as "not stored", never as the files' fault. The folder walk itself is store/ingest/sync.ts.
import { resolve, resolve as resolvePath } from 'node:path';
import { articleId } from '../../../core/articles/files.ts';
import {
  syncDirectory,
  syncDirectoryAsync,
  watchDirectory,
  type IngestStepResult,
  type SyncDeps,
  type SyncMemory,
  type SyncReport,
  type WatchHandle,
} from '../../ingest/sync.ts';
import { StoreError } from '../db.ts';
import { errorText, type KnowledgeContext } from './context.ts';
import { failureText, ingestArticles, offThread, rekeyArticles, removeArticles, startExtraction } from './ingest.ts';
import { readonlyReason } from './open.ts';

/** The content sync of one open store: what it remembers between syncs, and its watches. */
export class ContentSync {
  private readonly ctx: KnowledgeContext;
  private watchers: WatchHandle[] = [];
  private readonly syncMemory = new Map<string, SyncMemory>();

  constructor(ctx: KnowledgeContext) {
    this.ctx = ctx;
  }

  /**
   * Brings the store in line with the articles in `dir`: extracts new and changed files (content
   * hash), keeps renamed and moved files as the same articles, removes articles whose files are
   * gone (after a grace period when the whole folder is empty), and reports per-file errors once,
   * without stopping: a failing file is tried again when it changes.
   */
  syncContent(dir: string, opts: { emptyGraceMs?: number; now?: () => number } = {}): SyncReport {
    if (this.ctx.readonly) return notStoredReport(dir, readonlyReason(this.ctx.path));
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
          this.ctx.opts.logger?.warn('the database stayed busy; content sync skipped until the next one', { databasePath: this.ctx.path });
          return notStoredReport(dir, `another process kept ${this.ctx.path} locked for over 10 s, so new content was not stored this time; it will be on the next sync`);
        }
        if (code.startsWith('SQLITE_READONLY')) return notStoredReport(dir, readonlyReason(this.ctx.path));
        if (code === 'SQLITE_FULL') {
          throw new StoreError(
            `the disk holding ${this.ctx.path} is full (SQLite: database or disk is full), so new content was not stored. ` +
              `Fix: free space on that disk, or point databasePath at a disk with room; what was stored before is intact.`,
            this.ctx.path,
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
    if (this.ctx.readonly) return notStoredReport(dir, readonlyReason(this.ctx.path));
    for (let attempt = 1; ; attempt++) {
      try {
        const deps = this.syncDeps(dir, opts);
        const report = await syncDirectoryAsync(dir, { ...deps, ingestFiles: (paths, root) => this.ingestFiles(paths, root, deps) });
        const problem = this.storeProblem(report);
        return problem ? { ...report, notStored: problem } : report;
      } catch (err) {
        const code = sqliteCode(err);
        if (code.startsWith('SQLITE_')) this.syncMemory.delete(resolve(dir));
        if ((code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) && attempt < 2) continue;
        if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
          return notStoredReport(dir, `another process kept ${this.ctx.path} locked for over 10 s, so new content was not stored this time; it will be on the next sync`);
        }
        if (code.startsWith('SQLITE_READONLY')) return notStoredReport(dir, readonlyReason(this.ctx.path));
        throw err;
      }
    }
  }

  /** Failures of the database's own in an off-thread ingest (the workers report them per file). */
  private lastStoreCodes: string[] = [];
  private storeProblem(report: SyncReport): string | undefined {
    const codes = this.lastStoreCodes;
    this.lastStoreCodes = [];
    if (!codes.length) return undefined;
    if (codes.some((c) => c.startsWith('SQLITE_READONLY'))) return readonlyReason(this.ctx.path);
    if (codes.includes('SQLITE_FULL')) {
      return `the disk holding ${this.ctx.path} is full (SQLite: database or disk is full), so ${codes.length} changed file(s) were not stored. Fix: free space on that disk, or point databasePath at a disk with room; what was stored before is intact.`;
    }
    return `another process kept ${this.ctx.path} locked, so ${codes.length} changed file(s) of ${report.dir} were not stored this time; they will be on the next sync`;
  }

  /** The ingest step of an asynchronous sync. */
  private async ingestFiles(paths: string[], root: string, deps: SyncDeps): Promise<IngestStepResult> {
    const pool = offThread(this.ctx) && this.ctx.opts.extractWorker?.loader ? this.ctx.extractPool()! : null;
    const out: IngestStepResult = { errors: [], stored: [], retry: [] };
    if (!pool) {
      // In-thread, one file at a time with a turn of the event loop between them.
      for (const path of paths) {
        const { articles, errors } = deps.load([path], { root });
        for (const e of errors) out.errors.push({ path: e.path, line: e.line ?? null, message: e.message, severity: e.severity ?? 'error' });
        for (const a of articles) a.id = articleId(root, resolvePath(a.path));
        const res = ingestArticles(this.ctx, articles);
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
    if (stored) this.ctx.changed();
    return out;
  }

  private syncOnce(dir: string, opts: { emptyGraceMs?: number; now?: () => number }): SyncReport {
    return syncDirectory(dir, this.syncDeps(dir, opts));
  }

  private syncDeps(dir: string, opts: { emptyGraceMs?: number; now?: () => number }): SyncDeps {
    const load = this.ctx.opts.load;
    if (!load) throw new StoreError('no article loader configured for this knowledge store', this.ctx.path);
    this.ctx.writer();
    const root = resolve(dir);
    let memory = this.syncMemory.get(root);
    if (!memory) this.syncMemory.set(root, (memory = { failed: new Map() }));
    const key = `empty-since:${root}`;
    const getState = this.ctx.db.prepare<[string], { value: string }>('SELECT value FROM sync_state WHERE key = ?');
    return {
      known: () => this.ctx.db.prepare<[], { id: string; path: string; hash: string }>('SELECT id, path, hash FROM articles').all(),
      load,
      willIngest: (count) => startExtraction(this.ctx, count),
      ingest: (articles) => ingestArticles(this.ctx, articles),
      remove: (ids) => removeArticles(this.ctx, ids),
      rekey: (moves) => rekeyArticles(this.ctx, moves),
      memory,
      emptySince: {
        get: () => {
          const v = getState.get(key)?.value;
          return v === undefined ? null : Number(v);
        },
        set: (at) => {
          if (at === null) {
            if (getState.get(key)) this.ctx.db.prepare('DELETE FROM sync_state WHERE key = ?').run(key);
          } else this.ctx.db.prepare('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, String(at));
        },
      },
      ...(opts.emptyGraceMs !== undefined ? { emptyGraceMs: opts.emptyGraceMs } : {}),
      ...(opts.now ? { now: opts.now } : {}),
    };
  }

  /** Picks up articles added, changed or removed in `dir` while running. */
  watch(dir: string, onSync?: (report: SyncReport) => void): WatchHandle {
    this.ctx.writer();
    // Off the thread that acknowledges commands: the watch runs inside a bot.
    const handle = watchDirectory(dir, () => this.syncContentAsync(dir), {
      onSync,
      onError: (err) => this.ctx.opts.logger?.warn('content sync failed', { dir, error: errorText(err) }),
    });
    this.watchers.push(handle);
    return handle;
  }

  close(): void {
    for (const w of this.watchers) w.close();
    this.watchers = [];
  }
}

function sqliteCode(err: unknown): string {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'string' ? code : '';
}

function notStoredReport(dir: string, why: string): SyncReport {
  return { dir, added: [], updated: [], removed: [], renamed: [], unchanged: 0, errors: [], stillFailing: 0, skipped: [], held: 0, notStored: why, ms: 0 };
}
