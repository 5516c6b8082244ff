import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { openDb } from '../../src/store/sqlite/db.ts';
import { migrateDigestTables } from '../../src/store/sqlite/state.ts';
import { SubscriptionStore } from '../../src/store/sqlite/subscriptions.ts';

let dir: string;
const saved = { ...process.env };
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'digest-cli-'));
  writeFileSync(join(dir, 'config.yaml'), 'digest:\n  subscriptions: []\n');
  Object.assign(process.env, { BRIEFING_DB_PATH: join(dir, 'b.db'), BRIEFING_CONFIG: join(dir, 'config.yaml'), BRIEFING_CONTENT_DIR: 'content', LOG_LEVEL: 'silent' });
});
afterEach(() => {
  process.env = { ...saved };
});

async function run(...args: string[]) {
  let out = '';
  let err = '';
  const code = await main(['digest', ...args], { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('briefing digest', () => {
  it('--preview prints the digest of the latest articles', async () => {
    const r = await run('--preview');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Daily briefing — /);
    expect(r.out).toContain('Keir Starmer warns Donald Trump not to turn his back on Ukraine');
    expect(r.out).toContain("What's next");
  });

  it('--run-due posts a due console digest once and exits', async () => {
    const db = openDb(join(dir, 'b.db'));
    migrateDigestTables(db);
    const now = Date.now();
    const due = new Date(now - 5 * 60_000);
    const hhmm = `${String(due.getUTCHours()).padStart(2, '0')}:${String(due.getUTCMinutes()).padStart(2, '0')}`;
    new SubscriptionStore(db).upsert({ platform: 'console', workspace: 'local', channel: 'news', time: hhmm, timezone: 'UTC', weekdays: [1, 2, 3, 4, 5, 6, 7] }, 'command', 'test', now - 3_600_000);
    db.close();
    const first = await run('--run-due');
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    expect(first.out).toContain('── digest for #news ──');
    expect(first.out).toContain('sent 1');
    const second = await run('--run-due');
    expect(second.out).not.toContain('── digest for');
    expect(second.out).toContain('digests due 0');
    const list = await run('--list');
    expect(list.out).toMatch(/^console:local:news \| \d\d:\d\d UTC daily \| command \| next .* \| last \d{4}-\d\d-\d\d sent/);
  });

  it('rejects bad arguments with the usage', async () => {
    const r = await run('--preview', '--channel', 'nowhere');
    expect(r.code).toBe(2);
    expect(r.err).toContain('expected platform:workspace:channel');
    expect((await run()).err).toContain('usage: briefing digest');
  });
});
