// The test cluster itself: a real server, reachable, on UTC, with pg_trgm available, and each
// freshDatabase() is its own empty database.
import pg from 'pg';
import { expect, it } from 'vitest';
import { describePg, freshDatabase } from './db.ts';

describePg('test PostgreSQL cluster', () => {
  it('is a real PostgreSQL 13+ with pg_trgm, on UTC, and hands out separate databases', async () => {
    const a = await freshDatabase('cluster_a');
    const b = await freshDatabase('cluster_b');
    expect(a).not.toBe(b);
    const ca = new pg.Client({ connectionString: a });
    const cb = new pg.Client({ connectionString: b });
    await ca.connect();
    await cb.connect();
    try {
      const v = await ca.query<{ server_version_num: string }>('SHOW server_version_num');
      expect(Number(v.rows[0]!.server_version_num)).toBeGreaterThanOrEqual(130000);
      expect((await ca.query<{ TimeZone: string }>('SHOW timezone')).rows[0]).toEqual({ TimeZone: 'UTC' });
      await ca.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
      const sim = await ca.query<{ s: number }>(`SELECT similarity('Zelensky', 'Zelenskyy') AS s`);
      expect(sim.rows[0]!.s).toBeGreaterThan(0.5);
      await ca.query('CREATE TABLE only_in_a (x int)');
      const inB = await cb.query(`SELECT to_regclass('only_in_a') AS t`);
      expect(inB.rows[0]).toEqual({ t: null });
    } finally {
      await ca.end();
      await cb.end();
    }
  });
});
