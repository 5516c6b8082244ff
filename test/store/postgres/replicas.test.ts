// Fault tests with real processes: three replica processes deliver 1,000 digests due at once
// through the PostgreSQL ledger to a recording HTTP server. One replica is killed with SIGKILL
// while a post is in flight; in another run the database is restarted mid-run. No channel is ever
// posted twice; every channel is settled; the in-flight post of the killed replica is `unknown`.
// (These drive the ledger directly; the scheduler itself runs on SQLite until its async store
// interface lands.)
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterEach, expect, it } from 'vitest';
import { openPostgres } from '../../../src/store/postgres/index.ts';
import { startCluster, type PgCluster } from '../../pg/cluster.ts';
import { describePg, freshDatabase } from '../../pg/db.ts';

const WORKER = fileURLToPath(new URL('./fixtures/delivery-replica.ts', import.meta.url));
const CHANNELS = 1000;
const RESTART_CHANNELS = 400;

interface Recorder {
  url: string;
  posts: Map<string, string[]>;
  total(): number;
  /** Holds (never answers) the nth post from `from`, and resolves when it arrives. */
  holdNth(from: string, n: number): Promise<string>;
  close(): Promise<void>;
}

async function recorder(): Promise<Recorder> {
  const posts = new Map<string, string[]>();
  const fromCount = new Map<string, number>();
  let hold: { from: string; n: number; arrived: (channel: string) => void } | null = null;
  let total = 0;
  const server: Server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    const channel = u.searchParams.get('channel')!;
    const from = u.searchParams.get('from')!;
    posts.set(channel, [...(posts.get(channel) ?? []), from]);
    total++;
    const n = (fromCount.get(from) ?? 0) + 1;
    fromCount.set(from, n);
    if (hold && hold.from === from && hold.n === n) {
      hold.arrived(channel);
      return; // never answered: the sender dies with this post in flight
    }
    setTimeout(() => res.writeHead(200).end(`m-${channel}`), 2);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/post`,
    posts,
    total: () => total,
    holdNth: (from, n) => new Promise((arrived) => (hold = { from, n, arrived })),
    close: () => {
      server.closeAllConnections();
      return new Promise((r) => server.close(() => r()));
    },
  };
}

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
});

function replica(url: string, postUrl: string, name: string, channels = CHANNELS): { child: ChildProcess; out: string[]; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, url, postUrl, name, String(channels)], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const out: string[] = [];
  child.stdout!.on('data', (d) => out.push(...String(d).trim().split('\n')));
  child.stderr!.on('data', (d) => out.push(`stderr: ${String(d).trim()}`));
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  return { child, out, exited };
}

async function ledgerRows(url: string): Promise<Map<string, { status: string; owner: string }>> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query<{ channel_key: string; status: string; owner: string }>('SELECT channel_key, status, owner FROM digest_deliveries');
    return new Map(rows.map((r) => [r.channel_key.replace('slack/T1/', ''), { status: r.status, owner: r.owner }]));
  } finally {
    await c.end();
  }
}

describePg('three replica processes on one PostgreSQL', () => {
  it('1,000 digests due at once, one replica killed with SIGKILL mid-post: no channel posted twice, the in-flight one unknown', async () => {
    const url = await freshDatabase('replicas_kill');
    await (await openPostgres(url)).end();
    const rec = await recorder();
    try {
      const held = rec.holdNth('r0', 40);
      const started = performance.now();
      const rs = ['r0', 'r1', 'r2'].map((n) => replica(url, rec.url, n));
      const heldChannel = await held;
      rs[0]!.child.kill('SIGKILL');
      await rs[0]!.exited;
      const codes = await Promise.all([rs[1]!.exited, rs[2]!.exited]);
      const ms = performance.now() - started;
      expect(codes, rs.flatMap((r) => r.out).join('\n')).toEqual([0, 0]);

      const rows = await ledgerRows(url);
      expect(rows.size).toBe(CHANNELS);
      const twice = [...rec.posts].filter(([, from]) => from.length > 1);
      expect(twice).toEqual([]);
      const byStatus = new Map<string, number>();
      for (const r of rows.values()) byStatus.set(r.status, (byStatus.get(r.status) ?? 0) + 1);
      expect(Object.fromEntries(byStatus)).toEqual({ sent: CHANNELS - 1, unknown: 1 });
      // The post the killed replica had in flight reached the server once, and is never re-posted.
      expect(rows.get(heldChannel.replace('slack/T1/', ''))).toEqual({ status: 'unknown', owner: 'r0' });
      expect(rec.posts.get(heldChannel)).toEqual(['r0']);
      // Every sent channel got exactly one post.
      for (const [ch, r] of rows) if (r.status === 'sent') expect(rec.posts.get(`slack/T1/${ch}`)?.length).toBe(1);
      expect(rec.total()).toBe(CHANNELS);
      expect(ms).toBeLessThan(150_000);
    } finally {
      await rec.close();
    }
  }, 180_000);

  it('PostgreSQL restarted during the run: replicas reconnect and finish, nothing posted twice', async () => {
    const started = await startCluster();
    if (!started.ok) throw new Error(started.reason);
    const cluster: PgCluster = started.cluster;
    const rec = await recorder();
    try {
      await (await openPostgres(cluster.url)).end();
      const rs = ['r0', 'r1', 'r2'].map((n) => replica(cluster.url, rec.url, n, RESTART_CHANNELS));
      await expect.poll(() => rec.total(), { timeout: 120_000, interval: 20 }).toBeGreaterThan(100);
      await cluster.stop('fast');
      await new Promise((r) => setTimeout(r, 300));
      await cluster.start();
      const codes = await Promise.all(rs.map((r) => r.exited));
      expect(codes, rs.flatMap((r) => r.out).join('\n')).toEqual([0, 0, 0]);
      expect(rs.some((r) => r.out.some((l) => l.startsWith('error')))).toBe(true);
      const rows = await ledgerRows(cluster.url);
      expect(rows.size).toBe(RESTART_CHANNELS);
      expect([...rec.posts].filter(([, from]) => from.length > 1)).toEqual([]);
      // A post whose confirmation was lost in the restart is `unknown`, never re-posted; all else sent.
      const statuses = new Set([...rows.values()].map((r) => r.status));
      expect([...statuses].every((s) => s === 'sent' || s === 'unknown')).toBe(true);
      for (const [ch, r] of rows) if (r.status === 'sent') expect(rec.posts.get(`slack/T1/${ch}`)?.length).toBe(1);
      const unknown = [...rows.values()].filter((r) => r.status === 'unknown').length;
      expect(unknown).toBeLessThanOrEqual(3);
    } finally {
      await rec.close();
      await cluster.destroy();
    }
  }, 180_000);
});
