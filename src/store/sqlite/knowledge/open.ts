// Opening the knowledge database: creating and migrating it, or falling back to read-only when the
// file (or its folder, or the file system) cannot be written, with errors that name the path and
// the fix. Also the wording of "read-only, so not stored" that ingest and sync report.
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { dirname, resolve as resolvePath } from 'node:path';
import Database from 'better-sqlite3';
import { migrate, newerSchema, openDb, StoreError, type Db } from '../db.ts';
import { statePathFor, truncatedKnowledgeProblem } from '../state.ts';
import { errorText } from './context.ts';
import { knowledgeMigrations, KNOWLEDGE_MODULE } from './schema.ts';

/**
 * Opens (creating and migrating when needed) the database at `opts.path` and hands it to `make`,
 * with whether it was opened read-only. A file that is not a database throws a StoreError naming
 * the path and the fix; a read-only file opens read-only (questions still work, ingest throws).
 */
export function openKnowledgeDb<T>(opts: { path: string; readonly?: boolean }, make: (db: Db, readonly: boolean) => T): T {
  const path = opts.path;
  if (opts.readonly) return make(openReadonly(path), true);
  // A 0-byte file the state file remembers as this store was truncated: say so, do not start afresh on it.
  const truncated = truncatedKnowledgeProblem(path);
  if (truncated) throw new StoreError(truncated, path);
  // A file (or folder, for the -wal and -shm files) this process cannot write is opened read-only
  // up front: answers are served, and syncs say new content was not stored.
  if (path !== ':memory:' && existsSync(path) && !writable(path)) return make(openReadonly(path), true);
  let db: Db | null = null;
  try {
    db = openDb(path);
    // FTS inserts touch many index pages; the 2 MB default cache makes bulk ingest disk-bound.
    db.pragma('cache_size = -65536');
    db.pragma('temp_store = MEMORY');
    migrate(db, knowledgeMigrations);
    return make(db, false);
  } catch (err) {
    db?.close();
    const msg = errorText(err);
    if (/not a database|malformed|file is encrypted/i.test(msg)) {
      throw new StoreError(
        `${path} is not a usable briefing database (${msg.replace(/^cannot open database \S+: /, '')}). ` +
          `Fix: move or delete the file (it is rebuilt from the articles on the next run; digest subscriptions and delivery history are kept apart, in ${statePathFor(path)}), or point databasePath elsewhere.`,
        path,
        err,
      );
    }
    if (/readonly|read-only|EACCES|EROFS|permission/i.test(msg) && path !== ':memory:' && existsSync(path)) {
      return make(openReadonly(path), true);
    }
    if (err instanceof StoreError) throw err;
    throw new StoreError(`cannot open the knowledge store at ${path}: ${msg}`, path, err);
  }
}

function openReadonly(path: string): Db {
  if (path === ':memory:' || !existsSync(path)) {
    throw new StoreError(`cannot open ${path} read-only: the file does not exist. Fix: run once with write access to create it.`, path);
  }
  let db: Db;
  try {
    db = openDb(path, { readonly: true });
  } catch (err) {
    const msg = errorText(err);
    // A WAL database can be read in place only where its -shm file exists or can be made: a
    // read-only mount, or a folder this user cannot write, forbids both. Read a copy in memory.
    const copy = /unable to open database file|readonly/i.test(msg) ? openCopy(path) : null;
    if (copy) {
      db = copy;
    } else if (onReadOnlyFileSystem(path)) {
      throw new StoreError(
        `${path} is on a read-only file system, and SQLite cannot read a database in WAL mode there without its -shm file. ` +
          `Fix: mount it read-write, or copy it to a writable folder and point databasePath at the copy.`,
        path,
        err,
      );
    } else {
      throw new StoreError(
        `${path} cannot be opened (${msg.replace(/^cannot open database \S+: /, '')}). Fix: check the file's permissions, or move it aside to rebuild it.`,
        path,
        err,
      );
    }
  }
  const have = db
    .prepare<[string], { version: number }>(`SELECT version FROM schema_versions WHERE module = ?`)
    .get(KNOWLEDGE_MODULE)?.version ?? 0;
  const want = Math.max(...knowledgeMigrations.map((m) => m.version));
  if (have > want) {
    db.close();
    throw newerSchema(path, KNOWLEDGE_MODULE, have, want);
  }
  if (have < want) {
    db.close();
    throw new StoreError(
      `${path} is read-only and its knowledge schema is ${have ? `at version ${have}, older than ${want}` : 'missing'}. Fix: make the file writable once so it can be upgraded.`,
      path,
    );
  }
  return db;
}

/**
 * The database read into memory, read-only: its header marked as a rollback-journal database
 * (bytes 18-19), since a WAL database cannot be opened from memory. Null when it cannot be read.
 */
function openCopy(path: string): Db | null {
  try {
    const bytes = readFileSync(path);
    if (bytes.length >= 100 && bytes[18] === 2 && bytes[19] === 2) {
      bytes[18] = 1;
      bytes[19] = 1;
    }
    const db = new Database(bytes, { readonly: true });
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return db;
  } catch {
    return null;
  }
}

export function readonlyReason(path: string): string {
  if (path !== ':memory:' && onReadOnlyFileSystem(path)) {
    return `${path} is on a read-only file system (mounted read-only), so new content was not stored; answers come from a copy of it in memory. Fix: mount it read-write, or point databasePath at a writable location.`;
  }
  return `${path} is read-only, so new content was not stored; answers come from what it holds. Fix: make the file and its folder writable by this user, or point databasePath at a writable location.`;
}

/** Whether this process may write the database file and create files next to it (-wal, -shm). */
function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    accessSync(dirname(resolvePath(path)), constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function onReadOnlyFileSystem(path: string): boolean {
  try {
    accessSync(dirname(resolvePath(path)), constants.W_OK);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EROFS';
  }
}
