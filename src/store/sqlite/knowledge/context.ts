// What the knowledge store's files share: its options, and the context each part works in (the
// connection, the writer and the extraction workers the store owns, and how a change is announced).
// KnowledgeStore (store.ts) builds one context and hands it to ingest.ts and sync.ts.
import type { Article, Extraction } from '../../../core/model.ts';
import type { Logger } from '../../../log.ts';
import type { ArticleLoader } from '../../ingest/sync.ts';
import type { ExtractPool, ExtractWorkerSpec } from '../../ingest/extract-pool.ts';
import type { Db } from '../db.ts';
import type { KnowledgeWriter } from './write.ts';

export interface KnowledgeStoreOptions {
  /** `databasePath` from config (default data/briefing.db), or `:memory:`. */
  path: string;
  /** Extraction for `ingestArticle` and `syncContent`. */
  extract?: (article: Article) => Extraction;
  /**
   * Where worker threads load the same extractor from, so bulk ingest extracts in parallel with
   * writing (see extract-pool.ts). Without it, or for a few articles, extraction runs in-thread.
   */
  extractWorker?: ExtractWorkerSpec;
  /** Article loading for `syncContent`. */
  load?: ArticleLoader;
  /** Open without writing (also chosen automatically when the file is read-only). */
  readonly?: boolean;
  logger?: Logger;
}

/** One open knowledge store, as its ingest and sync parts see it. */
export interface KnowledgeContext {
  readonly db: Db;
  readonly path: string;
  readonly readonly: boolean;
  readonly opts: KnowledgeStoreOptions;
  /** The writer; throws a StoreError naming the fix when the store is read-only. */
  writer(): KnowledgeWriter;
  /** Drops cached reads and bumps SearchPort.version(): called after every own write. */
  changed(): void;
  /** The extraction workers, started lazily; null without `extractWorker`. */
  extractPool(): ExtractPool | null;
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
