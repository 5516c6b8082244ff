import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../src/store/sqlite/db.ts';
import { ManualClock, type Clock } from '../../src/scheduling/clock.ts';
import { createDigestCommands } from '../../src/scheduling/commands.ts';
import { createScheduler, instanceGone, type Scheduler } from '../../src/scheduling/scheduler.ts';
import { DeliveryLedger } from '../../src/store/sqlite/deliveries.ts';
import { ctx, entry, MemorySource, MINUTE, RecordingPoster, settings, tempDbPath } from './helpers.ts';
import { sqliteDigestStorage } from '../../src/store/sqlite/digest.ts';
import type { DigestStorage } from '../../src/store/types.ts';
import { BACKENDS } from './backends.ts';

const dbs: Db[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
});

const LEASE = 10 * MINUTE;

/** One "process": its own connection to the file, its own poster and scheduler. */
function instance(path: string, name: string, clock: Clock, posterClock = () => clock.now()) {
  const db = openDb(path);
  dbs.push(db);
  const source = new MemorySource([entry('a1', Date.parse('2025-02-17T06:00:00Z'))]);
  const poster = new RecordingPoster('console', posterClock);
  const scheduler: Scheduler = createScheduler({
    storage: sqliteDigestStorage(db), source, posters: [poster], config: settings(), clock, instanceId: name, leaseMs: LEASE, postTimeoutMs: 60 * MINUTE, concurrency: 4,
  });
  const commands = createDigestCommands({ storage: sqliteDigestStorage(db), source, config: settings(), clock });
  return { db, poster, scheduler, commands };
}

async function subscribeAll(path: string, channels: string[], clock: Clock) {
  const a = instance(path, 'setup', clock);
  for (const c of channels) await a.commands.subscribe(ctx(c), { time: '08:00' });
}

/** One instance over `storage` (a connection of its own, on either backend). */
function instanceOn(storage: DigestStorage, name: string, clock: Clock) {
  const source = new MemorySource([entry('a1', Date.parse('2025-02-17T06:00:00Z'))]);
  const poster = new RecordingPoster('console', () => clock.now());
  const scheduler: Scheduler = createScheduler({ storage, source, posters: [poster], config: settings(), clock, instanceId: name, leaseMs: LEASE, postTimeoutMs: 60 * MINUTE, concurrency: 4 });
  const commands = createDigestCommands({ storage, source, config: settings(), clock });
  return { poster, scheduler, commands };
}

// What does not depend on a lease running out runs on both backends. The take-over cases below
// stay on SQLite: they jump the scheduler's manual clock past a lease, and the PostgreSQL ledger
// measures leases on the database's clock (by design), which a test cannot jump. On PostgreSQL
// they are covered with real time: test/store/postgres/ledger.test.ts, and with kill -9 of real
// processes, test/store/postgres/replicas.test.ts.
for (const backend of BACKENDS) {
  (backend.skip ? describe.skip : describe)(`exactly once on ${backend.name}${backend.skip ? ` (skipped: ${backend.skip})` : ''}`, () => {
    it('a clean restart on the same database does not post again', async () => {
      const { storages } = await backend.open(3);
      const clock = new ManualClock('2025-02-17T07:00:00Z');
      await instanceOn(storages[0]!, 'setup', clock).commands.subscribe(ctx('news'), { time: '08:00' });
      clock.set('2025-02-17T08:00:00Z');
      const first = instanceOn(storages[1]!, 'first', clock);
      expect((await first.scheduler.runDue()).sent).toBe(1);
      clock.set('2025-02-17T08:05:00Z');
      const second = instanceOn(storages[2]!, 'second', clock);
      expect((await second.scheduler.runDue()).sent).toBe(0);
      expect(second.poster.attempts).toHaveLength(0);
    });

    it('two scheduler instances on the same database post each channel once', async () => {
      const { storages } = await backend.open(3);
      const clock = new ManualClock('2025-02-17T07:00:00Z');
      const channels = Array.from({ length: 60 }, (_, i) => `ch${i}`);
      const setup = instanceOn(storages[0]!, 'setup', clock);
      for (const c of channels) await setup.commands.subscribe(ctx(c), { time: '08:00' });
      clock.set('2025-02-17T08:00:00Z');
      const a = instanceOn(storages[1]!, 'A', clock);
      const b = instanceOn(storages[2]!, 'B', clock);
      // Each post takes a real macrotask, so the two instances interleave their claims and posts.
      for (const p of [a.poster, b.poster]) {
        const post = p.post.bind(p);
        p.post = async (to, reply) => {
          await new Promise((r) => setImmediate(r));
          return post(to, reply);
        };
      }
      const [ra, rb] = await Promise.all([a.scheduler.runDue(), b.scheduler.runDue()]);
      const all = [...a.poster.posts, ...b.poster.posts].map((p) => p.to.channel).sort();
      expect(all).toEqual([...channels].sort());
      expect(ra.sent + rb.sent).toBe(60);
      // For each channel the instance that did not post it found it claimed (busy) or, reading the
      // rows later, already done (not due).
      expect(ra.busy + rb.busy + (60 - ra.due) + (60 - rb.due)).toBe(60);
      expect({ failed: ra.failed + rb.failed, unknown: ra.unknown + rb.unknown }).toEqual({ failed: 0, unknown: 0 });
      expect(ra.sent).toBeGreaterThan(0);
      expect(rb.sent).toBeGreaterThan(0);
    });

    it('the claim of an instance on this host whose process has exited is taken over at once, without waiting for its lease', async () => {
      const { storages } = await backend.open(2);
      const clock = new ManualClock('2025-02-17T07:00:00Z');
      await instanceOn(storages[0]!, 'setup', clock).commands.subscribe(ctx('news'), { time: '08:00' });
      clock.set('2025-02-17T08:00:00Z');
      // A process that has exited (it ran and was reaped), named as createScheduler names instances.
      const child = spawn(process.execPath, ['-e', '0']);
      await new Promise((r) => child.once('exit', r));
      const dead = `${hostname()}:${child.pid}:0badf00d`;
      expect(instanceGone(dead)).toBe(true);
      expect(instanceGone(`${hostname()}:${process.pid}:0badf00d`)).toBe(false);
      expect(instanceGone(`another-host:${child.pid}:0badf00d`)).toBe(false);
      const ledger = storages[0]!.deliveries;
      await ledger.claim({ key: 'console:local:news', subscriptionId: 1, date: '2025-02-17', dueAt: clock.now(), owner: dead, now: clock.now(), leaseMs: LEASE });
      const restarted = instanceOn(storages[1]!, 'restarted', clock);
      expect(await restarted.scheduler.runDue()).toMatchObject({ sent: 1 });
      expect((await ledger.get('console:local:news', '2025-02-17'))!.status).toBe('sent');
      expect(restarted.poster.posts).toHaveLength(1);
    });
  });
}

describe('exactly once per channel per local date (SQLite: one file, its locks and its processes; leases on the manual clock)', () => {
  it('two OS processes on the same database file post each channel once', async () => {
    const path = tempDbPath();
    const clock = new ManualClock('2025-02-17T07:00:00Z');
    const channels = Array.from({ length: 40 }, (_, i) => `p${i}`);
    await subscribeAll(path, channels, clock);
    const log = join(dirname(path), 'posts.log');
    writeFileSync(log, '');
    const script = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'instance.ts');
    const run = (name: string) =>
      new Promise<string>((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', 'tsx', script, path, log, '2025-02-17T08:00:00Z', name], { stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        let err = '';
        child.stdout.on('data', (d) => (out += d));
        child.stderr.on('data', (d) => (err += d));
        child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${name} exited ${code}: ${err}`))));
      });
    const outs = await Promise.all([run('P1'), run('P2')]);
    const posted = readFileSync(log, 'utf8').trim().split('\n').map((l) => l.split(' ')[1]);
    expect(posted.sort()).toEqual([...channels].sort());
    const sent = outs.map((o) => (JSON.parse(o) as { sent: number }).sent);
    expect(sent[0]! + sent[1]!).toBe(40);
    const ledger = new DeliveryLedger(openDb(path));
    expect(channels.every((c) => ledger.get(`console:local:${c}`, '2025-02-17')?.status === 'sent')).toBe(true);
  });

  it('a crash after posting but before recording it is never re-posted: the day is marked unknown', async () => {
    const path = tempDbPath();
    const clock = new ManualClock('2025-02-17T07:00:00Z');
    await subscribeAll(path, ['news'], clock);
    clock.set('2025-02-17T08:00:00Z');
    const crashed = instance(path, 'crashed', clock);
    crashed.poster.script.set('news', ['hang']); // posts, then never hears back: the process "dies"
    void crashed.scheduler.runDue();
    await new Promise((r) => setImmediate(r));
    expect(crashed.poster.posts).toHaveLength(1);

    // The restarted process, while the dead one's lease still runs: leaves the day alone.
    clock.set('2025-02-17T08:05:00Z');
    const restarted = instance(path, 'restarted', clock);
    expect(await restarted.scheduler.runDue()).toMatchObject({ sent: 0, due: 0 });
    // After the lease: the day is resolved as unknown, not posted again.
    clock.set(Date.parse('2025-02-17T08:00:00Z') + 60 * MINUTE + LEASE + MINUTE);
    expect(await restarted.scheduler.runDue()).toMatchObject({ sent: 0, unknown: 1 });
    clock.advance(MINUTE);
    expect((await restarted.scheduler.runDue()).due).toBe(0);
    expect(restarted.poster.attempts).toHaveLength(0);
    const status = JSON.stringify(await restarted.commands.status(ctx('news')));
    expect(status).toContain('2025-02-17, unknown: crashed stopped while posting');
    // The next day is posted normally.
    clock.set('2025-02-18T08:00:00Z');
    expect((await restarted.scheduler.runDue()).sent).toBe(1);
  });

  it('a crash after claiming but before posting is taken over after the lease and posted once', async () => {
    const path = tempDbPath();
    const clock = new ManualClock('2025-02-17T07:00:00Z');
    await subscribeAll(path, ['news'], clock);
    clock.set('2025-02-17T08:00:00Z');
    const db = openDb(path);
    dbs.push(db);
    // The dead instance got as far as the claim.
    new DeliveryLedger(db).claim({ key: 'console:local:news', subscriptionId: 1, date: '2025-02-17', dueAt: clock.now(), owner: 'dead', now: clock.now(), leaseMs: LEASE });
    const restarted = instance(path, 'restarted', clock);
    expect(await restarted.scheduler.runDue()).toMatchObject({ sent: 0, due: 0 });
    clock.advance(LEASE + MINUTE);
    expect(await restarted.scheduler.runDue()).toMatchObject({ sent: 1 });
    expect(restarted.poster.posts).toHaveLength(1);
  });

  it('a claim taken over after the grace window is recorded as skipped, not posted (12:00 digest, taken over at 14:30, grace 120 min)', async () => {
    const path = tempDbPath();
    const clock = new ManualClock('2025-02-17T07:00:00Z');
    const a = instance(path, 'setup', clock);
    await a.commands.subscribe(ctx('noon'), { time: '12:00' });
    clock.set('2025-02-17T12:00:00Z');
    const db = openDb(path);
    dbs.push(db);
    // The dead instance claimed at 12:00 and was never heard of again.
    new DeliveryLedger(db).claim({ key: 'console:local:noon', subscriptionId: 1, date: '2025-02-17', dueAt: clock.now(), owner: 'dead', now: clock.now(), leaseMs: 140 * MINUTE });
    clock.set('2025-02-17T14:30:00Z');
    const late = instance(path, 'late', clock);
    expect(await late.scheduler.runDue()).toMatchObject({ sent: 0, skipped: 1 });
    expect(late.poster.attempts).toHaveLength(0);
    const row = new DeliveryLedger(db).get('console:local:noon', '2025-02-17')!;
    expect(row.status).toBe('skipped');
    expect(row.reason).toBe('missed by 150 min (due Mon 17 Feb 2025, 12:00 GMT; grace 120 min), taken over from an instance that stopped');
    clock.advance(MINUTE);
    expect(await late.scheduler.runDue()).toMatchObject({ due: 0, sent: 0 });
  });

  it('a crash while waiting to retry a 429 is taken over: nothing was in flight, one post in total', async () => {
    const path = tempDbPath();
    const clock = new ManualClock('2025-02-17T07:00:00Z');
    await subscribeAll(path, ['news'], clock);
    clock.set('2025-02-17T08:00:00Z');
    // This instance's waits never end: it "dies" during its backoff.
    const stuck: Clock = { now: () => clock.now(), sleep: () => new Promise(() => {}) };
    const crashed = instance(path, 'crashed', stuck);
    crashed.poster.script.set('news', [{ ok: false, kind: 'retry', detail: 'HTTP 429', retryAfterMs: 5_000 }]);
    void crashed.scheduler.runDue();
    await new Promise((r) => setImmediate(r));
    expect(crashed.poster.attempts).toHaveLength(1);
    const other = instance(path, 'other', clock);
    clock.advance(MINUTE);
    expect((await other.scheduler.runDue()).due).toBe(0);
    clock.advance(LEASE);
    expect((await other.scheduler.runDue()).sent).toBe(1);
    expect([...crashed.poster.posts, ...other.poster.posts]).toHaveLength(1);
  });

  it('stop() during a retry wait releases the day for the next run at once', async () => {
    const path = tempDbPath();
    const clock = new ManualClock('2025-02-17T07:00:00Z');
    await subscribeAll(path, ['news'], clock);
    clock.set('2025-02-17T08:00:00Z');
    // Waits end only when the scheduler's signal aborts.
    const waiting: Clock = {
      now: () => clock.now(),
      sleep: (_ms, signal) => new Promise((r) => signal?.addEventListener('abort', () => r(), { once: true })),
    };
    const first = instance(path, 'first', waiting);
    first.poster.script.set('news', [{ ok: false, kind: 'retry', detail: 'HTTP 502' }]);
    const running = first.scheduler.runDue();
    await new Promise((r) => setImmediate(r));
    await first.scheduler.stop();
    expect((await running).released).toBe(1);
    const next = instance(path, 'next', clock);
    expect((await next.scheduler.runDue()).sent).toBe(1);
  });

  it('a database locked by another process delays the digest to the next tick, without losing or doubling it', async () => {
    const path = tempDbPath();
    const clock = new ManualClock('2025-02-17T07:00:00Z');
    await subscribeAll(path, ['news'], clock);
    clock.set('2025-02-17T08:00:00Z');
    const mine = instance(path, 'mine', clock);
    mine.db.pragma('busy_timeout = 50');
    const other = openDb(path);
    dbs.push(other);
    other.exec('BEGIN IMMEDIATE'); // another process holds the write lock
    const blocked = await mine.scheduler.runDue();
    expect(blocked).toMatchObject({ sent: 0, failed: 1 });
    expect(mine.poster.attempts).toHaveLength(0);
    other.exec('COMMIT');
    clock.advance(MINUTE);
    expect((await mine.scheduler.runDue()).sent).toBe(1);
    clock.advance(MINUTE);
    expect((await mine.scheduler.runDue()).due).toBe(0);
    expect(mine.poster.posts).toHaveLength(1);
  });
});
