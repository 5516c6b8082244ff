// Starts a worker thread running a module of this program. Built (dist/*.js), the module is started
// as it is; from source (*.ts, under tsx or a test runner), through ./entry.mjs, which registers tsx
// in the new thread. The answer pool (src/app/answers) and the extraction pool (src/store) use it.
import { availableParallelism } from 'node:os';
import { Worker, type WorkerOptions } from 'node:worker_threads';

const ENTRY = new URL('./entry.mjs', import.meta.url);

/**
 * The module `name` (written with its source name, `./worker.ts`) beside the module `here`
 * (`import.meta.url`): `./worker.js` when `here` is built JavaScript. tsc rewrites the extensions
 * of imports, not of URLs, so every module located by URL goes through this.
 */
export function beside(here: string | URL, name: string): URL {
  const built = !String(here).endsWith('.ts');
  return new URL(built ? name.replace(/\.ts$/, '.js') : name, here);
}

/** `module` is the worker's code; `workerData` reaches it as usual (with `entry` added). */
export function spawnWorker(module: URL, opts: WorkerOptions & { workerData?: Record<string, unknown> } = {}): Worker {
  if (!module.pathname.endsWith('.ts')) return new Worker(module, opts);
  return new Worker(ENTRY, { ...opts, workerData: { ...opts.workerData, entry: module.href } });
}

/** Worker threads a pool runs by default: one per core beyond the first (the main thread's), at most 4. */
export function spareCores(cpus = availableParallelism()): number {
  return Math.min(4, Math.max(0, cpus - 1));
}
