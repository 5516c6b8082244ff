// Opens the embedded SQLite database and applies each module's schema migrations.
// Modules (knowledge, subscriptions, deliveries) own their tables and register migrations here.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type Db = Database.Database;

export interface Migration {
  /** The owning module, e.g. `knowledge` or `subscriptions`. */
  module: string;
  /** 1-based, applied in order, each once. */
  version: number;
  sql: string;
}

export class StoreError extends Error {
  constructor(
    message: string,
    readonly path: string,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

/** Opens (creating if needed) the database at `path`, or an in-memory one for `:memory:`. */
export function openDb(path: string, opts: { readonly?: boolean } = {}): Db {
  if (path !== ':memory:' && !opts.readonly) mkdirSync(dirname(path), { recursive: true });
  let db: Db;
  try {
    db = new Database(path, { readonly: opts.readonly ?? false, fileMustExist: opts.readonly ?? false });
    if (!opts.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    // Reading the schema fails fast on a file that is not a SQLite database.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (err) {
    throw new StoreError(`cannot open database ${path}: ${(err as Error).message}`, path, err);
  }
  return db;
}

/** The error for a database made by a newer version of briefing (schema N > M). */
export function newerSchema(path: string, module: string, have: number, known: number): StoreError {
  return new StoreError(
    `${path} was made by a newer version of briefing (${module} schema ${have} > ${known}). ` +
      `Fix: run that newer version, or point databasePath at another file; this one was not changed.`,
    path,
  );
}

/** Applies the migrations of `module` that the database has not seen yet, in one transaction each. */
export function migrate(db: Db, migrations: readonly Migration[]): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_versions (module TEXT PRIMARY KEY, version INTEGER NOT NULL)`);
  const current = db.prepare<[string], { version: number }>('SELECT version FROM schema_versions WHERE module = ?');
  const record = db.prepare(
    'INSERT INTO schema_versions (module, version) VALUES (?, ?) ON CONFLICT(module) DO UPDATE SET version = excluded.version',
  );
  const sorted = [...migrations].sort((a, b) => a.module.localeCompare(b.module) || a.version - b.version);
  // A database a newer version has migrated further is refused before anything touches it: this
  // version would read columns it does not know about, or miss ones it expects.
  for (const module of new Set(sorted.map((m) => m.module))) {
    const known = Math.max(...sorted.filter((m) => m.module === module).map((m) => m.version));
    const have = current.get(module)?.version ?? 0;
    if (have > known) throw newerSchema(db.name, module, have, known);
  }
  for (const m of sorted) {
    const have = current.get(m.module)?.version ?? 0;
    if (m.version <= have) continue;
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.module, m.version);
    })();
  }
}

/**
 * Runs `write` in a transaction that survives a crash, even one that loses the `-wal` file:
 * committed with synchronous=FULL (the WAL is on disk before the commit returns), then checkpointed
 * into the database file. For what the articles cannot rebuild (subscriptions); the knowledge
 * store's bulk writes keep synchronous=NORMAL. Inside an outer transaction it only runs `write`
 * (the outer one decides).
 */
export function writeDurably<T>(db: Db, write: () => T): T {
  if (db.inTransaction || db.memory) return db.transaction(write)();
  const previous = db.pragma('synchronous', { simple: true }) as number;
  db.pragma('synchronous = FULL');
  try {
    const result = db.transaction(write)();
    // FULL waits (busy timeout) for readers of older snapshots, so the commit just made is copied too.
    const [r] = db.pragma('wal_checkpoint(FULL)') as { busy: number; log: number; checkpointed: number }[];
    if (r && (r.busy || r.checkpointed < r.log)) {
      // Still durable in the fsynced WAL; only the loss of the -wal file could take it now.
      process.emitWarning(`${db.name}: a durable write could not be checkpointed yet (busy readers); it is safe in the WAL`, 'BriefingStoreWarning');
    }
    return result;
  } finally {
    db.pragma(`synchronous = ${previous}`);
  }
}
