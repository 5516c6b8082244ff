// The knowledge backends the ask and store suites run on: SQLite (a real file) and the run's real
// PostgreSQL (skipped, with the reason, only when the run has no server binaries; see
// test/pg/global-setup.ts). Each open() makes a fresh, empty store; both answer through promises
// (the SQLite store's synchronous methods are wrapped), so one suite body serves both.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import type { SearchPort } from '../../src/core/ask/port.ts';
import type { Article, Extraction } from '../../src/core/model.ts';
import type { ArticleLoader } from '../../src/store/ingest/sync.ts';
import type { ExtractWorkerSpec } from '../../src/store/ingest/extract-pool.ts';
import { openPool, type Pool } from '../../src/store/postgres/db.ts';
import { PgKnowledgeStore } from '../../src/store/postgres/knowledge/store.ts';
import { KnowledgeStore } from '../../src/store/sqlite/knowledge/store.ts';
import type { KnowledgeIndex } from '../../src/store/types.ts';
import { freshDatabase, pgSkipReason, pgUrl } from '../pg/db.ts';

export interface TestKnowledge extends SearchPort, KnowledgeIndex {
  ingestExtractions(items: readonly { extraction: Extraction; hash: string; text?: { text: string; bodyStart: number } }[]): Promise<void>;
  removeArticles(ids: readonly string[]): Promise<void>;
}

export interface KnowledgeOpenOptions {
  extract?: (article: Article) => Extraction;
  load?: ArticleLoader;
  extractWorker?: ExtractWorkerSpec;
  /** Open a second store on the same database as `of` (another replica, another connection). */
  of?: TestKnowledge;
}

export interface KnowledgeBackend {
  name: 'SQLite' | 'PostgreSQL';
  skip?: string;
  open(opts?: KnowledgeOpenOptions): Promise<TestKnowledge>;
}

const closers: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of closers.splice(0).reverse()) await c();
});

const where = new WeakMap<TestKnowledge, string>();

/** The SQLite store with every method answering through a promise (watch and readonly as they are). */
function promised(store: KnowledgeStore): TestKnowledge {
  return new Proxy(store, {
    get(target, key, receiver) {
      const v = Reflect.get(target, key, receiver) as unknown;
      if (typeof v !== 'function' || key === 'watch') return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      return async (...args: unknown[]) => (v as (...a: unknown[]) => unknown).apply(target, args);
    },
  }) as unknown as TestKnowledge;
}

export const KNOWLEDGE_BACKENDS: KnowledgeBackend[] = [
  {
    name: 'SQLite',
    async open(opts = {}) {
      let path = opts.of ? where.get(opts.of) : undefined;
      if (!path) {
        const dir = mkdtempSync(join(tmpdir(), 'knowledge-backend-'));
        closers.push(() => rmSync(dir, { recursive: true, force: true }));
        path = join(dir, 'k.db');
      }
      const store = KnowledgeStore.open({ path, ...(opts.extract ? { extract: opts.extract } : {}), ...(opts.load ? { load: opts.load } : {}), ...(opts.extractWorker ? { extractWorker: opts.extractWorker } : {}) });
      closers.push(() => store.close());
      const k = promised(store);
      where.set(k, path);
      return k;
    },
  },
  {
    name: 'PostgreSQL',
    ...(pgUrl ? {} : { skip: pgSkipReason ?? 'no PostgreSQL' }),
    async open(opts = {}) {
      const url = (opts.of ? where.get(opts.of) : undefined) ?? (await freshDatabase('knowledge'));
      const pool: Pool = openPool(url, { max: 4 });
      const store = await PgKnowledgeStore.open({ pool, url, ownsPool: true, ...(opts.extract ? { extract: opts.extract } : {}), ...(opts.load ? { load: opts.load } : {}), ...(opts.extractWorker ? { extractWorker: opts.extractWorker } : {}) });
      closers.push(() => store.close());
      where.set(store, url);
      return store;
    },
  },
];
