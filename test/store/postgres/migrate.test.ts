// Versioned migrations on a real PostgreSQL: applied once, concurrently safe, and a database from
// a newer version refused with a clear message.
import pg from 'pg';
import { afterEach, expect, it } from 'vitest';
import { migrate, openPool, type Pool } from '../../../src/store/postgres/db.ts';
import { openPostgres, PG_MIGRATIONS } from '../../../src/store/postgres/index.ts';
import { describePg, freshDatabase } from '../../pg/db.ts';

const pools: Pool[] = [];
afterEach(async () => {
  for (const p of pools.splice(0)) await p.end();
});

describePg('postgres migrations', () => {
  it('creates every table once and records each module version; a second open changes nothing', async () => {
    const url = await freshDatabase('migrate');
    const pool = await openPostgres(url);
    pools.push(pool);
    const versions = (await pool.query('SELECT module, version FROM schema_versions ORDER BY module')).rows;
    expect(versions).toEqual([
      { module: 'deliveries', version: 1 },
      { module: 'installations', version: 1 },
      { module: 'leases', version: 1 },
      { module: 'once', version: 1 },
      { module: 'subscriptions', version: 2 },
      { module: 'web', version: 1 },
    ]);
    await migrate(pool, PG_MIGRATIONS);
    const again = (await pool.query('SELECT module, version FROM schema_versions ORDER BY module')).rows;
    expect(again).toEqual(versions);
  });

  it('three replicas starting at once migrate exactly once (advisory lock)', async () => {
    const url = await freshDatabase('migrate_race');
    const opened = await Promise.all([openPostgres(url), openPostgres(url), openPostgres(url)]);
    pools.push(...opened);
    const { rows } = await opened[0]!.query(`SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'digest_deliveries'`);
    expect(rows[0].n).toBe(1);
  });

  it('applies a later version on top, and a failing migration leaves no trace', async () => {
    const url = await freshDatabase('migrate_v2');
    const pool = openPool(url);
    pools.push(pool);
    await migrate(pool, [{ module: 'demo', version: 1, sql: 'CREATE TABLE demo (a int)' }]);
    await migrate(pool, [
      { module: 'demo', version: 1, sql: 'CREATE TABLE demo (a int)' },
      { module: 'demo', version: 2, sql: 'ALTER TABLE demo ADD COLUMN b text' },
    ]);
    expect((await pool.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'demo' ORDER BY ordinal_position`)).rows.map((r) => r.column_name)).toEqual(['a', 'b']);
    await expect(migrate(pool, [{ module: 'demo', version: 3, sql: 'ALTER TABLE demo ADD COLUMN c text; SELECT no_such_function()' }])).rejects.toThrow(/migration demo v3 failed: function no_such_function\(\) does not exist/);
    expect((await pool.query(`SELECT version FROM schema_versions WHERE module = 'demo'`)).rows[0].version).toBe(2);
    expect((await pool.query(`SELECT count(*)::int AS n FROM information_schema.columns WHERE table_name = 'demo' AND column_name = 'c'`)).rows[0].n).toBe(0);
  });

  it('refuses a database migrated by a newer version, naming the module and both versions', async () => {
    const url = await freshDatabase('migrate_newer');
    const pool = await openPostgres(url);
    await pool.query(`UPDATE schema_versions SET version = 7 WHERE module = 'deliveries'`);
    await pool.end();
    await expect(openPostgres(url)).rejects.toThrow(
      'the database was migrated by a newer version of briefing (deliveries schema version 7; this version knows up to 1). Upgrade this replica, or point it at another database; it will not write to this one.',
    );
    // Nothing was written by the refused open.
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    expect((await c.query(`SELECT version FROM schema_versions WHERE module = 'deliveries'`)).rows[0].version).toBe(7);
    await c.end();
  });
});
