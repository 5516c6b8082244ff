// Installation rows in PostgreSQL (sealed before they get here: see store/installations.ts).
import type { InstallationRow, InstallationRows } from '../installations.ts';
import type { PgMigration, Pool } from './db.ts';

export const pgInstallationMigrations: PgMigration[] = [
  {
    module: 'installations',
    version: 1,
    sql: `
      CREATE TABLE installations (
        platform      TEXT NOT NULL,
        key           TEXT NOT NULL,
        team_id       TEXT,
        enterprise_id TEXT,
        sealed        TEXT NOT NULL,
        installed_at  BIGINT NOT NULL,
        PRIMARY KEY (platform, key)
      );`,
  },
];

interface Row {
  platform: string;
  key: string;
  team_id: string | null;
  enterprise_id: string | null;
  sealed: string;
  installed_at: number;
}

export function pgInstallationRows(pool: Pool): InstallationRows {
  return {
    async put(r) {
      await pool.query(
        `INSERT INTO installations (platform, key, team_id, enterprise_id, sealed, installed_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (platform, key) DO UPDATE SET team_id = excluded.team_id, enterprise_id = excluded.enterprise_id, sealed = excluded.sealed, installed_at = excluded.installed_at`,
        [r.platform, r.key, r.teamId, r.enterpriseId, r.sealed, r.installedAt],
      );
    },
    async get(platform, key) {
      const { rows } = await pool.query<Row>('SELECT * FROM installations WHERE platform = $1 AND key = $2', [platform, key]);
      const r = rows[0];
      return r ? { platform: r.platform, key: r.key, teamId: r.team_id, enterpriseId: r.enterprise_id, sealed: r.sealed, installedAt: r.installed_at } : undefined;
    },
    async delete(platform, key) {
      const res = await pool.query('DELETE FROM installations WHERE platform = $1 AND key = $2', [platform, key]);
      return (res.rowCount ?? 0) > 0;
    },
    async count(platform) {
      const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM installations WHERE platform = $1', [platform]);
      return rows[0]!.n;
    },
  };
}
