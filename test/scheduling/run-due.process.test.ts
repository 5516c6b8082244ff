// `briefing digest --run-due` as system cron runs it: a real process each minute, at faked wall
// clock times (libfaketime), sharing the database with other runs and other configs.
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb } from '../../src/store/sqlite/db.ts';
import { SubscriptionStore } from '../../src/store/sqlite/subscriptions.ts';
import { migrateDigestTables } from '../../src/store/sqlite/state.ts';
import { FAKETIME, startBot } from './faketime.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'run-due-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'content'));
  return dir;
}

/** One cron run at `at` (faked), with `configYaml` as BRIEFING_CONFIG, or none (the repository's default config). */
async function runDue(dir: string, at: string, configYaml: string | null, configName = 'app.yaml') {
  const bot = startBot({
    at: Date.parse(at),
    speed: 1,
    tz: 'Europe/London',
    dir,
    configYaml: configYaml ?? '',
    configName,
    args: ['digest', '--run-due'],
    env: {
      BRIEFING_DB_PATH: join(dir, 'briefing.db'),
      BRIEFING_CONTENT_DIR: join(dir, 'content'),
      DIGEST_WHEN_NOTHING_NEW: 'notice',
      LOG_LEVEL: 'warn',
      ...(configYaml === null ? { BRIEFING_CONFIG: '' } : {}),
    },
  });
  const code = await bot.exited;
  return { code, out: bot.lines.join('\n') };
}

/** The subscriptions in the state file beside the knowledge database. */
const subscriptions = (dir: string) => {
  const db = openDb(join(dir, 'briefing.state.db'));
  try {
    migrateDigestTables(db);
    return new SubscriptionStore(db).list().subscriptions.map((s) => `${s.platform}:${s.workspace}:${s.channel} ${s.time} ${s.origin}`);
  } finally {
    db.close();
  }
};

describe.skipIf(FAKETIME.skip !== null)('briefing digest --run-due, real processes at faked times', () => {
  it('posts the valid config entries and names the broken one by position, exiting 3', { timeout: 180_000 }, async () => {
    const dir = tempDir();
    const config = [
      'digest:',
      '  weekdays: [1, 2, 3, 4, 5, 6, 7]',
      '  subscriptions:',
      '    - { platform: console, channel: news, time: "08:00", timezone: Europe/London }',
      '    - { platform: console, channel: ops, time: "24:61" }',
      '    - { platform: console, channel: desk, time: "08:00", timezone: UTC }',
      '',
    ].join('\n');
    // The first run (07:50) mirrors the entries; the one at 08:00 posts what is due.
    const first = await runDue(dir, '2026-06-10T06:50:00Z', config);
    expect(first.out).toContain('digest.subscriptions[1] (console:local:ops): time "24:61" is not a 24-hour HH:MM time (00:00–23:59)');
    expect(first.code).toBe(3);
    const due = await runDue(dir, '2026-06-10T07:00:05Z', config);
    expect(due.out).toContain('── digest for #news ──');
    expect(due.out).toContain('digests due 1: sent 1,');
    expect(due.out).toContain('digest.subscriptions[1] (console:local:ops)');
    expect(due.code).toBe(3);
  });

  it('a run with another config, or none, never deletes the config subscriptions the app wrote; the digest still posts', { timeout: 180_000 }, async () => {
    const dir = tempDir();
    const appConfig = ['digest:', '  weekdays: [1, 2, 3, 4, 5, 6, 7]', '  subscriptions:', '    - { platform: console, channel: news, time: "08:00", timezone: Europe/London }', ''].join('\n');
    expect((await runDue(dir, '2026-06-10T06:40:00Z', appConfig)).code).toBe(0);
    expect(subscriptions(dir)).toEqual(['console:local:news 08:00 config']);
    // A cron line without BRIEFING_CONFIG: the default config lists no subscriptions.
    expect((await runDue(dir, '2026-06-10T06:50:00Z', null)).code).toBe(0);
    expect(subscriptions(dir)).toEqual(['console:local:news 08:00 config']);
    // Due at 08:00 London: posted by whichever run comes, here one without the app's config.
    const due = await runDue(dir, '2026-06-10T07:00:05Z', null);
    expect(due.out).toContain('── digest for #news ──');
    expect(due.code).toBe(0);
    // The app's own config still owns it: dropping the entry there removes it.
    expect((await runDue(dir, '2026-06-10T07:10:00Z', 'digest:\n  subscriptions: []\n', 'other.yaml')).code).toBe(0);
    expect(subscriptions(dir)).toEqual(['console:local:news 08:00 config']); // another file's entries are not its own
    expect((await runDue(dir, '2026-06-10T07:20:00Z', appConfig.replace(/  subscriptions:[\s\S]*/, '  subscriptions: []\n'))).code).toBe(0);
    expect(subscriptions(dir)).toEqual([]);
  });
});

describe.skipIf(FAKETIME.skip !== null).concurrent('the state file: subscriptions and the ledger survive rebuilding the knowledge database', () => {
  const appConfig = ['digest:', '  weekdays: [1, 2, 3, 4, 5, 6, 7]', '  subscriptions:', '    - { platform: console, channel: news, time: "08:00", timezone: Europe/London }', ''].join('\n');

  it('"delete the file, it is rebuilt from the articles": the subscriptions and the delivery ledger are kept, nothing posts twice', { timeout: 180_000 }, async () => {
    const dir = tempDir();
    expect((await runDue(dir, '2026-06-10T06:40:00Z', appConfig)).code).toBe(0);
    const sent = await runDue(dir, '2026-06-10T07:00:05Z', appConfig);
    expect(sent.out).toContain('digests due 1: sent 1,');
    rmSync(join(dir, 'briefing.db'));
    for (const f of ['briefing.db-wal', 'briefing.db-shm']) rmSync(join(dir, f), { force: true });
    const after = await runDue(dir, '2026-06-10T07:01:05Z', appConfig);
    expect(after.code).toBe(0);
    expect(after.out).not.toContain('── digest for');
    expect(after.out).toContain('digests due 0:');
    expect(subscriptions(dir)).toEqual(['console:local:news 08:00 config']);
  });

  it('an older layout (digest tables inside the knowledge database) is moved into the state file once', { timeout: 180_000 }, async () => {
    const dir = tempDir();
    const old = openDb(join(dir, 'briefing.db'));
    migrateDigestTables(old);
    new SubscriptionStore(old).upsert({ platform: 'console', workspace: 'local', channel: 'desk', time: '08:00', timezone: 'UTC', weekdays: [1, 2, 3, 4, 5, 6, 7] }, 'command', 'U1', Date.parse('2026-06-01T00:00:00Z'));
    old.close();
    const run = await runDue(dir, '2026-06-10T08:00:05Z', appConfig);
    expect(run.out).toContain('── digest for #desk ──');
    const knowledge = openDb(join(dir, 'briefing.db'));
    const tables = knowledge.prepare(`SELECT name FROM sqlite_master WHERE name LIKE 'digest_%' AND type = 'table'`).pluck().all();
    knowledge.close();
    expect(tables).toEqual([]);
    expect(subscriptions(dir).sort()).toEqual(['console:local:desk 08:00 command', 'console:local:news 08:00 config']);
  });

  it('a knowledge database truncated to 0 bytes is refused with what happened and the fix; deleted, it is rebuilt', { timeout: 180_000 }, async () => {
    const dir = tempDir();
    expect((await runDue(dir, '2026-06-10T06:40:00Z', appConfig)).code).toBe(0);
    writeFileSync(join(dir, 'briefing.db'), '');
    for (const f of ['briefing.db-wal', 'briefing.db-shm']) rmSync(join(dir, f), { force: true });
    const refused = await runDue(dir, '2026-06-10T06:45:00Z', appConfig);
    expect(refused.code).not.toBe(0);
    expect(refused.out).toContain(`${join(dir, 'briefing.db')} is empty (0 bytes), but it held the briefing's knowledge database (seen since 2026-06-10T06:40:`);
    expect(refused.out).toContain(`it was truncated, not created, so nothing is started on it. Fix: delete it, and it is rebuilt from the articles on the next run (digest subscriptions and delivery history are kept in ${join(dir, 'briefing.state.db')})`);
    expect(statSync(join(dir, 'briefing.db')).size).toBe(0);
    rmSync(join(dir, 'briefing.db'));
    expect((await runDue(dir, '2026-06-10T06:46:00Z', appConfig)).code).toBe(0);
    expect(subscriptions(dir)).toEqual(['console:local:news 08:00 config']);
  });

  it('a state file truncated to 0 bytes is refused: its subscriptions are gone, and starting afresh would hide it', { timeout: 180_000 }, async () => {
    const dir = tempDir();
    expect((await runDue(dir, '2026-06-10T06:40:00Z', appConfig)).code).toBe(0);
    writeFileSync(join(dir, 'briefing.state.db'), '');
    for (const f of ['briefing.state.db-wal', 'briefing.state.db-shm']) rmSync(join(dir, f), { force: true });
    const refused = await runDue(dir, '2026-06-10T06:45:00Z', appConfig);
    expect(refused.code).not.toBe(0);
    expect(refused.out).toContain(`${join(dir, 'briefing.state.db')} is empty (0 bytes): the digest subscriptions and delivery history it held are gone (the file was truncated). Fix: restore it from a backup`);
    expect(statSync(join(dir, 'briefing.state.db')).size).toBe(0);
  });
});
