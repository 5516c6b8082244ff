// Where the web module keeps its links and feeds, and where the visibility rules (whose articles a
// command or a digest may see) read them: with BRIEFING_DATABASE_URL (config.databaseUrl), in the
// PostgreSQL every replica shares, so a feed added on one replica is polled once and its articles
// are scoped the same on all; without it, the SQLite state file, as before.
import type { ChannelVisibilityFor, VisibilityFor } from '../core/commands/visibility.ts';
import type { Logger } from '../log.ts';
import { sharedPostgres } from '../store/postgres/shared.ts';
import { migrate, type Db } from '../store/sqlite/db.ts';
import { SqliteWebStore, sqliteDigestVisibility, sqliteVisibility, webMigrations } from '../store/sqlite/web.ts';
import type { WebStore } from '../store/web.ts';

export interface OpenedWebStorage {
  backend: 'postgres' | 'sqlite';
  /** The store (SQLite: its tables are migrated on this first call). */
  store(): WebStore;
  /** Answers: what a workspace may see. */
  visibility: VisibilityFor;
  /** Digests: what one channel's digest may carry. */
  digestVisibility: ChannelVisibilityFor;
  /** Resolves once the rules can be read (PostgreSQL: reachable, migrated, first snapshot loaded). */
  ready: Promise<void>;
  close(): Promise<void>;
}

export function openWebStorage(opts: { databaseUrl?: string | undefined; stateDb: () => Db; logger: Logger; name: string; oneShot?: boolean }): OpenedWebStorage {
  if (!opts.databaseUrl) {
    let store: SqliteWebStore | null = null;
    const db = opts.stateDb();
    return {
      backend: 'sqlite',
      store: () => {
        if (!store) {
          migrate(db, webMigrations);
          store = new SqliteWebStore(db);
        }
        return store;
      },
      visibility: sqliteVisibility(db),
      digestVisibility: sqliteDigestVisibility(db),
      ready: Promise.resolve(),
      close: async () => {},
    };
  }
  const log = opts.logger.child('postgres');
  const pg = sharedPostgres(opts.databaseUrl, {
    applicationName: `briefing ${opts.name}`,
    allowExitOnIdle: opts.oneShot ?? false,
    onError: (err) => log.warn('web tables: connection lost; reconnecting', { error: err.message }),
  });
  // A one-shot command reads the snapshot once; a running bot hears each replica's writes.
  const { store, view } = pg.web({ listen: !opts.oneShot });
  return {
    backend: 'postgres',
    store: () => store,
    visibility: view.visibility,
    digestVisibility: view.digestVisibility,
    ready: view.ready,
    async close() {
      await view.close();
      await pg.close();
    },
  };
}
