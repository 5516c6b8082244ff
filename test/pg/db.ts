// The tests' way to PostgreSQL: the cluster of the run (test/pg/global-setup.ts) and a fresh,
// empty database per call, dropped when the file's tests end.
import pg from 'pg';
import { afterAll, describe, inject } from 'vitest';

const provided = inject('pg');

/** The superuser URL of the run's cluster, or undefined when Postgres tests are skipped. */
export const pgUrl: string | undefined = 'url' in provided ? provided.url : undefined;
export const pgSkipReason: string | undefined = 'skip' in provided ? provided.skip : undefined;

/** `describe` for suites that need PostgreSQL: skipped, with the reason in its name, when there is none. */
export function describePg(name: string, fn: () => void): void {
  if (pgUrl) describe(name, fn);
  else describe.skip(`${name} (skipped: ${pgSkipReason})`, fn);
}

let counter = 0;
const created: string[] = [];

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Creates an empty database and returns its URL; it is dropped after the file's tests. */
export async function freshDatabase(label = 'test'): Promise<string> {
  if (!pgUrl) throw new Error(`no PostgreSQL for tests: ${pgSkipReason}`);
  const name = `t_${label.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}_${process.pid}_${++counter}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  created.push(name);
  return withDatabase(pgUrl, name);
}

afterAll(dropCreated);

async function dropCreated(): Promise<void> {
  if (!pgUrl) return;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  try {
    for (const name of created.splice(0)) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
