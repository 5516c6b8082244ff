// An extraction worker: loads the extractor module it was given, then, for each article it is sent,
// extracts and prepares the rows (store/sqlite/knowledge/prepare.ts) and posts them back. Every message is
// followed by a bump of the shared counter, so the owning thread can block on it (Atomics.wait)
// inside a synchronous ingest. One article's failure is reported for that article alone.
import { workerData, type MessagePort } from 'node:worker_threads';
import type { Article, Extraction } from '../../core/model.ts';
import { prepareArticle } from '../sqlite/knowledge/prepare.ts';
import type { WorkerInput, WorkerJob, WorkerMessage } from './extract-pool.ts';

const { port, signal, module, exportName } = workerData as WorkerInput & { port: MessagePort };
const counter = new Int32Array(signal);

const utf8 = new TextEncoder();

/** Bytes that are the whole of their buffer (never a slice of a shared pool) can be moved. */
function ownBuffer(b: Uint8Array | null): b is Uint8Array {
  return b !== null && b.byteOffset === 0 && b.byteLength === b.buffer.byteLength;
}

function post(msg: WorkerMessage, transfer: ArrayBuffer[] = []): void {
  port.postMessage(msg, transfer);
  Atomics.add(counter, 0, 1);
  Atomics.notify(counter, 0);
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

// Anything escaping the per-article handler would end the thread unseen by a parent blocked in
// Atomics.wait: say so first, so it takes this worker's articles back at once.
process.on('uncaughtException', (err) => {
  post({ type: 'fatal', message: errorText(err) });
  process.exit(1);
});

let extract: (a: Article) => Extraction;
try {
  const mod = (await import(module)) as Record<string, unknown>;
  const fn = mod[exportName];
  if (typeof fn !== 'function') throw new Error(`${module} has no function export "${exportName}"`);
  extract = fn as (a: Article) => Extraction;
} catch (err) {
  post({ type: 'fatal', message: `cannot load the extractor: ${errorText(err)}` });
  process.exit(1);
}

port.on('message', (job: WorkerJob) => {
  const a = job.article;
  try {
    const prepared = prepareArticle(extract(a), a.hash, a.path, { text: a.text, bodyStart: a.bodyStart });
    // The two big strings travel as UTF-8 in transferred buffers: a structured clone would copy
    // them twice (as UTF-16 when they hold any non-Latin-1 character, as news text does).
    const extraction = utf8.encode(prepared.extraction as string);
    const body = prepared.body === null ? null : utf8.encode(prepared.body as string);
    post({ type: 'done', run: job.run, seq: job.seq, prepared: { ...prepared, extraction, body } }, [extraction, body].filter(ownBuffer).map((b) => b!.buffer as ArrayBuffer));
  } catch (err) {
    post({ type: 'failed', run: job.run, seq: job.seq, message: errorText(err) });
  }
});
post({ type: 'ready' });
