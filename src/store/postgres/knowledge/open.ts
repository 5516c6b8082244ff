// Opening the knowledge store on the PostgreSQL every replica shares (BRIEFING_DATABASE_URL): its own
// pool (questions run a few queries at once), the schema brought up to date, the password never in
// an error or a log line.
import type { Article, Extraction } from '../../../core/model.ts';
import type { Logger } from '../../../log.ts';
import type { ExtractWorkerSpec } from '../../ingest/extract-pool.ts';
import type { ArticleLoader } from '../../ingest/sync.ts';
import { openPool, PgStoreError, safeUrl } from '../db.ts';
import { PgKnowledgeStore } from './store.ts';

export interface OpenPgKnowledgeOptions {
  url: string;
  /** Shown in pg_stat_activity. */
  name?: string;
  extract?: (article: Article) => Extraction;
  extractWorker?: ExtractWorkerSpec;
  load?: ArticleLoader;
  logger?: Logger;
  /** Let the process exit while the pool's connections are idle (one-shot commands). */
  oneShot?: boolean;
}

export async function openPgKnowledge(o: OpenPgKnowledgeOptions): Promise<PgKnowledgeStore> {
  const log = o.logger;
  const pool = openPool(o.url, {
    max: 8,
    applicationName: `briefing ${o.name ?? 'knowledge'}`,
    allowExitOnIdle: o.oneShot ?? false,
    onError: (err) => log?.warn('idle connection lost; reconnecting on next use', { error: err.message }),
  });
  try {
    return await PgKnowledgeStore.open({
      pool,
      url: o.url,
      ownsPool: true,
      ...(o.extract ? { extract: o.extract } : {}),
      ...(o.extractWorker ? { extractWorker: o.extractWorker } : {}),
      ...(o.load ? { load: o.load } : {}),
      ...(log ? { logger: log } : {}),
    });
  } catch (err) {
    await pool.end().catch(() => undefined);
    if (err instanceof PgStoreError) throw err;
    throw new PgStoreError(`cannot open the knowledge store on ${safeUrl(o.url)}: ${(err as Error).message}`, err);
  }
}
