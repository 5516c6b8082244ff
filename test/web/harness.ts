// A briefing with the web module over a real SQLite database and the local web (FakeWeb), as the
// app assembles it, for the web tests and bench.
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

export const FIXTURES = join(import.meta.dirname, 'fixtures');
export const fixture = (name: string) => readFileSync(join(FIXTURES, name));

export interface WebHarness {
  briefing: Briefing;
  store: KnowledgeStore;
  webStore: SqliteWebStore;
  web: WebModule;
  db: Db;
  close(): Promise<void>;
}

export function openHarness(web: Record<string, unknown> = {}, extra: Partial<WebModuleOptions> = {}): WebHarness {
  const dir = mkdtempSync(join(tmpdir(), 'briefing-web-'));
  const config = configSchema.parse({ databasePath: join(dir, 'briefing.db'), web: { allow: ['127.0.0.1'], perHostPerSecond: 50, timeoutMs: 8000, addsPerUserPerMinute: 1000, ...web } });
  const store = KnowledgeStore.open({ path: config.databasePath, extract: extractArticle });
  const db = openDb(config.databasePath);
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

export function ctx(platform: ChannelContext['platform'], workspace: string, channel = 'C1', user = 'U1'): ChannelContext {
  return { platform, workspace, channel, user, canManage: true };
}
