// The state file: digest subscriptions and the delivery ledger, kept in their own SQLite file beside
// the knowledge database (`data/briefing.db` -> `data/briefing.state.db`). The knowledge database
// can be rebuilt from the articles, and the fix for a damaged one is to delete it; what people
// subscribed to and what was already posted cannot be rebuilt, so it must not live in that file.
import Database from 'better-sqlite3';
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { migrate, openDb, StoreError, type Db, type Migration } from './db.ts';
import { deliveryMigrations } from './deliveries.ts';
import { subscriptionMigrations } from './subscriptions.ts';

const stateMigrations: Migration[] = [
  {
    module: 'state',
    version: 1,
    sql: `CREATE TABLE state_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);`,
  },
];

const DIGEST_TABLES = ['digest_subscriptions', 'digest_deliveries'] as const;

/** The digest tables' migrations, for any database that holds them. */
export function migrateDigestTables(db: Db): void {
  migrate(db, [...subscriptionMigrations, ...deliveryMigrations]);
}

/** `data/briefing.db` -> `data/briefing.state.db`; `:memory:` stays in memory. */
export function statePathFor(databasePath: string): string {
  if (databasePath === ':memory:') return databasePath;
  const ext = extname(databasePath);
  return join(dirname(databasePath), `${basename(databasePath, ext)}.state${ext || '.db'}`);
}

/**
 * Opens (creating when needed) the state file that belongs to the knowledge database at
 * `databasePath`. Made for the first time, it takes over the digest tables an older version kept in
 * the knowledge database. A state file of 0 bytes is refused: its subscriptions are gone, and
 * starting afresh on it would hide that.
 */
export function openStateDb(databasePath: string): Db {
  const path = statePathFor(databasePath);
  if (path !== ':memory:' && existsSync(path) && statSync(path).size === 0) {
    throw new StoreError(
      `${path} is empty (0 bytes): the digest subscriptions and delivery history it held are gone (the file was truncated). ` +
        `Fix: restore it from a backup; or delete it to start with no digest subscriptions (channels subscribe again with /brief digest subscribe).`,
      path,
    );
  }
  const db = openDb(path);
  try {
    migrate(db, stateMigrations);
    migrateDigestTables(db);
    if (path !== ':memory:') {
      if (!meta(db, 'created')) adoptLegacyTables(db, databasePath);
      if (!meta(db, 'knowledge_seen') && hasKnowledgeSchema(databasePath)) setMeta(db, 'knowledge_seen', new Date().toISOString());
    }
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/**
 * When the knowledge database at `path` is an empty file but the state file beside it remembers it
 * holding the knowledge schema, the file was truncated (not made new): say so instead of quietly
 * starting an empty store on it. Returns null when there is nothing to object to.
 */
export function truncatedKnowledgeProblem(path: string): string | null {
  if (path === ':memory:' || !existsSync(path) || statSync(path).size !== 0) return null;
  const statePath = statePathFor(path);
  if (!existsSync(statePath) || statSync(statePath).size === 0) return null;
  let seen: string | null = null;
  try {
    const db = new Database(statePath, { readonly: true, fileMustExist: true });
    try {
      seen = (db.prepare(`SELECT value FROM state_meta WHERE key = 'knowledge_seen'`).pluck().get() as string | undefined) ?? null;
    } finally {
      db.close();
    }
  } catch {
    return null; // an unreadable state file is reported when it is opened
  }
  if (!seen) return null;
  return (
    `${path} is empty (0 bytes), but it held the briefing's knowledge database (seen since ${seen}): it was truncated, not created, so nothing is started on it. ` +
    `Fix: delete it, and it is rebuilt from the articles on the next run (digest subscriptions and delivery history are kept in ${statePath}); or restore it from a backup.`
  );
}

function meta(db: Db, key: string): string | null {
  return (db.prepare('SELECT value FROM state_meta WHERE key = ?').pluck().get(key) as string | undefined) ?? null;
}

function setMeta(db: Db, key: string, value: string): void {
  db.prepare('INSERT INTO state_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}

function hasKnowledgeSchema(path: string): boolean {
  if (!existsSync(path) || statSync(path).size === 0) return false;
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    try {
      return db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_versions'`).get() !== undefined
        && db.prepare(`SELECT 1 FROM schema_versions WHERE module = 'knowledge'`).get() !== undefined;
    } finally {
      db.close();
    }
  } catch {
    return false;
  }
}

/**
 * Moves the digest tables of an older layout (inside the knowledge database) into the new state
 * file: copied in one transaction here, then dropped from the knowledge database, so they live in
 * exactly one place. A crash between the two leaves a copy in both; the state file's wins (it is
 * marked created) and nothing reads the leftovers again.
 */
function adoptLegacyTables(state: Db, knowledgePath: string): void {
  const legacy = existsSync(knowledgePath) && statSync(knowledgePath).size > 0 ? openDb(knowledgePath) : null;
  try {
    const present = legacy ? DIGEST_TABLES.filter((t) => legacy.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(t)) : [];
    if (legacy && present.length > 0) {
      // Bring the old tables to the current columns first, then copy by name.
      migrateDigestTables(legacy);
      state.exec(`ATTACH DATABASE ${sqlString(knowledgePath)} AS legacy`);
      try {
        state.transaction(() => {
          for (const table of DIGEST_TABLES) {
            const cols = (state.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[]).map((c) => `"${c}"`).join(', ');
            state.exec(`DELETE FROM main.${table}; INSERT INTO main.${table} (${cols}) SELECT ${cols} FROM legacy.${table};`);
          }
          setMeta(state, 'created', new Date().toISOString());
          setMeta(state, 'adopted_from', knowledgePath);
        })();
      } finally {
        state.exec('DETACH DATABASE legacy');
      }
    } else {
      setMeta(state, 'created', new Date().toISOString());
    }
    if (legacy) dropLegacyTables(legacy);
  } finally {
    legacy?.close();
  }
}

function dropLegacyTables(legacy: Db): void {
  legacy.transaction(() => {
    for (const table of DIGEST_TABLES) legacy.exec(`DROP TABLE IF EXISTS ${table}`);
    if (legacy.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_versions'`).get())
      legacy.prepare(`DELETE FROM schema_versions WHERE module IN ('subscriptions', 'deliveries')`).run();
  })();
}

function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}
