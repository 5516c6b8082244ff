// Which storage the digest side gets: BRIEFING_DATABASE_URL (config.databaseUrl) puts the
// subscriptions and the ledger in PostgreSQL, shared by every replica; without it, the SQLite
// state file as before. Against the run's real PostgreSQL (skipped, with the reason, without one).
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openDigestStorage } from '../../src/app/digest-storage.ts';
import { silentLogger } from '../../src/log.ts';
import { ManualClock } from '../../src/scheduling/clock.ts';
import { createDigestCommands } from '../../src/scheduling/commands.ts';
import { openDb, type Db } from '../../src/store/sqlite/db.ts';
import { describePg, freshDatabase } from '../pg/db.ts';
import { ctx, MemorySource, settings } from '../scheduling/helpers.ts';

const dbs: Db[] = [];
afterAll(() => dbs.forEach((d) => d.close()));
const stateDb = () => {
  const db = openDb(':memory:');
  dbs.push(db);
  return db;
};

describe('digest storage without BRIEFING_DATABASE_URL', () => {
  it('is the SQLite state file', async () => {
    let opened = 0;
    const s = openDigestStorage({ databaseUrl: undefined, stateDb: () => (opened++, stateDb()), logger: silentLogger, name: 'test' });
    await s.ready;
    expect(s.backend).toBe('sqlite');
    expect(opened).toBe(1);
    expect(await s.storage.subscriptions.list()).toEqual({ subscriptions: [], problems: [] });
  });
});

describePg('digest storage with BRIEFING_DATABASE_URL', () => {
  it('keeps subscriptions in PostgreSQL, where another replica reads them, and never opens the SQLite state file', async () => {
    const url = await freshDatabase('digest_storage');
    const sqliteOpened = () => {
      throw new Error('the SQLite state file was opened');
    };
    const a = openDigestStorage({ databaseUrl: url, stateDb: sqliteOpened, logger: silentLogger, name: 'replica a' });
    const b = openDigestStorage({ databaseUrl: url, stateDb: sqliteOpened, logger: silentLogger, name: 'replica b' });
    try {
      await Promise.all([a.ready, b.ready]);
      expect(a.backend).toBe('postgres');
      const clock = new ManualClock('2025-02-17T06:00:00Z');
      const commands = createDigestCommands({ storage: a.storage, source: new MemorySource([]), config: settings(), clock });
      expect((await commands.subscribe(ctx('news'), { time: '08:30' })).title).toBe('Digest subscribed');
      const seen = (await b.storage.subscriptions.list()).subscriptions.map((s) => `${s.platform}:${s.workspace}:${s.channel} ${s.time}`);
      expect(seen).toEqual(['console:local:news 08:30']);
      const direct = new pg.Client({ connectionString: url });
      await direct.connect();
      try {
        expect((await direct.query('SELECT channel, created_by FROM digest_subscriptions')).rows).toEqual([{ channel: 'news', created_by: 'U1' }]);
      } finally {
        await direct.end();
      }
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('a database migrated by a newer version is refused before anything is read or written', async () => {
    const url = await freshDatabase('digest_newer');
    const first = openDigestStorage({ databaseUrl: url, stateDb, logger: silentLogger, name: 'first' });
    await first.ready;
    await first.close();
    const direct = new pg.Client({ connectionString: url });
    await direct.connect();
    await direct.query(`UPDATE schema_versions SET version = 99 WHERE module = 'subscriptions'`);
    await direct.end();
    const later = openDigestStorage({ databaseUrl: url, stateDb, logger: silentLogger, name: 'older build' });
    try {
      await expect(later.ready).rejects.toThrow(/migrated by a newer version of briefing \(subscriptions schema version 99; this version knows up to 2\)/);
      await expect(later.storage.subscriptions.list()).rejects.toThrow(/newer version/);
    } finally {
      await later.close();
    }
  });
});
