// Installation rows in SQLite (see store/installations.ts: the installation is sealed before it
// gets here).
import type { InstallationRow, InstallationRows } from '../installations.ts';
import { migrate, type Db, type Migration } from './db.ts';

export const installationMigrations: Migration[] = [
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
        installed_at  INTEGER NOT NULL,
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

export function sqliteInstallationRows(db: Db): InstallationRows {
  migrate(db, installationMigrations);
  const put = db.prepare(
    `INSERT INTO installations (platform, key, team_id, enterprise_id, sealed, installed_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (platform, key) DO UPDATE SET team_id = excluded.team_id, enterprise_id = excluded.enterprise_id, sealed = excluded.sealed, installed_at = excluded.installed_at`,
  );
  const get = db.prepare<[string, string], Row>('SELECT * FROM installations WHERE platform = ? AND key = ?');
  const del = db.prepare('DELETE FROM installations WHERE platform = ? AND key = ?');
  const count = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM installations WHERE platform = ?');
  return {
    async put(r) {
      put.run(r.platform, r.key, r.teamId, r.enterpriseId, r.sealed, r.installedAt);
    },
    async get(platform, key) {
      const r = get.get(platform, key);
      return r ? toRow(r) : undefined;
    },
    async delete(platform, key) {
      return del.run(platform, key).changes > 0;
    },
    async count(platform) {
      return count.get(platform)!.n;
    },
  };
}

function toRow(r: Row): InstallationRow {
  return { platform: r.platform, key: r.key, teamId: r.team_id, enterpriseId: r.enterprise_id, sealed: r.sealed, installedAt: r.installed_at };
}
