// The PostgreSQL backend: open the pool and bring the schema up to date. Knowledge and
// subscriptions follow as the async store interfaces land (see docs/postgres.md).
import { migrate, openPool, type OpenPoolOptions, type PgMigration, type Pool } from './db.ts';
import { pgDeliveryMigrations } from './deliveries.ts';
import { pgInstallationMigrations } from './installations.ts';
import { pgLeaseMigrations } from './lease.ts';
import { pgOnceMigrations } from './once.ts';

export const PG_MIGRATIONS: readonly PgMigration[] = [...pgInstallationMigrations, ...pgOnceMigrations, ...pgLeaseMigrations, ...pgDeliveryMigrations];

export async function openPostgres(url: string, opts: OpenPoolOptions = {}, migrations: readonly PgMigration[] = PG_MIGRATIONS): Promise<Pool> {
  const pool = openPool(url, opts);
  try {
    await migrate(pool, migrations);
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw err;
  }
  return pool;
}

export { isPostgresUrl, PgStoreError, safeUrl, type Pool } from './db.ts';
