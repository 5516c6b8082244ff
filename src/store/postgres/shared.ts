// The PostgreSQL a replica shares with the others, opened without waiting: the pool at once, the
// schema brought up to date in the background; every use awaits `ready`, so a refused database
// (a newer version) fails the adapter's start with its own message.
import type { InstallationRows } from '../installations.ts';
import type { DeliveryLedgerPort, DigestStorage, SubscriptionRepository } from '../types.ts';
import { migrate, openPool, type Pool } from './db.ts';
import { PG_MIGRATIONS, pgDigestStorage } from './index.ts';
import { pgInstallationRows } from './installations.ts';
import { pgOnceKeys } from './once.ts';
import { PgWebStore, pgWebVisibility, type PgWebVisibility } from './web.ts';
import type { WebStore } from '../web.ts';

export interface SharedPostgres {
  pool: Pool;
  ready: Promise<void>;
  installations(): InstallationRows;
  /** The digest subscriptions and delivery ledger, each call waiting for the schema first. */
  digestStorage(): DigestStorage;
  /**
   * The web module's feeds and sources, and the visibility snapshot that follows them (started once
   * the schema is up to date; `listen` holds one more connection for the write notifications).
   */
  web(opts?: { listen?: boolean; refreshMs?: number }): { store: WebStore; view: PgWebVisibility };
  /** For the Discord adapter's ReplayGuard: `expiresAtMs` on this host's clock. */
  replayGuard(scope: string): { firstSeen(key: string, expiresAtMs: number): Promise<boolean> };
  close(): Promise<void>;
}

export function sharedPostgres(url: string, opts: { applicationName?: string; onError?: (err: Error) => void; max?: number; allowExitOnIdle?: boolean } = {}): SharedPostgres {
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
    digestStorage() {
      const inner = pgDigestStorage(pool);
      return { subscriptions: afterReady(ready, inner.subscriptions), deliveries: afterReady(ready, inner.deliveries) };
    },
    web(o = {}) {
      const inner = new PgWebStore(pool);
      const view = pgWebVisibility(pool, { ...o, after: ready, ...(opts.onError ? { onError: (err) => opts.onError!(err as Error) } : {}) });
      // This replica's own writes are in its answers at once, not after the next notification.
      inner.onChange = () => view.refresh();
      return { store: afterReady(ready, inner as WebStore), view };
    },
    replayGuard(scope) {
      const keys = pgOnceKeys(pool, scope);
      return { firstSeen: async (key, expiresAtMs) => (await ready, keys.firstSeen(key, expiresAtMs - Date.now())) };
    },
    close: () => (closed ??= pool.end()),
  };
}

/** `impl` with every method waiting for `ready` (the migrations) before it runs. */
function afterReady<T extends SubscriptionRepository | DeliveryLedgerPort | WebStore>(ready: Promise<void>, impl: T): T {
  const out: Record<string, unknown> = {};
  let proto: object | null = Object.getPrototypeOf(impl) as object | null;
  for (; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto) as object | null) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      const fn = (impl as unknown as Record<string, unknown>)[name];
      if (name === 'constructor' || name in out || typeof fn !== 'function') continue;
      out[name] = async (...args: unknown[]) => {
        await ready;
        return (fn as (...a: unknown[]) => unknown).apply(impl, args);
      };
    }
  }
  return out as T;
}
