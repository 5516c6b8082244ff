// Extraction in worker threads, feeding a synchronous writer. better-sqlite3 writes on the thread
// that owns the connection, so ingest is a pipeline: workers extract and prepare articles while
// this thread runs the statements, and this thread extracts too whenever it has nothing to write.
// Results come back in input order, whatever finished first. The API stays synchronous (syncContent
// is): the thread blocks in Atomics.wait on a counter the workers bump after each message, and reads
// their messages with receiveMessageOnPort.
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MessageChannel, receiveMessageOnPort, type MessagePort, type Worker } from 'node:worker_threads';
import { beside, spareCores, spawnWorker } from '../../workers/spawn.ts';
import type { Article } from '../../core/model.ts';
import type { PreparedArticle } from '../sqlite/knowledge/prepare.ts';

/** A module a worker can load the extractor from (the same function the store was given). */
export interface ExtractWorkerSpec {
  /** File path or URL of the module. */
  module: string | URL;
  /** Its export: `(article) => Extraction`. Default `extractArticle`. */
  export?: string;
  /** Worker threads; default one per core beyond the first (at least 1, at most 4). 0 disables. */
  threads?: number;
}

export interface WorkerInput {
  signal: SharedArrayBuffer;
  module: string;
  exportName: string;
}
export interface WorkerJob {
  /** Which run() handed it out: answers to an abandoned run are dropped. */
  run: number;
  seq: number;
  article: Article;
}
export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'fatal'; message: string }
  | { type: 'done'; run: number; seq: number; prepared: PreparedArticle }
  | { type: 'failed'; run: number; seq: number; message: string };

export type Outcome = { article: Article; prepared: PreparedArticle } | { article: Article; error: string };

export interface PoolOptions {
  /** Jobs handed to a worker ahead of time: enough to keep it busy while this thread writes. */
  window?: number;
  /** A worker silent this long with articles in hand is given up and its articles taken back. */
  stallMs?: number;
  /** Workers are stopped after this long without work (they hold the extractor's memory). */
  idleMs?: number;
  onWarning?: (message: string) => void;
}

interface Slot {
  worker: Worker;
  port: MessagePort;
  state: 'starting' | 'ready' | 'dead';
  /** Sequence numbers handed to it and not yet answered. */
  inHand: Set<number>;
  lastHeard: number;
}

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
  private idleTimer: NodeJS.Timeout | null = null;
  private closed = false;
  private runId = 0;

  constructor(
    spec: ExtractWorkerSpec,
    private readonly opts: PoolOptions = {},
  ) {
    const m = spec.module instanceof URL ? spec.module.href : spec.module;
    this.module = isAbsolute(m) ? pathToFileURL(m).href : m;
    this.exportName = spec.export ?? 'extractArticle';
    // At least one even on a single core: extraction in a worker still overlaps the writes.
    this.threads = spec.threads ?? Math.max(1, spareCores());
    this.window = opts.window ?? 8;
    this.stallMs = opts.stallMs ?? 30_000;
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
          this.reclaimStalled((seqs) => {
            queue = [...seqs, ...queue.slice(head)].sort((a, b) => a - b);
            head = 0;
          });
          // Keep each ready worker's hands full, unless the writer is far behind.
          for (const s of this.slots) {
            while (s.state === 'ready' && s.inHand.size < this.window && head < queue.length && done.size < BUFFERED) {
              const seq = queue[head++]!;
              s.inHand.add(seq);
              s.port.postMessage({ run, seq, article: articles[seq]! } satisfies WorkerJob);
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
      // Left early (the writer failed): whatever workers still hold belongs to no one now.
      for (const s of this.slots) s.inHand.clear();
      this.idle();
    }
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
  }

  private start(): void {
    this.slots = this.slots.filter((s) => s.state !== 'dead');
    while (this.slots.length < this.threads) {
      const { port1, port2 } = new MessageChannel();
      const input: WorkerInput = { signal: this.signal, module: this.module, exportName: this.exportName };
      const worker = spawnWorker(beside(import.meta.url, './extract-worker.ts'), {
        workerData: { ...input, port: port2 },
        transferList: [port2],
        stdout: false,
        stderr: false,
      });
      const slot: Slot = { worker, port: port1, state: 'starting', inHand: new Set(), lastHeard: performance.now() };
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
        } else if (msg.type === 'fatal') {
          this.lose(s, msg.message);
        } else if (msg.run === this.runId && s.inHand.delete(msg.seq)) {
          const article = articles[msg.seq]!;
          done.set(msg.seq, msg.type === 'done' ? { article, prepared: msg.prepared } : { article, error: msg.message });
        }
      }
    }
    return any;
  }

  /** Takes back the articles of workers that died or went silent. */
  private reclaimStalled(requeue: (seqs: number[]) => void): void {
    const now = performance.now();
    const back: number[] = [];
    for (const s of this.slots) {
      if (s.state !== 'dead' && s.inHand.size > 0 && now - s.lastHeard > this.stallMs) {
        this.lose(s, `extraction worker silent for ${Math.round((now - s.lastHeard) / 1000)} s; its articles are extracted in-thread`);
      }
      if (s.state === 'dead' && s.inHand.size > 0) {
        back.push(...s.inHand);
        s.inHand.clear();
      }
    }
    if (back.length) requeue(back);
  }

  private lose(slot: Slot, message: string | null): void {
    if (slot.state === 'dead') return;
    slot.state = 'dead';
    if (message && !this.closed) this.opts.onWarning?.(message);
    void slot.worker.terminate();
    slot.port.close();
  }

  private idle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    if (this.closed || this.running === 0 || this.idleMs <= 0) return;
    this.idleTimer = setTimeout(() => this.stop(), this.idleMs);
    this.idleTimer.unref();
  }

  private stop(): void {
    for (const s of this.slots) this.lose(s, null);
    this.slots = [];
  }
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
