// A briefing with the web module over a real database and the local web (FakeWeb), as the app
// assembles it, for the web tests and bench. `openHarness` keeps the web tables in SQLite;
// `openHarnessOn(WEB_BACKENDS[i])` puts them (and the digest subscriptions and ledger) in the run's
// PostgreSQL instead, with the knowledge store still in SQLite, as a replica has them today.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { knowledgeOver } from '../../src/app/asking.ts';
import { configSchema } from '../../src/config/schema.ts';
import { createBriefing } from '../../src/core/commands/briefing.ts';
import type { Briefing, ChannelContext } from '../../src/core/commands/types.ts';
import { extractArticle } from '../../src/core/extract/index.ts';
import { silentLogger } from '../../src/log.ts';
import { migrate, openDb, type Db } from '../../src/store/sqlite/db.ts';
import { KnowledgeStore } from '../../src/store/sqlite/knowledge/store.ts';
import { createDigestCommands } from '../../src/scheduling/commands.ts';
import { digestArticles, sqliteDigestStorage } from '../../src/store/sqlite/digest.ts';
import { SqliteWebStore, sqliteDigestVisibility, sqliteVisibility, webMigrations } from '../../src/store/sqlite/web.ts';
import { createWebModule, type WebModule, type WebModuleOptions } from '../../src/web/index.ts';
import { openPostgres, pgDigestStorage, type Pool } from '../../src/store/postgres/index.ts';
import { PgWebStore, pgWebVisibility } from '../../src/store/postgres/web.ts';
import type { WebStore } from '../../src/store/web.ts';
import { freshDatabase, pgSkipReason, pgUrl } from '../pg/db.ts';

export const FIXTURES = join(import.meta.dirname, 'fixtures');
export const fixture = (name: string) => readFileSync(join(FIXTURES, name));

export interface WebHarness {
  briefing: Briefing;
  store: KnowledgeStore;
  webStore: WebStore;
  /** The PostgreSQL pool when the web tables are there. */
  pool?: Pool;
  web: WebModule;
  db: Db;
  close(): Promise<void>;
}

export interface WebBackend {
  name: 'SQLite' | 'PostgreSQL';
  /** Why the backend is skipped in this run (no PostgreSQL server). */
  skip?: string;
}

export const WEB_BACKENDS: WebBackend[] = [{ name: 'SQLite' }, { name: 'PostgreSQL', ...(pgUrl ? {} : { skip: pgSkipReason ?? 'no PostgreSQL' }) }];

export function openHarness(web: Record<string, unknown> = {}, extra: Partial<WebModuleOptions> = {}): WebHarness {
  const { config, store, db } = openParts(web);
  migrate(db, webMigrations);
  const webStore = new SqliteWebStore(db);
  const module = createWebModule({ config: config.web, knowledge: store, store: webStore, logger: silentLogger, ...extra });
  // The digest commands as the app has them: each channel's digest through sqliteDigestVisibility.
  const digests = createDigestCommands({ storage: sqliteDigestStorage(db), source: digestArticles(store), config, visibility: sqliteDigestVisibility(db) });
  const briefing = createBriefing({ knowledge: knowledgeOver(store, { wordnet: false }), web: module.commands, digests, visibility: sqliteVisibility(db) });
  return {
    briefing,
    store,
    webStore,
    web: module,
    db,
    async close() {
      await module.stop();
      store.close();
      db.close();
    },
  };
}

/** The harness on `backend`: on PostgreSQL, a fresh database of the run's cluster. */
export async function openHarnessOn(backend: WebBackend, web: Record<string, unknown> = {}, extra: Partial<WebModuleOptions> = {}): Promise<WebHarness> {
  if (backend.name === 'SQLite') return openHarness(web, extra);
  const { config, store, db } = openParts(web);
  const pool = await openPostgres(await freshDatabase('web'), { max: 4 });
  const webStore = new PgWebStore(pool);
  const seen = pgWebVisibility(pool);
  await seen.ready;
  webStore.onChange = () => seen.refresh();
  const module = createWebModule({ config: config.web, knowledge: store, store: webStore, logger: silentLogger, ...extra });
  const digests = createDigestCommands({ storage: pgDigestStorage(pool), source: digestArticles(store), config, visibility: seen.digestVisibility });
  const briefing = createBriefing({ knowledge: knowledgeOver(store, { wordnet: false }), web: module.commands, digests, visibility: seen.visibility });
  return {
    briefing,
    store,
    webStore,
    pool,
    web: module,
    db,
    async close() {
      await module.stop();
      await seen.close();
      await pool.end();
      store.close();
      db.close();
    },
  };
}

function openParts(web: Record<string, unknown>) {
  const dir = mkdtempSync(join(tmpdir(), 'briefing-web-'));
  const config = configSchema.parse({ databasePath: join(dir, 'briefing.db'), web: { allow: ['127.0.0.1'], perHostPerSecond: 50, timeoutMs: 8000, addsPerUserPerMinute: 1000, ...web } });
  const store = KnowledgeStore.open({ path: config.databasePath, extract: extractArticle });
  const db = openDb(config.databasePath);
  return { config, store, db };
}

export function ctx(platform: ChannelContext['platform'], workspace: string, channel = 'C1', user = 'U1'): ChannelContext {
  return { platform, workspace, channel, user, canManage: true };
}
