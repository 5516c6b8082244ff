// vitest globalSetup: one throwaway PostgreSQL cluster for the whole run, shared by every test file
// (each file makes its own database in it, see test/pg/db.ts), stopped and deleted at the end.
// BRIEFING_TEST_DATABASE_URL points the tests at an existing server instead (a superuser URL).
// When no server can be had, the Postgres tests are skipped and the reason is printed here once.
import type { TestProject } from 'vitest/node';
import { startCluster, type PgCluster } from './cluster.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pg: { url: string } | { skip: string };
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env.BRIEFING_TEST_DATABASE_URL;
  if (external) {
    project.provide('pg', { url: external });
    return async () => {};
  }
  const res = await startCluster();
  if (!res.ok) {
    console.warn(`\n[postgres] PostgreSQL tests skipped: ${res.reason}\n`);
    project.provide('pg', { skip: res.reason });
    return async () => {};
  }
  const cluster: PgCluster = res.cluster;
  const onExit = () => void cluster.destroy();
  process.once('exit', onExit);
  project.provide('pg', { url: cluster.url });
  return async () => {
    process.off('exit', onExit);
    await cluster.destroy();
  };
}
