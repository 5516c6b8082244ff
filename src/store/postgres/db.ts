// PostgreSQL for all shared state (BRIEFING_DATABASE_URL=postgres://…). One pool per process;
// each module owns its tables and registers versioned migrations, applied at open under an
// advisory lock so that replicas starting together migrate once. A database migrated by a newer
// version of the app is refused with a clear message instead of being written by an older one.
import pg from 'pg';

export type Pool = pg.Pool;
export type Client = pg.PoolClient;
export type Queryable = Pick<pg.Pool, 'query'> | Pick<pg.PoolClient, 'query'>;

export interface PgMigration {
  /** The owning module, e.g. `knowledge` or `deliveries`. */
  module: string;
  /** 1-based, applied in order, each once. */
  version: number;
  sql: string;
}

export class PgStoreError extends Error {
  constructor(
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'PgStoreError';
  }
}

/** Takes `postgres://` and `postgresql://` URLs; anything else is the SQLite file path. */
export function isPostgresUrl(value: string | undefined): value is string {
  return value !== undefined && /^postgres(ql)?:\/\//i.test(value.trim());
}

/** The URL without its password, for logs and errors. */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://(unparseable URL)';
  }
}

export interface OpenPoolOptions {
  max?: number;
  /** Name shown in pg_stat_activity, e.g. the replica id. */
  applicationName?: string;
  onError?: (err: Error) => void;
  /** Let the process exit while the pool's connections are idle (one-shot commands). */
  allowExitOnIdle?: boolean;
}

/** A pool that survives server restarts: idle clients that die are dropped (not thrown), new ones reconnect. */
export function openPool(url: string, opts: OpenPoolOptions = {}): Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max ?? 10,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 10_000,
    application_name: opts.applicationName ?? 'briefing',
    allowExitOnIdle: opts.allowExitOnIdle ?? false,
    // bigint columns (milliseconds, ids) as numbers: they stay far below 2^53.
    types: { getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === 20 ? Number : pg.types.getTypeParser(oid, format as 'text'))) as typeof pg.types.getTypeParser },
  });
  // Without a listener an idle client's error (server restart) would crash the process.
  pool.on('error', (err) => opts.onError?.(err));
  return pool;
}

/** Runs `fn` in a transaction on one client; rolled back if it throws. */
export async function transaction<T>(pool: Pool, fn: (c: Client) => Promise<T>): Promise<T> {
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    const out = await fn(c);
    await c.query('COMMIT');
    return out;
  } catch (err) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    c.release();
  }
}

/** Advisory lock key under which migrations run (any constant; 'brf' + 'mig'). */
const MIGRATION_LOCK = 0x627266_6d6967;

/**
 * Applies the migrations the database has not seen, each in its own transaction with its version
 * record, all under one advisory lock. Refuses a database whose version of any module is newer
 * than this build knows.
 */
export async function migrate(pool: Pool, migrations: readonly PgMigration[]): Promise<void> {
  const c = await pool.connect();
  try {
    await c.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await c.query(`CREATE TABLE IF NOT EXISTS schema_versions (module TEXT PRIMARY KEY, version INTEGER NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`);
      const { rows } = await c.query<{ module: string; version: number }>('SELECT module, version FROM schema_versions');
      const have = new Map(rows.map((r) => [r.module, r.version]));
      const known = new Map<string, number>();
      for (const m of migrations) known.set(m.module, Math.max(known.get(m.module) ?? 0, m.version));
      for (const [module, newest] of known) {
        const v = have.get(module) ?? 0;
        if (v > newest) {
          throw new PgStoreError(
            `the database was migrated by a newer version of briefing (${module} schema version ${v}; this version knows up to ${newest}). ` +
              'Upgrade this replica, or point it at another database; it will not write to this one.',
          );
        }
      }
      const sorted = [...migrations].sort((a, b) => a.module.localeCompare(b.module) || a.version - b.version);
      for (const m of sorted) {
        if (m.version <= (have.get(m.module) ?? 0)) continue;
        await c.query('BEGIN');
        try {
          await c.query(m.sql);
          await c.query(
            `INSERT INTO schema_versions (module, version) VALUES ($1, $2)
             ON CONFLICT (module) DO UPDATE SET version = excluded.version, applied_at = now()`,
            [m.module, m.version],
          );
          await c.query('COMMIT');
        } catch (err) {
          await c.query('ROLLBACK').catch(() => undefined);
          throw new PgStoreError(`migration ${m.module} v${m.version} failed: ${(err as Error).message}`, err);
        }
        have.set(m.module, m.version);
      }
    } finally {
      await c.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    }
  } finally {
    c.release();
  }
}

/** Milliseconds since the epoch on the database's clock: leases are measured on it, not on hosts' clocks. */
export const DB_NOW_MS = `(extract(epoch from clock_timestamp()) * 1000)::bigint`;
