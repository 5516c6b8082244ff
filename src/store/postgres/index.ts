// The PostgreSQL backend: open the pool and bring the schema up to date; the digest side's
// storage (subscriptions and the delivery ledger) behind the interfaces of store/types.ts; the web
// module's feeds and sources are in web.ts (PgWebStore).
import { migrate, openPool, type OpenPoolOptions, type PgMigration, type Pool } from './db.ts';
import { pgDeliveryMigrations } from './deliveries.ts';
import { pgInstallationMigrations } from './installations.ts';
import { pgLeaseMigrations } from './lease.ts';
import { pgOnceMigrations } from './once.ts';
import { pgSubscriptionMigrations, PgSubscriptions } from './subscriptions.ts';
import { PgDeliveryLedger } from './deliveries.ts';
import { pgWebMigrations } from './web.ts';
import type { DigestStorage } from '../types.ts';

export const PG_MIGRATIONS: readonly PgMigration[] = [...pgInstallationMigrations, ...pgOnceMigrations, ...pgLeaseMigrations, ...pgDeliveryMigrations, ...pgSubscriptionMigrations, ...pgWebMigrations];

/** The subscriptions and the delivery ledger on `pool` (a database opened by openPostgres). */
export function pgDigestStorage(pool: Pool): DigestStorage {
  return { subscriptions: new PgSubscriptions(pool), deliveries: new PgDeliveryLedger(pool) };
}

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
