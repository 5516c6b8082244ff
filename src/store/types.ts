// The storage interfaces: what the app, scheduling and the commands need from a database. All are
// asynchronous, so an embedded backend (store/sqlite, better-sqlite3, answering synchronously under
// the promise) and a networked one (store/postgres) implement the same contracts. Nothing here names
// a driver; each backend lives in its own folder and the app (src/app, the composition root) picks
// one. docs/architecture.md has the map.
//
// Who implements what today:
// - SearchPort (asking)        store/sqlite/knowledge/store.ts  KnowledgeStore
// - DeliveryLedgerPort         store/sqlite/deliveries.ts (DeliveryLedger, synchronous methods),
//                              store/postgres/deliveries.ts (PgDeliveryLedger)
// - SubscriptionRepository     store/sqlite/subscriptions.ts (SubscriptionStore, synchronous methods),
//                              store/postgres/subscriptions.ts (PgSubscriptions)
// - DigestArticles             store/sqlite/knowledge/store.ts (synchronous methods)
// - DigestStorage              store/sqlite/digest.ts (sqliteDigestStorage: the two above, promised),
//                              store/postgres/index.ts (pgDigestStorage)
// Scheduling (src/scheduling) is written against these interfaces only: it never sees a driver.
// - InstallationRows           store/installations.ts (the contract), both backends
// test/store/ports.test.ts checks at compile time that each implementation has exactly these methods
// (the SQLite ones answering synchronously), so an interface and its backends cannot drift apart.
//
// Room is left beside these for feeds and their sources (issue 16): one more interface here, one
// implementation per backend folder.
import type { ChannelAddress } from '../core/delivery/types.ts';
import type { Subscription, SubscriptionProblem, SubscriptionSpec } from '../core/delivery/subscription.ts';
import type { DigestEntry } from '../core/digest/types.ts';
import type { Article, Extraction } from '../core/model.ts';
import type { ClaimArgs, ClaimResult, Delivery, FinalStatus } from './ledger.ts';
import type { SyncReport, WatchHandle } from './ingest/sync.ts';

export type { SearchPort } from '../core/ask/port.ts';
export type { InstallationRow, InstallationRows } from './installations.ts';
export type { ClaimArgs, ClaimResult, Delivery, DeliveryStatus, FinalStatus } from './ledger.ts';
export type { SyncReport, WatchHandle } from './ingest/sync.ts';

/** An interface with every method answering through a promise, as a backend over a network must. */
export type Async<T> = { [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : T[K] };
/** The same methods answered synchronously: what an in-process SQLite implementation offers. */
export type Sync<T> = { [K in keyof T]: T[K] extends (...args: infer A) => Promise<infer R> ? (...args: A) => R : T[K] };

/**
 * The delivery ledger: one row per channel per local date, claimed before posting, so a digest goes
 * out at most once per channel per day whichever instance runs it. `claim` inserts or reports the
 * existing row; the owner then moves it through `beginAttempt` / `betweenAttempts` to `markSent` or
 * `finishAs`. Every transition names its owner and fails (false) for anyone else.
 */
export interface DeliveryLedgerPort {
  claim(a: ClaimArgs): Promise<ClaimResult>;
  recordSkipped(a: { key: string; subscriptionId: number; date: string; dueAt: number; reason: string; now: number }): Promise<boolean>;
  beginAttempt(id: number, owner: string, now: number, leaseUntil: number): Promise<boolean>;
  betweenAttempts(id: number, owner: string, now: number, leaseUntil: number, reason: string): Promise<boolean>;
  markSent(id: number, owner: string, now: number, messageId: string, coveredUntil: number): Promise<boolean>;
  finishAs(id: number, owner: string, now: number, status: FinalStatus, reason: string, coveredUntil?: number | null): Promise<boolean>;
  /** Rows with a local date on or after `date` (the scheduler's view of recent days). */
  rowsSince(date: string): Promise<Delivery[]>;
  get(key: string, date: string): Promise<Delivery | null>;
  /** The channel's last sent digest (its `coveredUntil` is where the next one starts). */
  lastSent(key: string): Promise<Delivery | null>;
  latest(key: string): Promise<Delivery | null>;
}

/** Digest subscriptions, one per channel; rows that fail the checks come back as problems, not errors. */
export interface SubscriptionRepository {
  list(): Promise<{ subscriptions: Subscription[]; problems: SubscriptionProblem[] }>;
  get(at: ChannelAddress): Promise<Subscription | SubscriptionProblem | null>;
  /** Creates or replaces the channel's subscription (clearing a pause); config rows record their config file. */
  upsert(spec: SubscriptionSpec, origin: Subscription['origin'], createdBy: string | null, now: number, configSource?: string | null): Promise<void>;
  remove(at: ChannelAddress): Promise<boolean>;
  /** Pauses a running subscription; false when it was paused already, so a pause is reported once. */
  pause(id: number, reason: string, now: number): Promise<boolean>;
  /**
   * Makes the `config` rows written by the config at `source` equal `specs`. Channels subscribed in
   * chat are `kept`, rows another config wrote are left (`otherConfig`), this config's rows it no
   * longer lists are `removed`.
   */
  syncConfig(specs: readonly SubscriptionSpec[], now: number, source?: string): Promise<ConfigSyncResult>;
}

export interface ConfigSyncResult {
  kept: string[];
  otherConfig: { channel: string; source: string }[];
  removed: string[];
}

/** What a digest reads: articles by when the store first saw them. */
export interface DigestArticles {
  /** Articles with `addedAt > since`, any order. */
  articlesAddedSince(since: number): Promise<DigestEntry[]>;
  /** The `limit` most recently added articles. */
  latestArticles(limit: number): Promise<DigestEntry[]>;
}

export interface ArticleSummary {
  id: string;
  path: string;
  title: string;
  published: string | null;
  source: string | null;
  url: string | null;
  tags: string[];
  hash: string;
  /** When the store first saw the article, epoch ms (digest windows are cut on it). */
  addedAt: number;
  updatedAt: number;
}

/**
 * The knowledge a backend holds: extractions in, search out (SearchPort, which the AskEngine asks),
 * and the content folder kept in sync. Ingest reports per-article errors and stores the others.
 */
export interface KnowledgeIndex extends DigestArticles {
  readonly readonly: boolean;
  ingestArticles(articles: readonly Article[]): Promise<{ ingested: number; skipped: number; errors: { path: string; message: string }[] }>;
  removeArticles(ids: readonly string[]): Promise<void>;
  /** Brings the index in line with the articles in `dir` (changed files by content hash). */
  syncContent(dir: string): Promise<SyncReport>;
  /** Picks up changes in `dir` while running. */
  watch(dir: string, onSync?: (report: SyncReport) => void): WatchHandle;
  listArticles(opts?: { since?: number; limit?: number }): Promise<ArticleSummary[]>;
  getExtraction(id: string): Promise<Extraction | null>;
  stats(): Promise<{ articles: number; quotes: number; facts: number; people: number }>;
  close(): void | Promise<void>;
}

/** Everything the digest side stores: what `createScheduler` and the digest commands are given. */
export interface DigestStorage {
  subscriptions: SubscriptionRepository;
  deliveries: DeliveryLedgerPort;
}
