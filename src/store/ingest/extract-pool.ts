// Extraction in worker threads, two ways over the same bounded set of workers.
// - `run` feeds a synchronous writer (a one-shot `syncContent`): workers extract and prepare articles
//   while this thread runs the statements, and this thread extracts too whenever it has nothing to
//   write. Results come back in input order, whatever finished first. The thread blocks in
//   Atomics.wait on a counter the workers bump after each message, and reads their messages with
//   receiveMessageOnPort.
// - `submit` is for a running bot, whose thread acknowledges commands: a job (store an article or a
//   file, or run a named task such as reading a web page) is done entirely in a worker, which writes
//   to the database file itself; this thread only awaits the answer (Atomics.waitAsync on the same
//   counter), so the event loop keeps turning. A worker that dies is replaced; the jobs it held are
//   retried one at a time, so the one that kills a worker twice is named and failed alone.
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MessageChannel, receiveMessageOnPort, type MessagePort, type Worker } from 'node:worker_threads';
import { beside, spareCores, spawnWorker } from '../../workers/spawn.ts';
import type { Article } from '../../core/model.ts';
import type { PreparedArticle } from '../knowledge/prepare.ts';
import type { LoadError } from './sync.ts';

/** A module a worker can load the extractor from (the same function the store was given). */
export interface ExtractWorkerSpec {
  /** File path or URL of the module. */
  module: string | URL;
  /** Its export: `(article) => Extraction`. Default `extractArticle`. */
  export?: string;
  /** Where workers load articles from files (an ArticleLoader), for off-thread content sync. */
  loader?: { module: string | URL; export: string };
  /** Niceness added to each worker thread (default 0); a bot's are lowered so the thread that acks comes first. */
  nice?: number;
  /** Named functions workers can run for `submit({ kind: 'task' })` (one argument, cloneable result). */
  tasks?: Record<string, { module: string | URL; export: string }>;
  /** Worker threads; default one per core beyond the first (at least 1, at most 4). 0 disables. */
  threads?: number;
}

export interface WorkerInput {
  signal: SharedArrayBuffer;
  module: string;
  exportName: string;
  /** The database file `store` jobs write to. */
  dbPath?: string;
  loader?: { module: string; exportName: string };
  tasks?: Record<string, { module: string; exportName: string }>;
  /** Niceness the worker adds to its thread. */
  nice?: number;
}
/** Which run() handed it out (0: `submit`): answers to an abandoned run are dropped. */
interface JobIds {
  run: number;
  seq: number;
}
export interface PrepareJob extends JobIds {
  kind: 'prepare';
  article: Article;
}
/** Store one article, or the article in one file (loaded in the worker), writing it in the worker. */
export interface StoreJob extends JobIds {
  kind: 'store';
  article?: Article;
  file?: { path: string; root: string };
  /** `added_at` / `updated_at` for the rows. */
  now: number;
}
export interface TaskJob extends JobIds {
  kind: 'task';
  name: string;
  input: unknown;
}
export type WorkerJob = PrepareJob | StoreJob | TaskJob;
/** A job for `submit`: what it is, without the ids the pool gives it. */
export type SubmitJob = Omit<StoreJob, 'run' | 'seq'> | Omit<TaskJob, 'run' | 'seq'>;
export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'fatal'; message: string }
  | { type: 'done'; run: number; seq: number; prepared: PreparedArticle }
  | { type: 'stored'; run: number; seq: number; id: string | null; path: string | null; loadErrors: LoadError[] }
  | { type: 'result'; run: number; seq: number; value: unknown }
  | { type: 'failed'; run: number; seq: number; message: string; code?: string };

/** What `submit` resolves to (it never rejects). */
export type SubmitOutcome =
  | { ok: true; stored?: { id: string | null; path: string | null; loadErrors: LoadError[] }; value?: unknown }
  | { ok: false; message: string; code?: string };

export type Outcome = { article: Article; prepared: PreparedArticle } | { article: Article; error: string };

export interface PoolOptions {
  /** Jobs handed to a worker ahead of time: enough to keep it busy while this thread writes. */
  window?: number;
  /** A worker silent this long with articles in hand is given up and its articles taken back. */
  stallMs?: number;
  /** The same for `submit` jobs, which include a whole article's write (a 1 MB one takes seconds). */
  submitStallMs?: number;
  /** The database file `store` jobs write to (a file: workers open their own connection). */
  dbPath?: string;
  /** Workers are stopped after this long without work (they hold the extractor's memory). */
  idleMs?: number;
  onWarning?: (message: string) => void;
}

interface Slot {
  worker: Worker;
  port: MessagePort;
  state: 'starting' | 'ready' | 'dead';
  /** Jobs handed to it and not yet answered, as `run:seq`. */
  inHand: Set<string>;
  lastHeard: number;
  /** Took a job alone (a suspect, after a worker died): no other job until it answers. */
  solo: boolean;
  deathCause?: string;
}

interface Pending {
  seq: number;
  job: SubmitJob;
  resolve: (o: SubmitOutcome) => void;
  /** Workers that died while holding it. */
  deaths: number;
  lastDeath: string;
}

const key = (run: number, seq: number) => `${run}:${seq}`;

/**
 * Fewer articles than this are extracted in-thread unless workers are already running: starting a
 * worker (module loading, the extractor's lexicons, JIT warm-up) costs about a second of CPU, more
 * than extracting this many articles.
 */
export const PARALLEL_MIN = 100;
/** Results held for the writer at most; workers get no new work beyond it. */
const BUFFERED = 64;

export class ExtractPool {
  private slots: Slot[] = [];
  private readonly signal = new SharedArrayBuffer(4);
  private readonly counter = new Int32Array(this.signal);
  private readonly module: string;
  private readonly exportName: string;
  private readonly threads: number;
  private readonly window: number;
  private readonly stallMs: number;
  private readonly idleMs: number;
  private readonly loader: WorkerInput['loader'];
  private readonly tasks: WorkerInput['tasks'];
  private readonly nice: number;
  private idleTimer: NodeJS.Timeout | null = null;
  private closed = false;
  private runId = 0;
  private readonly submitStallMs: number;
  /** `submit` jobs not yet handed out, in order; and those in a worker's hands, by seq. */
  private waiting: Pending[] = [];
  private held = new Map<number, Pending>();
  private submitSeq = 0;
  private pumping = false;
  /** Workers that died before they were ready, in a row: a broken module is not restarted for ever. */
  private failedStarts = 0;
  private lastStartFailure = '';

  constructor(
    spec: ExtractWorkerSpec,
    private readonly opts: PoolOptions = {},
  ) {
    this.module = moduleUrl(spec.module);
    this.exportName = spec.export ?? 'extractArticle';
    // At least one even on a single core: extraction in a worker still overlaps the writes.
    this.threads = spec.threads ?? Math.max(1, spareCores());
    this.window = opts.window ?? 8;
    this.stallMs = opts.stallMs ?? 30_000;
    this.submitStallMs = opts.submitStallMs ?? 120_000;
    this.nice = spec.nice ?? 0;
    this.loader = spec.loader ? { module: moduleUrl(spec.loader.module), exportName: spec.loader.export } : undefined;
    this.tasks = spec.tasks ? Object.fromEntries(Object.entries(spec.tasks).map(([n, t]) => [n, { module: moduleUrl(t.module), exportName: t.export }])) : undefined;
    this.idleMs = opts.idleMs ?? 10_000;
  }

  /** Worker threads currently running (tests, diagnostics). */
  get running(): number {
    return this.slots.filter((s) => s.state !== 'dead').length;
  }

  /**
   * Extracts and prepares every article, yielding outcomes in input order. `local` does one article
   * in this thread (and may throw: that article's outcome is its error). Small batches with no
   * workers running are done in-thread only; a worker that fails, crashes or stalls is dropped and
   * its articles are done here instead, so every article yields exactly one outcome.
   */
  *run(articles: readonly Article[], local: (a: Article) => PreparedArticle): Generator<Outcome> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const parallel = !this.closed && this.threads > 0 && (articles.length >= PARALLEL_MIN || this.running > 0);
    if (parallel) this.start();
    const run = ++this.runId;
    const done = new Map<number, Outcome>();
    /** Not yet handed to anyone, in order. */
    let queue: number[] = articles.map((_, i) => i);
    let head = 0;
    const runLocal = (seq: number): Outcome => {
      const article = articles[seq]!;
      try {
        return { article, prepared: local(article) };
      } catch (err) {
        return { article, error: errorText(err) };
      }
    };
    try {
      for (let next = 0; next < articles.length; ) {
        if (parallel) {
          this.drain(articles, done);
          this.reclaimStalled(run, (seqs) => {
            queue = [...seqs, ...queue.slice(head)].sort((a, b) => a - b);
            head = 0;
          });
          // Keep each ready worker's hands full, unless the writer is far behind.
          for (const s of this.slots) {
            while (s.state === 'ready' && s.inHand.size < this.window && head < queue.length && done.size < BUFFERED) {
              const seq = queue[head++]!;
              s.inHand.add(key(run, seq));
              s.port.postMessage({ kind: 'prepare', run, seq, article: articles[seq]! } satisfies WorkerJob);
            }
          }
        }
        const ready = done.get(next);
        if (ready) {
          done.delete(next++);
          yield ready;
          continue;
        }
        if (head < queue.length) {
          // Nothing to write: do the first article nobody has yet.
          const seq = queue[head++]!;
          done.set(seq, runLocal(seq));
          continue;
        }
        // Everything is in a worker's hands: wait for one to answer.
        const seen = Atomics.load(this.counter, 0);
        if (!this.drain(articles, done)) Atomics.wait(this.counter, 0, seen, 1000);
      }
    } finally {
      // Left early (the writer failed): whatever workers still hold of this run belongs to no one now.
      const mine = `${run}:`;
      for (const s of this.slots) for (const k of s.inHand) if (k.startsWith(mine)) s.inHand.delete(k);
      this.idle();
    }
  }

  /**
   * Does one job in a worker: stores an article or a file's article (written by the worker to
   * `dbPath`), or runs a named task. Never runs it on this thread and never rejects: the outcome
   * says what failed. Jobs wait their turn: at most `window` per worker at a time.
   */
  submit(job: SubmitJob): Promise<SubmitOutcome> {
    if (this.closed) return Promise.resolve({ ok: false, message: 'the extraction workers are stopped (the store is closing)' });
    if (this.threads === 0) return Promise.resolve({ ok: false, message: 'extraction workers are disabled (threads: 0)' });
    if (job.kind === 'store' && !this.opts.dbPath) return Promise.resolve({ ok: false, message: 'off-thread storing needs a database file' });
    return new Promise((resolve) => {
      this.waiting.push({ seq: ++this.submitSeq, job, resolve, deaths: 0, lastDeath: '' });
      // A pump parked in waitAsync hands the job out now, not when its wait times out.
      if (this.pumping) {
        Atomics.add(this.counter, 0, 1);
        Atomics.notify(this.counter, 0);
      } else void this.pump();
    });
  }

  /** Whether `submit` can store articles: workers are allowed and there is a file to write. */
  get canSubmit(): boolean {
    return !this.closed && this.threads > 0 && !!this.opts.dbPath;
  }

  /** Hands `submit` jobs out and waits for answers while any are left, yielding to the event loop. */
  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    try {
      while (!this.closed && (this.waiting.length || this.held.size)) {
        if (this.slots.filter((s) => s.state !== 'dead').length < this.threads) {
          if (this.failedStarts >= 3) {
            this.failAll(`the extraction workers cannot start: ${this.lastStartFailure}`);
            break;
          }
          this.start();
        }
        this.drain([], new Map());
        this.reclaimStalled(0, () => {});
        this.handOut();
        const seen = Atomics.load(this.counter, 0);
        if (this.drain([], new Map())) continue;
        const w = waitAsync(this.counter, 0, seen, 200);
        if (w.async) await w.value;
        // A turn of the event loop in any case: worker exit events arrive through it.
        else await new Promise((r) => setImmediate(r));
      }
    } finally {
      this.pumping = false;
      if (this.closed) this.failAll('the extraction workers were stopped (the store is closing)');
      this.idle();
    }
  }

  private handOut(): void {
    for (const s of this.slots) {
      while (s.state === 'ready' && !s.solo && s.inHand.size < this.window && this.waiting.length) {
        const p = this.waiting[0]!;
        // A job that was in a dying worker's hands goes alone, so a second death names it.
        if (p.deaths > 0 && s.inHand.size > 0) break;
        this.waiting.shift();
        this.held.set(p.seq, p);
        s.inHand.add(key(0, p.seq));
        if (p.deaths > 0) s.solo = true;
        s.port.postMessage({ ...p.job, run: 0, seq: p.seq } as WorkerJob);
      }
    }
  }

  private failAll(message: string): void {
    for (const p of [...this.waiting, ...this.held.values()]) p.resolve({ ok: false, message });
    this.waiting = [];
    this.held.clear();
    for (const s of this.slots) for (const k of s.inHand) if (k.startsWith('0:')) s.inHand.delete(k);
  }

  /** A `submit` job whose worker died: retried alone once, failed with the cause the second time. */
  private orphaned(seq: number, why: string): void {
    const p = this.held.get(seq);
    if (!p) return;
    this.held.delete(seq);
    p.deaths++;
    p.lastDeath = why;
    if (p.deaths >= 2) p.resolve({ ok: false, message: `the extraction worker stopped while on it, twice (${why})` });
    else this.waiting.unshift(p);
  }

  /**
   * Starts the workers ahead of a batch of `count` articles (when it is big enough for them), so
   * their start-up overlaps whatever comes first, such as reading the files. With `waitMs`, blocks
   * until they are ready (or failed) or the time is up. Returns the workers ready.
   */
  prestart(count: number, waitMs = 0): number {
    if (this.closed || this.threads === 0 || count < PARALLEL_MIN) return 0;
    this.start();
    const until = performance.now() + waitMs;
    while (this.slots.some((s) => s.state === 'starting') && performance.now() < until) {
      const seen = Atomics.load(this.counter, 0);
      if (!this.drain([], new Map())) Atomics.wait(this.counter, 0, seen, Math.max(1, Math.min(100, until - performance.now())));
    }
    this.idle();
    return this.slots.filter((s) => s.state === 'ready').length;
  }

  /** Stops the workers. */
  close(): void {
    this.closed = true;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    this.stop();
    this.failAll('the extraction workers were stopped (the store is closing)');
  }

  private start(): void {
    this.slots = this.slots.filter((s) => s.state !== 'dead');
    while (this.slots.length < this.threads) {
      const { port1, port2 } = new MessageChannel();
      const input: WorkerInput = {
        signal: this.signal,
        module: this.module,
        exportName: this.exportName,
        ...(this.opts.dbPath ? { dbPath: this.opts.dbPath } : {}),
        ...(this.loader ? { loader: this.loader } : {}),
        ...(this.tasks ? { tasks: this.tasks } : {}),
        nice: this.nice,
      };
      const worker = spawnWorker(beside(import.meta.url, './extract-worker.ts'), {
        workerData: { ...input, port: port2 },
        transferList: [port2],
        stdout: false,
        stderr: false,
      });
      const slot: Slot = { worker, port: port1, state: 'starting', inHand: new Set(), lastHeard: performance.now(), solo: false };
      worker.on('error', (err) => this.lose(slot, `extraction worker failed: ${errorText(err)}`));
      worker.on('exit', (code) => this.lose(slot, `extraction worker stopped (exit code ${code})`));
      worker.unref();
      port1.unref();
      this.slots.push(slot);
    }
  }

  /** Reads every waiting message; true when there was any. */
  private drain(articles: readonly Article[], done: Map<number, Outcome>): boolean {
    let any = false;
    for (const s of this.slots) {
      for (let m = receiveMessageOnPort(s.port); m; m = receiveMessageOnPort(s.port)) {
        any = true;
        s.lastHeard = performance.now();
        const msg = m.message as WorkerMessage;
        if (msg.type === 'ready') {
          if (s.state === 'starting') s.state = 'ready';
          this.failedStarts = 0;
        } else if (msg.type === 'fatal') {
          this.lose(s, msg.message);
        } else if (msg.run === 0) {
          if (!s.inHand.delete(key(0, msg.seq))) continue;
          s.solo = false;
          const p = this.held.get(msg.seq);
          if (!p) continue;
          this.held.delete(msg.seq);
          if (msg.type === 'failed') p.resolve({ ok: false, message: msg.message, ...(msg.code ? { code: msg.code } : {}) });
          else if (msg.type === 'stored') p.resolve({ ok: true, stored: { id: msg.id, path: msg.path, loadErrors: msg.loadErrors } });
          else if (msg.type === 'result') p.resolve({ ok: true, value: msg.value });
        } else if (msg.run === this.runId && s.inHand.delete(key(msg.run, msg.seq))) {
          const article = articles[msg.seq]!;
          if (msg.type === 'done') done.set(msg.seq, { article, prepared: msg.prepared });
          else if (msg.type === 'failed') done.set(msg.seq, { article, error: msg.message });
        }
      }
    }
    return any;
  }

  /**
   * Takes back the jobs of workers that died or went silent: run `run`'s articles through
   * `requeue`, `submit` jobs to be retried alone (or failed, the second time).
   */
  private reclaimStalled(run: number, requeue: (seqs: number[]) => void): void {
    const now = performance.now();
    const back: number[] = [];
    const mine = `${run}:`;
    for (const s of this.slots) {
      const hasSubmitted = [...s.inHand].some((k) => k.startsWith('0:'));
      const limit = hasSubmitted ? this.submitStallMs : this.stallMs;
      if (s.state !== 'dead' && s.inHand.size > 0 && now - s.lastHeard > limit) {
        this.lose(s, `extraction worker silent for ${Math.round((now - s.lastHeard) / 1000)} s; its articles are taken back`);
      }
      if (s.state === 'dead' && s.inHand.size > 0) this.takeBack(s, run === 0 ? null : { mine, back });
    }
    if (back.length) requeue(back);
  }

  private takeBack(s: Slot, sync: { mine: string; back: number[] } | null): void {
    for (const k of [...s.inHand]) {
      if (k.startsWith('0:')) {
        s.inHand.delete(k);
        this.orphaned(Number(k.slice(2)), s.deathCause ?? 'it stopped');
      } else if (sync && k.startsWith(sync.mine)) {
        s.inHand.delete(k);
        sync.back.push(Number(k.slice(sync.mine.length)));
      }
    }
  }

  private lose(slot: Slot, message: string | null): void {
    if (slot.state === 'dead') return;
    if (slot.state === 'starting' && message) {
      this.failedStarts++;
      this.lastStartFailure = message;
    }
    slot.state = 'dead';
    slot.deathCause = message ?? 'stopped';
    if (message && !this.closed) this.opts.onWarning?.(message);
    void slot.worker.terminate();
    slot.port.close();
    // The jobs of `submit` go back at once (the sync run takes its own back in its loop).
    this.takeBack(slot, null);
    if (this.waiting.length && !this.closed) void this.pump();
  }

  private idle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    if (this.closed || this.running === 0 || this.idleMs <= 0 || this.pumping || this.waiting.length || this.held.size) return;
    this.idleTimer = setTimeout(() => this.stop(), this.idleMs);
    this.idleTimer.unref();
  }

  private stop(): void {
    for (const s of this.slots) this.lose(s, null);
    this.slots = [];
  }
}

/** Atomics.waitAsync (Node 16+; the project's TypeScript lib predates its typing). */
const waitAsync = (Atomics as unknown as {
  waitAsync(a: Int32Array, i: number, v: number, ms: number): { async: false; value: string } | { async: true; value: Promise<string> };
}).waitAsync;

function moduleUrl(m: string | URL): string {
  const s = m instanceof URL ? m.href : m;
  return isAbsolute(s) ? pathToFileURL(s).href : s;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
