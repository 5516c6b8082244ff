// Where the digest side keeps its state: with BRIEFING_DATABASE_URL (config.databaseUrl), the
// subscriptions and the delivery ledger are in the PostgreSQL every replica shares, so a channel
// gets one digest a day whichever replica runs the minute; without it, the SQLite state file beside
// the knowledge database (store/sqlite/state.ts), as before.
import type { Logger } from '../log.ts';
import { sharedPostgres } from '../store/postgres/shared.ts';
import { sqliteDigestStorage } from '../store/sqlite/digest.ts';
import type { Db } from '../store/sqlite/db.ts';
import type { DigestStorage } from '../store/types.ts';

export interface OpenedDigestStorage {
  storage: DigestStorage;
  /** `postgres` or `sqlite`, for the start-up log. */
  backend: 'postgres' | 'sqlite';
  /** Resolves once the storage can be used (PostgreSQL: reachable and migrated); rejects with why not. */
  ready: Promise<void>;
  close(): Promise<void>;
}

export function openDigestStorage(opts: { databaseUrl?: string | undefined; stateDb: () => Db; logger: Logger; name: string; oneShot?: boolean }): OpenedDigestStorage {
  if (!opts.databaseUrl) return { storage: sqliteDigestStorage(opts.stateDb()), backend: 'sqlite', ready: Promise.resolve(), close: async () => {} };
  const log = opts.logger.child('postgres');
  const pg = sharedPostgres(opts.databaseUrl, {
    applicationName: `briefing ${opts.name}`,
    // A one-shot command must not wait for idle connections to time out before it exits.
    allowExitOnIdle: opts.oneShot ?? false,
    onError: (err) => log.warn('idle connection lost; reconnecting on next use', { error: err.message }),
  });
  return { storage: pg.digestStorage(), backend: 'postgres', ready: pg.ready, close: () => pg.close() };
}
