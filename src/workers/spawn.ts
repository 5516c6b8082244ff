// Starts a worker thread running a TypeScript module, through ./entry.mjs (which registers tsx in
// the new thread). The answer pool (src/app/answers) and the extraction pool (src/store) use it.
import { availableParallelism } from 'node:os';
import { Worker, type WorkerOptions } from 'node:worker_threads';

const ENTRY = new URL('./entry.mjs', import.meta.url);

/** `module` is the worker's code; `workerData` reaches it as usual (with `entry` added). */
export function spawnWorker(module: URL, opts: WorkerOptions & { workerData?: Record<string, unknown> } = {}): Worker {
  return new Worker(ENTRY, { ...opts, workerData: { ...opts.workerData, entry: module.href } });
}

/** Worker threads a pool runs by default: one per core beyond the first (the main thread's), at most 4. */
export function spareCores(cpus = availableParallelism()): number {
  return Math.min(4, Math.max(0, cpus - 1));
}
