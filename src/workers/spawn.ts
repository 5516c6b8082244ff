// Starts a worker thread running a TypeScript module, through ./entry.mjs (which registers tsx in
// the new thread). The answer pool (src/app/answers) and the extraction pool (src/store) use it.
import { Worker, type WorkerOptions } from 'node:worker_threads';

const ENTRY = new URL('./entry.mjs', import.meta.url);

/** `module` is the worker's code; `workerData` reaches it as usual (with `entry` added). */
export function spawnWorker(module: URL, opts: WorkerOptions & { workerData?: Record<string, unknown> } = {}): Worker {
  return new Worker(ENTRY, { ...opts, workerData: { ...opts.workerData, entry: module.href } });
}
