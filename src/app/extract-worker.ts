// Where the knowledge store's extraction workers load their code from: plain data (module URLs), so
// a command can hand it to the store without importing the extractor itself (see ./one-shot-store.ts).
import type { ExtractWorkerSpec } from '../store/sqlite/knowledge/store.ts';
import { beside } from '../workers/spawn.ts';

/**
 * The store's extraction workers (one bounded pool): the real extractor, the article loader (content
 * sync loads files in the workers) and the web page reader (Readability over linkedom).
 */
export const EXTRACT_WORKER: ExtractWorkerSpec = {
  module: beside(import.meta.url, '../core/extract/index.ts'),
  export: 'extractArticle',
  loader: { module: beside(import.meta.url, './knowledge.ts'), export: 'loadForStore' },
  tasks: { page: { module: beside(import.meta.url, '../web/page.ts'), export: 'readPage' } },
  // Below the thread that acknowledges commands: ingest has minutes, an ack has 3 s.
  nice: 10,
};
