// The storage backends the scheduling suites run on: SQLite (the embedded default) and the run's
// real PostgreSQL (skipped, with the reason, only when the run has no server binaries; see
// test/pg/global-setup.ts). Each open() makes a fresh database.
import { afterAll } from 'vitest';
import { openPostgres, pgDigestStorage } from '../../src/store/postgres/index.ts';
import { openDb } from '../../src/store/sqlite/db.ts';
import { sqliteDigestStorage } from '../../src/store/sqlite/digest.ts';
import type { DigestStorage } from '../../src/store/types.ts';
import { freshDatabase, pgSkipReason, pgUrl } from '../pg/db.ts';
import { tempDbPath } from './helpers.ts';

export interface Backend {
  name: string;
  skip?: string;
  /** `replicas` views of one fresh database (separate connections on PostgreSQL), and a way to run raw SQL on it. */
  open(replicas: number): Promise<{ storages: DigestStorage[]; sql(text: string): Promise<void> }>;
}

const closers: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of closers.splice(0)) await c();
});

export const BACKENDS: Backend[] = [
  {
    name: 'SQLite',
    async open(replicas) {
      const dir = tempDbPath();
      const dbs = Array.from({ length: replicas }, () => openDb(dir));
      closers.push(() => dbs.forEach((d) => d.close()));
      return { storages: dbs.map(sqliteDigestStorage), sql: async (text) => void dbs[0]!.exec(text) };
    },
  },
  {
    name: 'PostgreSQL',
    ...(pgUrl ? {} : { skip: pgSkipReason ?? 'no PostgreSQL' }),
    async open(replicas) {
      const url = await freshDatabase('sched');
      const pools = await Promise.all(Array.from({ length: replicas }, (_, i) => openPostgres(url, { max: 4, applicationName: `replica-${i}` })));
      closers.push(async () => {
        for (const p of pools) await p.end();
      });
      return { storages: pools.map(pgDigestStorage), sql: async (text) => void (await pools[0]!.query(text)) };
    },
  },
];
