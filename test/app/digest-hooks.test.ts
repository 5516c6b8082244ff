import { afterEach, describe, expect, it } from 'vitest';
import { createLogger, silentLogger } from '../../src/log.ts';
import { openWebStorage } from '../../src/app/web-storage.ts';
import { digestHooks } from '../../src/app/digest-hooks.ts';
import { openDb, type Db } from '../../src/store/sqlite/db.ts';
import { KnowledgeStore } from '../../src/store/sqlite/knowledge/store.ts';
import { configSchema } from '../../src/config/schema.ts';
import { ctx } from '../scheduling/helpers.ts';

const closers: (() => void)[] = [];
afterEach(() => closers.splice(0).forEach((c) => c()));

describe('digestHooks', () => {
  it('give the app digest commands and a scheduler that starts with only the console poster', async () => {
    const store = KnowledgeStore.open({ path: ':memory:' });
    const db: Db = openDb(':memory:');
    closers.push(() => store.close(), () => db.close());
    const lines: string[] = [];
    const deps = {
      config: configSchema.parse({ digest: { subscriptions: [{ platform: 'console', channel: 'news', time: '08:00' }] } }),
      store,
      db: () => db,
      webStorage: () => openWebStorage({ stateDb: () => db, logger: silentLogger, name: 'web' }),
      logger: createLogger({ level: 'warn', write: (l) => lines.push(l) }),
    };
    const commands = digestHooks.digests(deps);
    const scheduler = digestHooks.scheduler({ ...deps, posters: [] });
    expect(scheduler.name).toBe('digest scheduler');
    await scheduler.start();
    await scheduler.stop();
    // The config subscription was mirrored into the store, and no platform was reported missing.
    expect(JSON.stringify(await commands.status(ctx('news')))).toContain('Time: 08:00 Europe/London, mon-fri (from config).');
    expect(lines.join('\n')).not.toContain('not configured');
  });
});
