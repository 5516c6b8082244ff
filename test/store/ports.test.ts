// Each backend against the storage interfaces of src/store/types.ts: at compile time (tsc checks the
// assignments below: a method missing or with another signature fails the type check) and at run
// time (each implementation has the interface's methods).
import { describe, expect, it } from 'vitest';
import type { SearchPort } from '../../src/core/ask/port.ts';
import { PgDeliveryLedger } from '../../src/store/postgres/deliveries.ts';
import { PgSubscriptions } from '../../src/store/postgres/subscriptions.ts';
import { DeliveryLedger } from '../../src/store/sqlite/deliveries.ts';
import { KnowledgeStore } from '../../src/store/sqlite/knowledge/store.ts';
import { SubscriptionStore } from '../../src/store/sqlite/subscriptions.ts';
import { PgWebStore } from '../../src/store/postgres/web.ts';
import { SqliteWebStore } from '../../src/store/sqlite/web.ts';
import type { WebStore } from '../../src/store/web.ts';
import type { DeliveryLedgerPort, DigestArticles, KnowledgeIndex, SubscriptionRepository, Sync } from '../../src/store/types.ts';

function conforms<T>(_impl: T): void {}

// Compile-time: never called with real objects.
export function typeChecks(l: DeliveryLedger, pg: PgDeliveryLedger, s: SubscriptionStore, ps: PgSubscriptions, k: KnowledgeStore, w: SqliteWebStore, pw: PgWebStore): void {
  conforms<WebStore>(w);
  conforms<WebStore>(pw);
  conforms<Sync<DeliveryLedgerPort>>(l);
  conforms<DeliveryLedgerPort>(pg);
  conforms<Sync<SubscriptionRepository>>(s);
  conforms<SubscriptionRepository>(ps);
  conforms<SearchPort>(k);
  conforms<Sync<DigestArticles>>(k);
  conforms<Sync<KnowledgeIndex>>(k);
}

const methods = (cls: { prototype: object }) =>
  Object.getOwnPropertyNames(cls.prototype)
    .filter((n) => n !== 'constructor' && typeof (cls.prototype as Record<string, unknown>)[n] === 'function')
    .sort();

const LEDGER: (keyof DeliveryLedgerPort)[] = ['beginAttempt', 'betweenAttempts', 'claim', 'finishAs', 'get', 'lastSent', 'latest', 'markSent', 'recordSkipped', 'rowsSince'];
const SUBSCRIPTIONS: (keyof SubscriptionRepository)[] = ['get', 'list', 'pause', 'remove', 'syncConfig', 'upsert'];

describe('storage interfaces', () => {
  it('both delivery ledgers have the port’s methods (SQLite exactly; PostgreSQL with its private helpers)', () => {
    expect(methods(DeliveryLedger)).toEqual([...LEDGER].sort());
    expect(methods(PgDeliveryLedger)).toEqual(expect.arrayContaining(LEDGER));
  });
  it('both subscription stores have exactly the repository’s methods', () => {
    expect(methods(SubscriptionStore)).toEqual([...SUBSCRIPTIONS].sort());
    expect(methods(PgSubscriptions)).toEqual([...SUBSCRIPTIONS].sort());
  });
  it('both web stores have the WebStore methods', () => {
    const WEB: (keyof WebStore)[] = ['addFeed', 'dueFeeds', 'findAnyArticle', 'findArticle', 'findFeed', 'getFeed', 'listFeeds', 'markEntries', 'recordArticle', 'removeFeed', 'scopedArticles', 'seenEntries', 'updateFeed'];
    expect(methods(SqliteWebStore)).toEqual(expect.arrayContaining(WEB));
    expect(methods(PgWebStore)).toEqual(expect.arrayContaining(WEB));
  });
  it('the knowledge store offers every SearchPort method, answering with a promise', async () => {
    const store = KnowledgeStore.open({ path: ':memory:' });
    try {
      const port: SearchPort = store;
      const answers = [port.version(), port.people(), port.sources(), port.documentFrequency('x'), port.recentArticles(1), port.article('none')];
      for (const a of answers) expect(a).toBeInstanceOf(Promise);
      expect(await Promise.all(answers)).toEqual([0, [], [], 0, [], null]);
    } finally {
      store.close();
    }
  });
});
