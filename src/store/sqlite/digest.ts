// The digest side's storage on SQLite, behind the async interfaces of store/types.ts: the
// subscriptions and the delivery ledger in the state file, the articles in the knowledge store.
// better-sqlite3 answers synchronously; here each method answers through a promise (a throw becomes
// a rejection), so scheduling runs the same code on this backend as on PostgreSQL.
import type { Db } from './db.ts';
import { DeliveryLedger } from './deliveries.ts';
import { migrateDigestTables } from './state.ts';
import { SubscriptionStore } from './subscriptions.ts';
import type { DeliveryLedgerPort, DigestArticles, DigestStorage, SubscriptionRepository, Sync } from '../types.ts';

/** The subscriptions and ledger in `db` (the state file), tables created or migrated first. */
export function sqliteDigestStorage(db: Db): DigestStorage {
  migrateDigestTables(db);
  return {
    subscriptions: promised<SubscriptionRepository>(new SubscriptionStore(db), SUBSCRIPTION_METHODS),
    deliveries: promised<DeliveryLedgerPort>(new DeliveryLedger(db), LEDGER_METHODS),
  };
}

/** A synchronous article source (the SQLite knowledge store) as the async DigestArticles. */
export function digestArticles(source: Sync<DigestArticles>): DigestArticles {
  return promised<DigestArticles>(source, ['articlesAddedSince', 'latestArticles']);
}

const SUBSCRIPTION_METHODS = ['list', 'get', 'upsert', 'remove', 'pause', 'syncConfig'] as const satisfies readonly (keyof SubscriptionRepository)[];
const LEDGER_METHODS = [
  'claim', 'recordSkipped', 'beginAttempt', 'betweenAttempts', 'markSent', 'finishAs', 'rowsSince', 'get', 'lastSent', 'latest',
] as const satisfies readonly (keyof DeliveryLedgerPort)[];

/** `impl`'s `methods`, each answering through a promise. */
function promised<T>(impl: Sync<T>, methods: readonly (keyof T & string)[]): T {
  const out: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  for (const name of methods) {
    const fn = (impl as Record<string, unknown>)[name];
    if (typeof fn !== 'function') throw new TypeError(`${name} is not a method of the SQLite implementation`);
    out[name] = async (...args: unknown[]) => (fn as (...a: unknown[]) => unknown).apply(impl, args);
  }
  return out as T;
}
