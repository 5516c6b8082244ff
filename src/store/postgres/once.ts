// "Seen once" keys shared by every replica: a Discord interaction signature replayed to another
// replica, a Slack event redelivered to another replica. The first INSERT wins; expired keys are
// swept now and then. Expiry is on the database's clock.
import { DB_NOW_MS, type PgMigration, type Pool } from './db.ts';

export const pgOnceMigrations: PgMigration[] = [
  {
    module: 'once',
    version: 1,
    sql: `
      CREATE TABLE seen_once (
        scope      TEXT NOT NULL,
        key        TEXT NOT NULL,
        expires_at BIGINT NOT NULL,
        PRIMARY KEY (scope, key)
      );
      CREATE INDEX seen_once_expiry ON seen_once (expires_at);`,
  },
];

export interface OnceKeys {
  /** True the first time `key` is seen in `scope` (until it expires, `ttlMs` from now). */
  firstSeen(key: string, ttlMs: number): Promise<boolean>;
}

export function pgOnceKeys(pool: Pool, scope: string): OnceKeys {
  let nextSweep = 0;
  return {
    async firstSeen(key, ttlMs) {
      if (Date.now() >= nextSweep) {
        nextSweep = Date.now() + 60_000;
        await pool.query(`DELETE FROM seen_once WHERE scope = $1 AND expires_at < ${DB_NOW_MS}`, [scope]);
      }
      // A key whose row has expired counts as new again: the row is refreshed in place.
      const res = await pool.query(
        `INSERT INTO seen_once (scope, key, expires_at) VALUES ($1, $2, ${DB_NOW_MS} + $3::bigint)
         ON CONFLICT (scope, key) DO UPDATE SET expires_at = excluded.expires_at WHERE seen_once.expires_at < ${DB_NOW_MS}`,
        [scope, key, Math.max(0, Math.round(ttlMs))],
      );
      return res.rowCount === 1;
    },
  };
}
