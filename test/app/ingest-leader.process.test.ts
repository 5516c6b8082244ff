// Ingest leadership with real processes on a real PostgreSQL: three replicas, one runs the ingest
// work; the leader killed with kill -9 is replaced within ttl + ttl/3 (plus start-up slack), the
// work never runs in two replicas at once (each one's heartbeat rows, on the database's clock, do
// not overlap another's), and a clean stop hands over at once.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { openPostgres } from '../../src/store/postgres/index.ts';
import { describePg, freshDatabase } from '../pg/db.ts';

const REPLICA = fileURLToPath(new URL('./fixtures/ingest-leader-replica.ts', import.meta.url));
const TTL = 1500;
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

interface Replica {
  name: string;
  child: ChildProcess;
  lines: string[];
  exited: Promise<void>;
}

function replica(url: string, name: string): Replica {
  const child = spawn(process.execPath, ['--import', 'tsx', REPLICA, url, name, String(TTL)], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const lines: string[] = [];
  let buf = '';
  child.stdout!.on('data', (d: Buffer) => {
    buf += d.toString();
    for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
      lines.push(buf.slice(0, i));
      buf = buf.slice(i + 1);
    }
  });
  child.stderr!.on('data', (d: Buffer) => process.stderr.write(`[${name}] ${d}`));
  return { name, child, lines, exited: new Promise((r) => child.once('exit', () => r())) };
}

const until = async (what: string, check: () => boolean, ms = 30_000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
};

describePg('ingest leader, real processes', () => {
  it('one of three replicas ingests; kill -9 of the leader hands over within the bound; never two at once', async () => {
    const url = await freshDatabase('ingest_leader');
    const setup = await openPostgres(url);
    await setup.query('CREATE TABLE ran (holder TEXT NOT NULL, at TIMESTAMPTZ NOT NULL)');
    const rs = ['r1', 'r2', 'r3'].map((n) => replica(url, n));
    await until('three replicas ready', () => rs.every((r) => r.lines.some((l) => l.startsWith('ready'))));
    await until('a leader', () => rs.some((r) => r.lines.includes(`lead ${r.name}`)));
    await new Promise((r) => setTimeout(r, TTL)); // long enough for a second leader to appear, if it could
    const leaders = rs.filter((r) => r.lines.includes(`lead ${r.name}`));
    expect(leaders).toHaveLength(1);
    const first = leaders[0]!;

    first.child.kill('SIGKILL');
    const killedAt = performance.now();
    await first.exited;
    const others = rs.filter((r) => r !== first);
    await until('a new leader', () => others.some((r) => r.lines.includes(`lead ${r.name}`)), 20_000);
    const took = performance.now() - killedAt;
    // ttl + ttl/3 for the row to expire and the next try; a busy 2-core machine gets 1.5 s more.
    expect(took).toBeLessThan(TTL + TTL / 3 + 1500);
    const second = others.find((r) => r.lines.includes(`lead ${r.name}`))!;
    await new Promise((r) => setTimeout(r, TTL));
    expect(others.filter((r) => r.lines.includes(`lead ${r.name}`))).toEqual([second]);

    // A clean stop releases the lease: the third replica takes over well inside a ttl.
    const stoppedAt = performance.now();
    second.child.kill('SIGTERM');
    await second.exited;
    const third = others.find((r) => r !== second)!;
    await until('the last replica leads', () => third.lines.includes(`lead ${third.name}`), 20_000);
    expect(performance.now() - stoppedAt).toBeLessThan(TTL + 1500);
    expect(second.lines.at(-1)).toBe(`stop ${second.name}`);
    await new Promise((r) => setTimeout(r, 300));

    // On the database's clock: each replica's heartbeats form one interval, and no two overlap.
    const { rows } = await setup.query<{ holder: string; first: Date; last: Date }>('SELECT holder, min(at) AS first, max(at) AS last FROM ran GROUP BY holder ORDER BY min(at)');
    expect(rows.map((r) => r.holder)).toEqual([first.name, second.name, third.name]);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.first.getTime()).toBeGreaterThan(rows[i - 1]!.last.getTime());
    third.child.kill('SIGTERM');
    await third.exited;
    await setup.end();
  }, 90_000);
});
