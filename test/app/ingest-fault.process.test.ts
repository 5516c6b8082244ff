// The ingest leader killed mid-ingest, with real processes: three `briefing start` replicas on one
// PostgreSQL (knowledge, feeds, leases) and one content folder, each with its own SQLite file for
// nothing shared. One replica holds the ingest lease and syncs the folder; it is killed with
// kill -9 while the sync runs. Another takes over within ttl + ttl/3 (plus slack for the shared
// 2-core machine), finishes the sync and watches the folder: every article is there once, those the
// dead leader committed are not ingested again (their rows unchanged), none has its quotes twice,
// and a replica that never led answers about an article the new leader added.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { describePg, freshDatabase } from '../pg/db.ts';

const repo = join(import.meta.dirname, '..', '..');
const TTL = 2000;
// More than two of the store's commits (500 articles each), so the kill can fall between two of them.
const N = 1100;
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

const HARBOURS = ['Port Elsin', 'Carrow Bay', 'Dunmere', 'Kessock', 'Lowhaven', 'Tarbet'];
function article(n: number): string {
  const harbour = HARBOURS[n % HARBOURS.length]!;
  return [
    '---',
    `title: "Berth ${n} at ${harbour} to reopen"`,
    `published: 2026-11-${String((n % 28) + 1).padStart(2, '0')}`,
    '---',
    `The harbour authority at ${harbour} said on Monday that berth ${n} would reopen after repairs to its quay wall.`,
    '',
    `“We expect berth ${n} to take ferries again within a week,” said Marta Quill, the harbour master.`,
    '',
    `Fishing crews have used berth ${n + 1} while the work went on.`,
    '',
  ].join('\n');
}

interface Replica {
  name: string;
  child: ChildProcess;
  out: { stdout: string; stderr: string };
  exited: Promise<void>;
}

function replica(name: string, env: Record<string, string>): Replica {
  const e: NodeJS.ProcessEnv = { ...process.env, ...env };
  for (const k of Object.keys(e)) if (/^(SLACK|DISCORD)_/.test(k)) delete e[k];
  // stdin stays open: the console adapter runs (no platform is configured) and keeps the app up.
  const child = spawn(process.execPath, [join(repo, 'bin', 'briefing.mjs'), 'start'], { cwd: repo, env: e, stdio: ['pipe', 'pipe', 'pipe'] });
  children.push(child);
  const out = { stdout: '', stderr: '' };
  child.stdout!.on('data', (d) => (out.stdout += d));
  child.stderr!.on('data', (d) => (out.stderr += d));
  return { name, child, out, exited: new Promise((r) => child.once('exit', () => r())) };
}

const LEADS = 'running content sync and feed polling on this replica';
const until = async (what: string, check: () => boolean | Promise<boolean>, ms = 60_000, every = 20) => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, every));
  }
};

describePg('the ingest leader killed mid-ingest (real processes)', () => {
  it('another replica takes over within the bound; no article lost or ingested twice; every replica answers from what it committed', async () => {
    const url = await freshDatabase('ingest_fault');
    const dir = mkdtempSync(join(tmpdir(), 'briefing-ingest-fault-'));
    const content = join(dir, 'content');
    mkdirSync(content);
    for (let n = 1; n <= N; n++) writeFileSync(join(content, `berth-${String(n).padStart(3, '0')}.md`), article(n));
    writeFileSync(join(dir, 'config.yaml'), `ingestLeaseMs: ${TTL}\n`);
    const env = (i: number) => ({
      BRIEFING_DATABASE_URL: url,
      BRIEFING_CONFIG: join(dir, 'config.yaml'),
      BRIEFING_CONTENT_DIR: content,
      BRIEFING_DB_PATH: join(dir, `replica-${i}`, 'briefing.db'),
      BRIEFING_ANSWER_WORKERS: '0',
      BRIEFING_WATCH: 'true',
      LOG_LEVEL: 'info',
    });
    const db = new pg.Pool({ connectionString: url, max: 2 });
    try {
      const count = async () => {
        try {
          return (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM articles')).rows[0]!.n;
        } catch {
          return 0; // not migrated yet
        }
      };
      const rs = [0, 1, 2].map((i) => replica(`r${i}`, env(i)));
      const leader = await (async () => {
        let found: Replica | undefined;
        await until('a leader', () => Boolean((found = rs.find((r) => r.out.stderr.includes(LEADS)))), 90_000);
        return found!;
      })();
      // Mid-ingest: once the leader has committed its first 500 articles, before it has them all.
      await until('the first commit of the sync', async () => (await count()) > 0, 180_000, 5);
      leader.child.kill('SIGKILL');
      const killedAt = performance.now();
      await leader.exited;
      const atKill = await db.query<{ id: string; updated_at: number }>('SELECT id, updated_at FROM articles');
      expect(atKill.rows.length, 'killed mid-ingest, not after it').toBeLessThan(N);
      expect(atKill.rows.length).toBeGreaterThan(0);

      const others = rs.filter((r) => r !== leader);
      let next: Replica | undefined;
      await until('a new leader', () => Boolean((next = others.find((r) => r.out.stderr.includes(LEADS)))), 30_000, 10);
      const tookMs = performance.now() - killedAt;
      expect(tookMs).toBeLessThan(TTL + TTL / 3 + 2000);
      await until(`all ${N} articles`, async () => (await count()) === N, 240_000, 100);

      // Nothing the dead leader committed was ingested again; nothing is there twice.
      const after = new Map((await db.query<{ id: string; updated_at: number }>('SELECT id, updated_at FROM articles')).rows.map((r) => [r.id, r.updated_at]));
      for (const r of atKill.rows) expect(after.get(r.id), r.id).toBe(r.updated_at);
      const paths = await db.query<{ n: number; d: number }>('SELECT count(*)::int AS n, count(DISTINCT path)::int AS d FROM articles');
      expect(paths.rows[0]).toEqual({ n: N, d: N });
      const quotes = await db.query<{ n: number; d: number }>('SELECT count(*)::int AS n, count(DISTINCT (article_id, qid))::int AS d FROM quotes');
      expect(quotes.rows[0]!.n).toBe(quotes.rows[0]!.d);
      expect(quotes.rows[0]!.n).toBeGreaterThanOrEqual(N);

      // The new leader watches the folder; a replica that never led answers about what it added.
      writeFileSync(join(content, 'late.md'), article(999).replace('Marta Quill', 'Ivo Brandt'));
      await until('the late article', async () => (await count()) === N + 1, 60_000, 100);
      const follower = others.find((r) => r !== next)!;
      expect(follower.out.stderr).not.toContain(LEADS);
      const before = follower.out.stdout.length;
      follower.child.stdin!.write('quotes from Ivo Brandt\n');
      await until('the follower’s answer', () => follower.out.stdout.slice(before).includes('berth 999'), 30_000);
      for (const r of others) r.child.stdin!.end();
      await Promise.all(others.map((r) => r.exited));
      console.log(`ingest fault: ${atKill.rows.length}/${N} articles committed when the leader was killed; new leader after ${Math.round(tookMs)} ms (ttl ${TTL})`);
    } finally {
      await db.end();
    }
  }, 500_000);
});
