// The web fetcher thread: one per process, holding the SafeFetcher (its connections, its per-host
// spacing and Retry-After, its cap on fetches in flight) and reading what it fetches (charset
// decoding, Readability over linkedom, feedsmith). The thread that acknowledges commands sends it
// requests and awaits small answers: an article's paragraphs and metadata, a feed's entries.
// Being the only fetcher of the process, its limits are the process's limits.
import { getPriority, setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { SafeFetcher, type FetchPolicy, type Resolver } from './fetch.ts';
import { LocalWebReader, type WebReader } from './reader.ts';
import type { FetchWorkerInit, FromFetchWorker, ToFetchWorker } from './remote.ts';

const init = workerData as FetchWorkerInit;

// Below the thread that acknowledges commands, as the extraction workers are (Linux: per thread).
if (init.nice && init.nice > 0) {
  try {
    setPriority(Math.min(19, getPriority() + init.nice));
  } catch {
    // Not permitted here: the same priority, which is only slower for the acks.
  }
}

const port = parentPort!;
const post = (m: FromFetchWorker) => port.postMessage(m);

let reader: WebReader;
try {
  let resolve: Resolver | undefined;
  if (init.resolver) {
    const mod = (await import(init.resolver.module)) as Record<string, unknown>;
    const fn = mod[init.resolver.exportName];
    if (typeof fn !== 'function') throw new Error(`${init.resolver.module} has no function export "${init.resolver.exportName}" (the name resolver)`);
    resolve = fn as Resolver;
  }
  const policy: Partial<FetchPolicy> = { ...init.policy, ...(resolve ? { resolve } : {}) };
  reader = new LocalWebReader(new SafeFetcher(policy));
} catch (err) {
  post({ type: 'fatal', message: `the web fetcher cannot start: ${(err as Error).message}` });
  process.exit(1);
}

port.on('message', (m: ToFetchWorker) => {
  if (m.type === 'close') {
    void reader.close().finally(() => process.exit(0));
    return;
  }
  const run = async (): Promise<unknown> => {
    switch (m.op) {
      case 'page':
        return reader.page(m.url, m.opts ?? {});
      case 'html':
        return reader.html(m.input);
      case 'feed':
        return reader.feed(m.url, m.validators ?? {});
      case 'findFeed':
        return reader.findFeed(m.url);
    }
  };
  run().then(
    (value) => post({ type: 'answer', id: m.id, value }),
    (err: unknown) => post({ type: 'failed', id: m.id, message: err instanceof Error ? err.message : String(err) }),
  );
});
post({ type: 'ready' });
