// The PostgreSQL a replica shares with the others, opened without waiting: the pool at once, the
// schema brought up to date in the background; every use awaits `ready`, so a refused database
// (a newer version) fails the adapter's start with its own message.
import type { InstallationRows } from '../installations.ts';
import { migrate, openPool, type Pool } from './db.ts';
import { PG_MIGRATIONS } from './index.ts';
import { pgInstallationRows } from './installations.ts';
import { pgOnceKeys } from './once.ts';

export interface SharedPostgres {
  pool: Pool;
  ready: Promise<void>;
  installations(): InstallationRows;
  /** For the Discord adapter's ReplayGuard: `expiresAtMs` on this host's clock. */
  replayGuard(scope: string): { firstSeen(key: string, expiresAtMs: number): Promise<boolean> };
  close(): Promise<void>;
}

export function sharedPostgres(url: string, opts: { applicationName?: string; onError?: (err: Error) => void } = {}): SharedPostgres {
  const pool = openPool(url, { max: 4, ...opts });
  const ready = migrate(pool, PG_MIGRATIONS);
  ready.catch(() => undefined); // reported by whoever awaits it
  const rows = pgInstallationRows(pool);
  let closed: Promise<void> | null = null;
  return {
    pool,
    ready,
    installations: () => ({
      put: async (r) => (await ready, rows.put(r)),
      get: async (p, k) => (await ready, rows.get(p, k)),
      delete: async (p, k) => (await ready, rows.delete(p, k)),
      count: async (p) => (await ready, rows.count(p)),
    }),
    replayGuard(scope) {
      const keys = pgOnceKeys(pool, scope);
      return { firstSeen: async (key, expiresAtMs) => (await ready, keys.firstSeen(key, expiresAtMs - Date.now())) };
    },
    close: () => (closed ??= pool.end()),
  };
}
