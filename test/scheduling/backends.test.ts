// The digest scheduler and the digest commands on each storage backend, through the same async
// interfaces: SQLite (the embedded default) and a real PostgreSQL (skipped, with the reason, only
// when the run has no server binaries; see test/pg/global-setup.ts). Each scenario runs unchanged
// on both, so a difference between the backends fails here.
import { afterAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/scheduling/clock.ts';
import { createDigestCommands } from '../../src/scheduling/commands.ts';
import { listSubscriptions } from '../../src/scheduling/list.ts';
import { createScheduler, type DigestSettings } from '../../src/scheduling/scheduler.ts';
import { openPostgres, pgDigestStorage } from '../../src/store/postgres/index.ts';
import { openDb } from '../../src/store/sqlite/db.ts';
import { sqliteDigestStorage } from '../../src/store/sqlite/digest.ts';
import type { DigestStorage } from '../../src/store/types.ts';
import { freshDatabase, pgSkipReason, pgUrl } from '../pg/db.ts';
import { ctx, entry, HOUR, MemorySource, RecordingPoster, settings } from './helpers.ts';

interface Backend {
  name: string;
  skip?: string;
  /** `replicas` views of one fresh database (separate connections on PostgreSQL), and a way to run raw SQL on it. */
  open(replicas: number): Promise<{ storages: DigestStorage[]; sql(text: string): Promise<void> }>;
}

const closers: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of closers.splice(0)) await c();
});

const BACKENDS: Backend[] = [
  {
    name: 'SQLite',
    async open(replicas) {
      const dir = (await import('./helpers.ts')).tempDbPath();
      const dbs = Array.from({ length: replicas }, () => openDb(dir));
      closers.push(() => dbs.forEach((d) => d.close()));
      return { storages: dbs.map(sqliteDigestStorage), sql: async (text) => void dbs[0]!.exec(text) };
    },
  },
  {
    name: 'PostgreSQL',
    ...(pgUrl ? {} : { skip: pgSkipReason ?? 'no PostgreSQL' }),
    async open(replicas) {
      const url = await freshDatabase('sched');
      const pools = await Promise.all(Array.from({ length: replicas }, (_, i) => openPostgres(url, { max: 4, applicationName: `replica-${i}` })));
      closers.push(async () => {
        for (const p of pools) await p.end();
      });
      return { storages: pools.map(pgDigestStorage), sql: async (text) => void (await pools[0]!.query(text)) };
    },
  },
];

for (const backend of BACKENDS) {
  const group = backend.skip ? describe.skip : describe;
  group(`digest scheduling on ${backend.name}${backend.skip ? ` (skipped: ${backend.skip})` : ''}`, () => {
    async function setup(opts: { config?: DigestSettings; start?: string; replicas?: number } = {}) {
      const clock = new ManualClock(opts.start ?? '2025-02-17T06:00:00Z');
      const { storages, sql } = await backend.open(opts.replicas ?? 1);
      const source = new MemorySource([entry('a1', clock.now() - HOUR)]);
      const poster = new RecordingPoster('console', () => clock.now());
      const config = opts.config ?? settings();
      const schedulers = storages.map((storage, i) => createScheduler({ storage, source, posters: [poster], config, clock, instanceId: `replica-${i}`, concurrency: 4 }));
      const commands = createDigestCommands({ storage: storages[0]!, source, config, clock });
      return { clock, source, poster, scheduler: schedulers[0]!, schedulers, commands, storage: storages[0]!, sql };
    }

    it('subscribes from a command, posts at the local time once, and shows it in status and the list', async () => {
      const t = await setup();
      const reply = await t.commands.subscribe(ctx('news'), { time: '08:00', timezone: 'Europe/London' });
      expect(reply.title).toBe('Digest subscribed');
      expect(JSON.stringify(reply)).toContain('Next: Mon 17 Feb 2025, 08:00 GMT');
      t.clock.set('2025-02-17T07:59:00Z');
      expect((await t.scheduler.runDue()).sent).toBe(0);
      t.clock.set('2025-02-17T08:00:00Z');
      expect((await t.scheduler.runDue()).sent).toBe(1);
      t.clock.set('2025-02-17T08:01:00Z');
      expect((await t.scheduler.runDue()).sent).toBe(0);
      expect(t.poster.posts.map((p) => p.reply.sections[0]!.heading)).toEqual(['Article a1']);
      const status = JSON.stringify(await t.commands.status(ctx('news')));
      expect(status).toContain('Last delivery: posted');
      expect(status).toContain('Next digest: Tue 18 Feb 2025, 08:00 GMT');
      const { lines, problems } = await listSubscriptions(t.storage, t.clock.now());
      expect(problems).toEqual([]);
      expect(lines).toEqual([expect.stringMatching(/^console:local:news \| 08:00 Europe\/London .* \| command \| next Tue 18 Feb 2025, 08:00 GMT \| last 2025-02-17 sent$/)]);
      // The next day's digest carries only what is new since the last one.
      t.source.entries.push(entry('a2', Date.parse('2025-02-17T12:00:00Z')));
      t.clock.set('2025-02-18T08:00:00Z');
      expect((await t.scheduler.runDue()).sent).toBe(1);
      expect(t.poster.posts.map((p) => p.reply.sections[0]!.heading)).toEqual(['Article a1', 'Article a2']);
      expect(t.poster.posts[1]!.reply.sections.map((s) => s.heading)).not.toContain('Article a1');
    });

    it('three replicas due at the same instant: each of 60 channels gets exactly one post', async () => {
      const t = await setup({ replicas: 3 });
      for (let i = 0; i < 60; i++) await t.commands.subscribe(ctx(`c${i}`), { time: '08:00' });
      t.clock.set('2025-02-17T08:00:00Z');
      const runs = await Promise.all(t.schedulers.map((s) => s.runDue()));
      expect(runs.reduce((n, r) => n + r.sent, 0)).toBe(60);
      // The others found each channel claimed (busy) or, starting later, already done (not due).
      for (const r of runs) expect({ failed: r.failed, unknown: r.unknown, skipped: r.skipped, released: r.released, due: r.due }).toEqual({ failed: 0, unknown: 0, skipped: 0, released: 0, due: r.sent + r.busy });
      const per = new Map<string, number>();
      for (const p of t.poster.posts) per.set(p.to.channel, (per.get(p.to.channel) ?? 0) + 1);
      expect(per.size).toBe(60);
      expect([...per.values()].every((n) => n === 1)).toBe(true);
    });

    it('mirrors config subscriptions: keeps chat ones, leaves another config’s, removes dropped ones', async () => {
      const t = await setup();
      await t.commands.subscribe(ctx('chat'), { time: '09:00' });
      const withTwo = createScheduler({
        storage: t.storage, source: t.source, posters: [t.poster], clock: t.clock,
        config: settings({ subscriptions: [{ platform: 'console', channel: 'desk', time: '07:30' }, { platform: 'console', channel: 'chat', time: '07:00' }] }),
        configSource: 'a.yaml',
      });
      expect(await withTwo.syncConfig()).toEqual([]);
      await createScheduler({
        storage: t.storage, source: t.source, posters: [t.poster], clock: t.clock,
        config: settings({ subscriptions: [{ platform: 'console', channel: 'other', time: '06:00' }, { platform: 'console', channel: 'desk', time: '05:00' }] }),
        configSource: 'b.yaml',
      }).syncConfig();
      const rows = async () => (await t.storage.subscriptions.list()).subscriptions.map((s) => `${s.channel} ${s.time} ${s.origin}`).sort();
      // 'chat' stays as set in chat; 'desk' stays as a.yaml set it (b.yaml may not take it over).
      expect(await rows()).toEqual(['chat 09:00 command', 'desk 07:30 config', 'other 06:00 config']);
      const unsub = await t.commands.unsubscribe(ctx('desk'));
      expect(unsub.title).toBe('This channel’s digest is set in the config');
      const sync = await t.storage.subscriptions.syncConfig([], t.clock.now(), 'a.yaml');
      expect(sync).toEqual({ kept: [], otherConfig: [], removed: ['console:local:desk'] });
      expect(await rows()).toEqual(['chat 09:00 command', 'other 06:00 config']);
    });

    it('a channel that is gone pauses its subscription (shown in status); subscribing again resumes it', async () => {
      const t = await setup();
      await t.commands.subscribe(ctx('gone'), { time: '08:00' });
      t.poster.script.set('gone', [{ ok: false, kind: 'channel_gone', detail: 'channel_not_found' }]);
      t.clock.set('2025-02-17T08:00:00Z');
      expect((await t.scheduler.runDue()).paused).toBe(1);
      const status = JSON.stringify(await t.commands.status(ctx('gone')));
      expect(status).toContain('Paused since');
      expect(status).toContain('the channel is gone (channel_not_found)');
      t.clock.set('2025-02-18T08:00:00Z');
      expect((await t.scheduler.runDue()).due).toBe(0);
      const again = await t.commands.subscribe(ctx('gone'), { time: '08:00' });
      expect(JSON.stringify(again)).toContain('Resumed (it was paused: the channel is gone (channel_not_found))');
      t.clock.set('2025-02-19T08:00:00Z');
      expect((await t.scheduler.runDue()).sent).toBe(1);
    });

    it('a row damaged by hand is reported by where it is, and the other channels still get their digest', async () => {
      const t = await setup();
      await t.commands.subscribe(ctx('good'), { time: '08:00' });
      await t.commands.subscribe(ctx('bad'), { time: '08:00' });
      await t.sql(`UPDATE digest_subscriptions SET timezone = 'Mars/Olympus' WHERE channel = 'bad'`);
      t.clock.set('2025-02-17T08:00:00Z');
      const run = await t.scheduler.runDue();
      expect(run.sent).toBe(1);
      expect(run.problems).toEqual([{ where: expect.stringMatching(/^database row \d+ \(digest_subscriptions\)$/), channel: 'console:local:bad', message: expect.stringContaining('Mars/Olympus') }]);
      expect(t.poster.posts.map((p) => p.to.channel)).toEqual(['good']);
      const status = await t.commands.status(ctx('bad'));
      expect(status.title).toBe('This channel’s digest subscription is damaged');
    });

    it('an unconfirmed post is recorded as unknown and never sent again, on every replica', async () => {
      const t = await setup({ replicas: 2 });
      await t.commands.subscribe(ctx('shaky'), { time: '08:00' });
      t.poster.script.set('shaky', [{ ok: false, kind: 'unconfirmed', detail: 'socket closed after send' }]);
      t.clock.set('2025-02-17T08:00:00Z');
      expect((await t.schedulers[0]!.runDue()).unknown).toBe(1);
      t.clock.set('2025-02-17T08:05:00Z');
      const second = await t.schedulers[1]!.runDue();
      expect(second.sent + second.due).toBe(0);
      expect(t.poster.attempts).toHaveLength(1);
      expect(JSON.stringify(await t.commands.status(ctx('shaky')))).toContain('unknown: console did not confirm the post');
    });
  });
}
