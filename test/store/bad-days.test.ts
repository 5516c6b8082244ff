// The database's bad days (issue 15 items 8-11), with real files, real permissions, real mounts and
// real processes: a read-only database answers and says new content was not stored; a locked one
// is waited for; a full disk names the file and the fix and exits 3; a database from a newer
// version is refused; a read-only mount says so.
import Database from 'better-sqlite3';
import { spawn, execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { StoreError } from '../../src/store/sqlite/knowledge/store.ts';
import { openKnowledgeStore } from '../../src/app/knowledge.ts';

const ROOT = process.getuid?.() === 0;
const BIN = join(import.meta.dirname, '..', '..', 'bin', 'briefing.mjs');
const dirs: string[] = [];
const mounts: string[] = [];
afterEach(() => {
  for (const m of mounts.splice(0)) execFileSync('umount', ['-l', m]);
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'bad-days-'));
  dirs.push(d);
  return d;
}

function tmpfs(size: string): string {
  const m = tmp();
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0777`, 'tmpfs', m]);
  mounts.push(m);
  return m;
}

const article = (i: number, extra = '') =>
  `Report ${i}\n\nAnna Berg said: "The council approved plan number ${i} today."${extra}\n\nThe vote was held on Tuesday.\n`;

function content(n: number, extra = ''): string {
  const dir = tmp();
  for (let i = 1; i <= n; i++) writeFileSync(join(dir, `a${i}.txt`), article(i, extra));
  return dir;
}

async function ask(args: string[]) {
  let out = '';
  let err = '';
  const code = await main(['ask', ...args], { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

function run(args: string[], opts: { uid?: number } = {}): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, BRIEFING_FROM_SOURCE: '1', BRIEFING_LOG_LEVEL: 'warn' },
      ...(opts.uid !== undefined ? { uid: opts.uid, gid: opts.uid } : {}),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += String(d)));
    child.stderr.on('data', (d) => (err += String(d)));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, out, err }));
  });
}

describe('a database from a newer version (issue 15 item 11)', () => {
  it('is refused with "made by a newer version of briefing (schema N > M)", exit 3, and left untouched', async () => {
    const path = join(tmp(), 'b.db');
    openKnowledgeStore({ databasePath: path }).close();
    const raw = new Database(path);
    raw.prepare("UPDATE schema_versions SET version = 99 WHERE module = 'knowledge'").run();
    raw.close();
    expect(() => openKnowledgeStore({ databasePath: path })).toThrow(StoreError);
    expect(() => openKnowledgeStore({ databasePath: path })).toThrow(`${path} was made by a newer version of briefing (knowledge schema 99 > 4)`);
    expect(() => openKnowledgeStore({ databasePath: path, readonly: true })).toThrow('made by a newer version of briefing (knowledge schema 99 > 4)');
    const r = await ask(['what did Anna Berg say', '--db', path, '--content', content(1)]);
    expect(r.code).toBe(3);
    expect(r.err).toContain('made by a newer version of briefing (knowledge schema 99 > 4)');
    const check = new Database(path, { readonly: true });
    expect(check.prepare('SELECT count(*) AS n FROM articles').get()).toEqual({ n: 0 });
    check.close();
  });
});

describe.skipIf(!ROOT)('a read-only mount (issue 15 item 11; needs root to mount, skipped otherwise)', () => {
  it('says the file system is read-only, not "unable to open database file", and still answers', async () => {
    const m = tmpfs('4m');
    const path = join(m, 'b.db');
    const s = openKnowledgeStore({ databasePath: path });
    s.syncContent(content(2));
    s.close();
    execFileSync('mount', ['-o', 'remount,ro', m]);
    const r = await ask(['what did Anna Berg say', '--db', path, '--content', content(2)]);
    expect(r.err).not.toContain('unable to open database file');
    expect(r.code).toBe(0);
    expect(r.err).toContain(`${path} is on a read-only file system (mounted read-only), so new content was not stored; answers come from a copy of it in memory. Fix: mount it read-write`);
    expect(r.out).toContain('The council approved plan number 1 today.');
  });
});

describe.skipIf(!ROOT)('a full disk (issue 15 item 10; a real small tmpfs, needs root, skipped otherwise)', () => {
  it('names the database and the fix, exits 3, and keeps what was stored before', async () => {
    const m = tmpfs('700k');
    const path = join(m, 'b.db');
    const first = await ask(['what did Anna Berg say', '--db', path, '--content', content(1)]);
    expect(first.code).toBe(0);
    // Bodies of this size fill 700 KB long before 80 articles are stored.
    const r = await ask(['what did Anna Berg say', '--db', path, '--content', content(80, ' Filler words for the record.'.repeat(400))]);
    expect(r.code).toBe(3);
    expect(r.err).toContain(`the disk holding ${path} is full`);
    expect(r.err).toContain('Fix: free space on that disk, or point databasePath at a disk with room');
    const check = new Database(path, { readonly: true });
    expect((check.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n).toBeGreaterThanOrEqual(1);
    check.close();
  });
});

describe('a read-only database (issue 15 item 8)', () => {
  it('answers from what it holds and says new content was not stored, exit 0 (a real process without write permission)', async () => {
    const dir = tmp();
    chmodSync(dir, 0o755);
    const path = join(dir, 'b.db');
    const first = content(1);
    const s = openKnowledgeStore({ databasePath: path });
    s.syncContent(first);
    s.close();
    chmodSync(path, 0o444);
    // Root ignores file modes: run the command as `nobody`, who may read but not write the file or its folder.
    const changed = content(2);
    for (const d of [first, changed]) chmodSync(d, 0o755);
    const r = await run(['ask', 'what did Anna Berg say', '--db', path, '--content', changed], ROOT ? { uid: 65534 } : {});
    expect(r.err).not.toContain('attempt to write a readonly database');
    expect(r.code).toBe(0);
    expect(r.out).toContain('The council approved plan number 1 today.');
    expect(r.err).toContain(`${path} is read-only, so new content was not stored; answers come from what it holds.`);
  }, 30_000);
});

describe('a read-only database under briefing start (issue 15 item 8)', () => {
  it('serves answers on the console and says digests are off, exit 0, though the state file cannot be made', async () => {
    const dir = tmp();
    chmodSync(dir, 0o755);
    const path = join(dir, 'b.db');
    const first = content(1);
    const s = openKnowledgeStore({ databasePath: path });
    s.syncContent(first);
    s.close();
    chmodSync(path, 0o444);
    const changed = content(2);
    for (const d of [first, changed]) chmodSync(d, 0o755);
    // As `nobody` (root ignores modes): the folder is not writable, so b.state.db cannot be created.
    const env: NodeJS.ProcessEnv = { ...process.env, BRIEFING_FROM_SOURCE: '1', BRIEFING_DB_PATH: path, BRIEFING_CONTENT_DIR: changed, BRIEFING_WATCH: 'false', BRIEFING_ANSWER_WORKERS: '0', LOG_LEVEL: 'info' };
    for (const k of Object.keys(env)) if (/^(SLACK|DISCORD)_|^BRIEFING_DATABASE_URL$/.test(k)) delete env[k];
    const child = spawn(process.execPath, [BIN, 'start'], { env, ...(ROOT ? { uid: 65534, gid: 65534 } : {}), stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += String(d)));
    child.stderr.on('data', (d) => (err += String(d)));
    child.stdin.end('what did Anna Berg say\ndigest status\n');
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(err).not.toMatch(/unable to open database file\n|attempt to write a readonly database/);
    expect(code).toBe(0);
    expect(out).toContain('The council approved plan number 1 today.');
    expect(out).toContain('Digests are not enabled here');
    expect(err).toContain('the database is read-only: answering from what it holds; new content is not stored');
    expect(err).toContain('digests are off: the state file beside the read-only database cannot be written, so no delivery could be recorded');
    expect(err).toMatch(/info stopped\n/);
  }, 60_000);
});

describe('a locked database (issue 15 item 9)', () => {
  it('waits for another process writing for over 5 s, and two concurrent asks both answer', async () => {
    const dir = tmp();
    const path = join(dir, 'b.db');
    openKnowledgeStore({ databasePath: path }).close();
    // Another process takes the write lock for 7 s.
    const holder = spawn(process.execPath, ['-e', `
      const db = new (require(${JSON.stringify(require.resolve('better-sqlite3'))}))(${JSON.stringify(path)});
      db.exec('BEGIN IMMEDIATE'); db.exec("INSERT INTO sync_state (key, value) VALUES ('held', '1')");
      process.stdout.write('locked\\n'); setTimeout(() => { db.exec('COMMIT'); db.close(); }, 7000);`], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((r) => holder.stdout.on('data', (d) => String(d).includes('locked') && r()));
    const news = content(3);
    const [a, b] = await Promise.all([run(['ask', 'what did Anna Berg say', '--db', path, '--content', news]), run(['ask', 'what did Anna Berg say', '--db', path, '--content', news])]);
    for (const r of [a, b]) {
      expect(r.err).not.toContain('database is locked');
      expect(r.code).toBe(0);
      expect(r.out).toContain('The council approved plan number');
    }
    const check = new Database(path, { readonly: true });
    expect(check.prepare('SELECT count(*) AS n FROM articles').get()).toEqual({ n: 3 });
    check.close();
  }, 40_000);

  it('briefing start waits for another process writing for over 5 s, and serves (start must never die of it)', async () => {
    const dir = tmp();
    const path = join(dir, 'b.db');
    openKnowledgeStore({ databasePath: path }).close();
    const holder = spawn(process.execPath, ['-e', `
      const db = new (require(${JSON.stringify(require.resolve('better-sqlite3'))}))(${JSON.stringify(path)});
      db.exec('BEGIN IMMEDIATE'); db.exec("INSERT INTO sync_state (key, value) VALUES ('held', '1')");
      process.stdout.write('locked\\n'); setTimeout(() => { db.exec('COMMIT'); db.close(); }, 7000);`], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((r) => holder.stdout.on('data', (d) => String(d).includes('locked') && r()));
    const env: NodeJS.ProcessEnv = { ...process.env, BRIEFING_FROM_SOURCE: '1', BRIEFING_DB_PATH: path, BRIEFING_CONTENT_DIR: content(2), BRIEFING_WATCH: 'false', BRIEFING_ANSWER_WORKERS: '0', LOG_LEVEL: 'info' };
    for (const k of Object.keys(env)) if (/^(SLACK|DISCORD)_|^BRIEFING_DATABASE_URL$/.test(k)) delete env[k];
    const child = spawn(process.execPath, [BIN, 'start'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += String(d)));
    child.stderr.on('data', (d) => (err += String(d)));
    child.stdin.end('what did Anna Berg say\n');
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(err).not.toContain('database is locked');
    expect(code).toBe(0);
    expect(out).toContain('The council approved plan number');
    expect(err).toMatch(/info stopped\n/);
  }, 60_000);
});
