// The WebReader of a running bot: every fetch, and the reading of what is fetched, happens in the
// web fetcher thread (./fetch-worker.ts); this thread posts a request and awaits the answer, so
// sockets, TLS, decompression, charset decoding, Readability and feed parsing never hold up the
// acknowledgement of a command. One thread per process keeps the per-host spacing, Retry-After
// and the cap on fetches in flight process-wide.
// A fetcher thread that dies fails the requests it held (each with a reason, as a fetch failure:
// a feed is backed off, an entry tried again on the next poll) and is started again on the next
// request; one that cannot start at all is retried after a pause, not on every request.
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { beside, spawnWorker } from '../workers/spawn.ts';
import { SafeFetcher, type FetchPolicy, type Refusal } from './fetch.ts';
import type { PageArticle, PageInput, PageRefusal } from './page.ts';
import type { FeedFetch, FoundFeedResult, PageResult, WebReader } from './reader.ts';

export interface FetchWorkerInit {
  policy: Partial<Omit<FetchPolicy, 'resolve'>>;
  /** A module exporting the name resolver to use (tests and benches; default: the system's). */
  resolver?: { module: string; exportName: string };
  nice?: number;
}

type Request =
  | { op: 'page'; url: string; opts?: { minChars?: number } }
  | { op: 'html'; input: PageInput }
  | { op: 'feed'; url: string; validators?: { etag?: string | null; lastModified?: string | null } }
  | { op: 'findFeed'; url: string };

export type ToFetchWorker = ({ type: 'request'; id: number } & Request) | { type: 'close' };
export type FromFetchWorker =
  | { type: 'ready' }
  | { type: 'fatal'; message: string }
  | { type: 'answer'; id: number; value: unknown }
  | { type: 'failed'; id: number; message: string };

export interface WorkerWebReaderOptions {
  policy: Partial<Omit<FetchPolicy, 'resolve'>>;
  /** Where the fetcher thread loads a name resolver from (tests and benches on made-up names). */
  resolver?: { module: string | URL; export: string };
  /** Niceness the thread adds to itself (default 10, as the extraction workers). */
  nice?: number;
  onWarning?: (message: string) => void;
}

interface Waiting {
  fail(message: string): void;
  answer(value: unknown): void;
}

/** Failed starts in a row after which requests are refused for a while instead of starting it again. */
const MAX_FAILED_STARTS = 3;
const START_PAUSE_MS = 30_000;

export class WorkerWebReader implements WebReader {
  /** For `check` only: it never sends a request. */
  private readonly checker: SafeFetcher;
  private worker: Worker | null = null;
  private ready = false;
  private readonly waiting = new Map<number, Waiting>();
  private seq = 0;
  private failedStarts = 0;
  private lastFailure = '';
  private pausedUntil = 0;
  private closed = false;

  constructor(private readonly o: WorkerWebReaderOptions) {
    this.checker = new SafeFetcher(o.policy);
  }

  check(text: string): { url: URL } | Refusal {
    return this.checker.check(text);
  }

  page(url: string, opts: { minChars?: number } = {}): Promise<PageResult> {
    return this.ask<PageResult>({ op: 'page', url, opts }, (why) => ({ ok: false, reason: 'network', message: `the page could not be fetched: ${why}` }));
  }

  html(input: PageInput): Promise<PageArticle | PageRefusal> {
    return this.ask<PageArticle | PageRefusal>({ op: 'html', input }, (why) => ({ ok: false, reason: 'not-an-article', message: `the text could not be read: ${why}` }));
  }

  feed(url: string, validators: { etag?: string | null; lastModified?: string | null } = {}): Promise<FeedFetch> {
    return this.ask<FeedFetch>({ op: 'feed', url, validators }, (why) => ({ ok: false, stage: 'fetch', message: `the feed could not be fetched: ${why}` }));
  }

  findFeed(link: string): Promise<FoundFeedResult> {
    return this.ask<FoundFeedResult>({ op: 'findFeed', url: link }, (why) => ({ ok: false, message: `the link could not be fetched: ${why}` }));
  }

  /** Requests waiting for the fetcher thread (diagnostics, tests). */
  get inFlight(): number {
    return this.waiting.size;
  }

  private ask<T>(req: Request, failure: (why: string) => T): Promise<T> {
    if (this.closed) return Promise.resolve(failure('the web fetcher is stopped (the bot is stopping)'));
    if (Date.now() < this.pausedUntil) return Promise.resolve(failure(this.lastFailure));
    const worker = this.spawn();
    const id = ++this.seq;
    return new Promise<T>((resolve) => {
      this.waiting.set(id, { answer: (v) => resolve(v as T), fail: (why) => resolve(failure(why)) });
      // Held by the process while it has work (a one-shot `brief add` waits for it); idle, it holds nothing.
      worker.ref();
      worker.postMessage({ type: 'request', id, ...req } satisfies ToFetchWorker);
    });
  }

  private spawn(): Worker {
    if (this.worker) return this.worker;
    const init: FetchWorkerInit = {
      policy: this.o.policy,
      nice: this.o.nice ?? 10,
      ...(this.o.resolver ? { resolver: { module: moduleUrl(this.o.resolver.module), exportName: this.o.resolver.export } } : {}),
    };
    const worker = spawnWorker(beside(import.meta.url, './fetch-worker.ts'), { workerData: init as unknown as Record<string, unknown>, stdout: false, stderr: false });
    this.worker = worker;
    this.ready = false;
    worker.on('message', (m: FromFetchWorker) => {
      if (m.type === 'ready') {
        this.ready = true;
        this.failedStarts = 0;
      } else if (m.type === 'fatal') {
        this.lose(worker, m.message);
      } else {
        const w = this.waiting.get(m.id);
        if (!w) return;
        this.waiting.delete(m.id);
        if (m.type === 'answer') w.answer(m.value);
        else w.fail(`the web fetcher failed: ${m.message}`);
        if (!this.waiting.size) worker.unref();
      }
    });
    worker.on('error', (err) => this.lose(worker, `the web fetcher thread failed: ${err.message}`));
    worker.on('exit', (code) => this.lose(worker, `the web fetcher thread stopped (exit code ${code})`));
    return worker;
  }

  private lose(worker: Worker, why: string): void {
    if (this.worker !== worker) return;
    this.worker = null;
    if (!this.ready) {
      this.failedStarts++;
      this.lastFailure = why;
      if (this.failedStarts >= MAX_FAILED_STARTS) this.pausedUntil = Date.now() + START_PAUSE_MS;
    }
    void worker.terminate();
    const held = [...this.waiting.values()];
    this.waiting.clear();
    for (const w of held) w.fail(why);
    if (!this.closed && held.length) this.o.onWarning?.(`${why}; ${held.length} request(s) failed, and it is started again on the next one`);
  }

  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.worker = null;
    for (const w of this.waiting.values()) w.fail('the web fetcher is stopped (the bot is stopping)');
    this.waiting.clear();
    await this.checker.close();
    if (!worker) return;
    const exited = new Promise<void>((r) => worker.once('exit', () => r()));
    worker.postMessage({ type: 'close' } satisfies ToFetchWorker);
    const timer = setTimeout(() => void worker.terminate(), 2000);
    await exited;
    clearTimeout(timer);
  }
}

function moduleUrl(m: string | URL): string {
  const s = m instanceof URL ? m.href : m;
  return isAbsolute(s) ? pathToFileURL(s).href : s;
}
