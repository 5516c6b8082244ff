// Issue 15 item 5: a subscription made just before a crash survives it, even when the crash takes
// the -wal file with it. A real process subscribes, is killed with SIGKILL, and its -wal and -shm
// files are deleted before the database is read again.
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const CHILD = join(import.meta.dirname, 'fixtures', 'subscribe-then-hang.ts');
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function run(mode: 'init' | 'subscribe', db: string): Promise<{ code: number | null; signal: NodeJS.Signals | null; walExisted: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, mode, db], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    let walExisted = false;
    child.stdout.on('data', (d) => {
      out += String(d);
      if (out.includes('subscribed\n')) {
        walExisted = existsSync(`${db}-wal`);
        child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve({ code, signal, walExisted }));
  });
}

describe('durable subscription writes', () => {
  it('a subscription committed just before kill -9 survives the loss of the -wal file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'durable-'));
    dirs.push(dir);
    const db = join(dir, 'briefing.db');
    expect((await run('init', db)).code).toBe(0);
    const r = await run('subscribe', db);
    expect(r.signal).toBe('SIGKILL');
    // The process died holding the database open in WAL mode: its -wal file is still there.
    expect(r.walExisted).toBe(true);
    rmSync(`${db}-wal`, { force: true });
    rmSync(`${db}-shm`, { force: true });
    const read = new Database(db, { readonly: true });
    const rows = read.prepare('SELECT platform, workspace, channel, time, created_by FROM digest_subscriptions').all();
    read.close();
    expect(rows).toEqual([{ platform: 'slack', workspace: 'T1', channel: 'C42', time: '08:30', created_by: 'U1' }]);
  }, 30_000);
});
