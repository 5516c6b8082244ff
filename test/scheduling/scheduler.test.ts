import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../src/store/sqlite/db.ts';
import { ManualClock } from '../../src/scheduling/clock.ts';
import { createDigestCommands } from '../../src/scheduling/commands.ts';
import { createScheduler, type DigestSettings } from '../../src/scheduling/scheduler.ts';
import { ctx, entry, HOUR, MemorySource, MINUTE, RecordingPoster, settings } from './helpers.ts';
import { sqliteDigestStorage } from '../../src/store/sqlite/digest.ts';

const dbs: Db[] = [];
function open(path = ':memory:'): Db {
  const db = openDb(path);
  dbs.push(db);
  return db;
}
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
});

function setup(opts: { config?: DigestSettings; start?: string; path?: string } = {}) {
  const clock = new ManualClock(opts.start ?? '2025-02-17T06:00:00Z');
  const db = open(opts.path);
  const source = new MemorySource([entry('a1', clock.now() - HOUR)]);
  const poster = new RecordingPoster('console', () => clock.now());
  const config = opts.config ?? settings();
  const scheduler = createScheduler({ storage: sqliteDigestStorage(db), source, posters: [poster], config, clock, instanceId: 'one' });
  const commands = createDigestCommands({ storage: sqliteDigestStorage(db), source, config, clock });
  return { clock, db, source, poster, scheduler, commands, config };
}

describe('scheduler: posting at local time', () => {
  it('posts a subscribed channel its digest at the local time, once', async () => {
    const t = setup({ start: '2025-02-17T06:00:00Z' });
    const reply = await t.commands.subscribe(ctx('news'), { time: '08:00', timezone: 'Europe/London' });
    expect(reply.tone).toBe('info');
    t.clock.set('2025-02-17T07:59:00Z');
    expect((await t.scheduler.runDue()).sent).toBe(0);
    t.clock.set('2025-02-17T08:00:00Z');
    expect((await t.scheduler.runDue()).sent).toBe(1);
    t.clock.set('2025-02-17T08:01:00Z');
    expect((await t.scheduler.runDue()).sent).toBe(0);
    expect(t.poster.posts).toHaveLength(1);
    expect(t.poster.posts[0]!.to).toEqual({ platform: 'console', workspace: 'local', channel: 'news' });
    expect(t.poster.posts[0]!.reply.title).toBe('Daily briefing — Mon 17 Feb 2025');
    expect(t.poster.posts[0]!.reply.sections[0]!.heading).toBe('Article a1');
  });

  it('posts each channel at its own zone’s local time', async () => {
    const t = setup({ start: '2025-02-17T00:00:00Z' });
    await t.commands.subscribe(ctx('london'), { time: '08:00', timezone: 'Europe/London' });
    await t.commands.subscribe(ctx('newyork'), { time: '08:00', timezone: 'America/New_York' });
    await t.commands.subscribe(ctx('tokyo'), { time: '08:00', timezone: 'Asia/Tokyo' });
    const when: Record<string, string> = {};
    for (let m = 0; m < 24 * 60; m += 1) {
      t.clock.set(Date.parse('2025-02-17T00:00:00Z') + m * MINUTE);
      await t.scheduler.runDue();
      for (const p of t.poster.posts) when[p.to.channel] ??= new Date(p.at).toISOString();
    }
    expect(when).toEqual({
      tokyo: '2025-02-17T23:00:00.000Z', // 08:00 on the 18th in Tokyo
      london: '2025-02-17T08:00:00.000Z',
      newyork: '2025-02-17T13:00:00.000Z',
    });
    expect(t.poster.posts).toHaveLength(3);
  });

  it('keeps to the subscribed weekdays', async () => {
    const t = setup({ start: '2025-02-21T00:00:00Z' }); // a Friday
    await t.commands.subscribe(ctx('weekdays'), { time: '08:00', weekdays: [1, 2, 3, 4, 5] });
    const days: string[] = [];
    for (let d = 0; d < 7; d++) {
      t.clock.set(Date.parse('2025-02-21T08:00:00Z') + d * 24 * HOUR);
      t.source.entries.push(entry(`n${d}`, t.clock.now() - MINUTE));
      if ((await t.scheduler.runDue()).sent) days.push(new Date(t.clock.now()).toISOString().slice(0, 10));
    }
    expect(days).toEqual(['2025-02-21', '2025-02-24', '2025-02-25', '2025-02-26', '2025-02-27']);
  });
});

describe('scheduler: daylight saving', () => {
  async function postsOver(zone: string, time: string, fromUtc: string, days: number) {
    const t = setup({ start: fromUtc });
    await t.commands.subscribe(ctx('dst'), { time, timezone: zone });
    const start = Date.parse(fromUtc);
    for (let m = 0; m < days * 24 * 60; m++) {
      t.clock.set(start + m * MINUTE);
      if (m % (24 * 60) === 0) t.source.entries.push(entry(`d${m}`, t.clock.now()));
      await t.scheduler.runDue();
    }
    return t.poster.posts.map((p) => new Date(p.at).toISOString());
  }

  it('Europe/London spring forward: a skipped local time posts at the first minute after the gap, once', async () => {
    expect(await postsOver('Europe/London', '01:30', '2025-03-29T00:00:00Z', 3)).toEqual([
      '2025-03-29T01:30:00.000Z',
      '2025-03-30T01:00:00.000Z', // 02:00 BST: 01:30 never happened
      '2025-03-31T00:30:00.000Z',
    ]);
  });

  it('Europe/London fall back: a repeated local time posts once', async () => {
    expect(await postsOver('Europe/London', '01:30', '2025-10-25T00:00:00Z', 3)).toEqual([
      '2025-10-25T00:30:00.000Z',
      '2025-10-26T00:30:00.000Z', // the first 01:30 (BST); the second one is not a new day
      '2025-10-27T01:30:00.000Z',
    ]);
  });

  it('America/New_York spring forward and fall back', async () => {
    expect(await postsOver('America/New_York', '02:15', '2025-03-08T05:00:00Z', 3)).toEqual([
      '2025-03-08T07:15:00.000Z',
      '2025-03-09T07:00:00.000Z', // 03:00 EDT: 02:15 never happened
      '2025-03-10T06:15:00.000Z',
    ]);
    expect(await postsOver('America/New_York', '01:30', '2025-11-01T04:00:00Z', 3)).toEqual([
      '2025-11-01T05:30:00.000Z',
      '2025-11-02T05:30:00.000Z',
      '2025-11-03T06:30:00.000Z',
    ]);
  });

  it('an ordinary morning time is unaffected on the transition days', async () => {
    expect(await postsOver('Europe/London', '08:00', '2025-03-29T00:00:00Z', 3)).toEqual([
      '2025-03-29T08:00:00.000Z',
      '2025-03-30T07:00:00.000Z',
      '2025-03-31T07:00:00.000Z',
    ]);
  });
});

describe('scheduler: downtime and the grace window', () => {
  it('posts a digest missed within the grace window late, once', async () => {
    const t = setup({ start: '2025-02-17T06:00:00Z' });
    await t.commands.subscribe(ctx('late'), { time: '08:00' });
    t.clock.set('2025-02-17T09:45:00Z'); // down from 07:55 to 09:45
    const first = await t.scheduler.runDue();
    expect(first.sent).toBe(1);
    t.clock.set('2025-02-17T09:46:00Z');
    expect((await t.scheduler.runDue()).sent).toBe(0);
    expect(t.poster.posts.map((p) => new Date(p.at).toISOString())).toEqual(['2025-02-17T09:45:00.000Z']);
  });

  it('records a digest missed beyond the grace window as skipped and does not flood', async () => {
    const t = setup({ start: '2025-02-17T06:00:00Z' });
    await t.commands.subscribe(ctx('down'), { time: '08:00' });
    t.clock.set('2025-02-17T10:01:00Z'); // 121 minutes late
    const run = await t.scheduler.runDue();
    expect(run).toMatchObject({ sent: 0, skipped: 1 });
    expect(t.poster.posts).toHaveLength(0);
    const status = await t.commands.status(ctx('down'));
    expect(JSON.stringify(status)).toMatch(/2025-02-17, skipped: missed by 121 min/);
    // Next morning it posts as usual, once.
    t.clock.set('2025-02-18T08:00:00Z');
    expect((await t.scheduler.runDue()).sent).toBe(1);
  });

  it('after two days down posts only today’s digest', async () => {
    const t = setup({ start: '2025-02-17T06:00:00Z' });
    await t.commands.subscribe(ctx('long'), { time: '08:00' });
    t.clock.set('2025-02-19T08:30:00Z');
    const run = await t.scheduler.runDue();
    expect(run).toMatchObject({ sent: 1, skipped: 1 });
    expect(t.poster.posts).toHaveLength(1);
  });

  it('does not post a time already past when the channel subscribes', async () => {
    const t = setup({ start: '2025-02-17T09:00:00Z' });
    await t.commands.subscribe(ctx('new'), { time: '08:00' });
    expect((await t.scheduler.runDue()).sent).toBe(0);
    t.clock.set('2025-02-18T08:00:00Z');
    expect((await t.scheduler.runDue()).sent).toBe(1);
  });
});

describe('scheduler: platform errors', () => {
  it('retries a 429 after its Retry-After, then posts once', async () => {
    const t = setup({ start: '2025-02-17T08:00:00Z' });
    await t.commands.subscribe(ctx('busy'), { time: '08:00' });
    t.clock.set('2025-02-17T08:00:00Z');
    t.poster.script.set('busy', [{ ok: false, kind: 'retry', detail: 'HTTP 429 rate limited', retryAfterMs: 30_000 }]);
    const run = await t.scheduler.runDue();
    expect(run.sent).toBe(1);
    expect(t.poster.attempts).toHaveLength(2);
    expect(t.poster.posts).toHaveLength(1);
    expect(t.clock.sleeps).toEqual([30_000]);
    expect(t.poster.posts[0]!.at - t.poster.attempts[0]!.at).toBe(30_000);
  });

  it('fails a digest the platform refuses at once: no retries, and the subscription stays active', async () => {
    const t = setup({ start: '2025-02-17T08:00:00Z' });
    await t.commands.subscribe(ctx('strict'), { time: '08:00' });
    t.poster.script.set('strict', [{ ok: false, kind: 'rejected', detail: '400 50035: Invalid Form Body' }]);
    const run = await t.scheduler.runDue();
    expect(run.failed).toBe(1);
    expect(t.poster.attempts).toHaveLength(1);
    expect(t.clock.sleeps).toEqual([]);
    const status = JSON.stringify(await t.commands.status(ctx('strict')));
    expect(status).toContain('failed: console refused the digest message (400 50035: Invalid Form Body)');
    expect(status).not.toMatch(/paused/i);
  });

  it('backs off on 5xx with growing waits and gives up for the day with the reason', async () => {
    const t = setup({ start: '2025-02-17T08:00:00Z' });
    await t.commands.subscribe(ctx('down'), { time: '08:00' });
    const err = { ok: false as const, kind: 'retry' as const, detail: 'HTTP 503' };
    t.poster.script.set('down', [err, err, err, err, err, err]);
    const run = await t.scheduler.runDue();
    expect(run.failed).toBe(1);
    expect(t.poster.attempts).toHaveLength(5);
    expect(t.clock.sleeps).toEqual([2_000, 4_000, 8_000, 16_000]);
    expect(JSON.stringify(await t.commands.status(ctx('down')))).toContain('failed: gave up after 5 attempts: HTTP 503');
    t.clock.set('2025-02-17T08:30:00Z');
    expect((await t.scheduler.runDue()).due).toBe(0);
  });

  it('pauses the subscription of a channel that is gone, shows why, and stops trying', async () => {
    const t = setup({ start: '2025-02-17T08:00:00Z' });
    await t.commands.subscribe(ctx('gone'), { time: '08:00' });
    await t.commands.subscribe(ctx('fine'), { time: '08:00' });
    t.poster.script.set('gone', [{ ok: false, kind: 'channel_gone', detail: 'HTTP 404 Unknown Channel' }]);
    const run = await t.scheduler.runDue();
    expect(run).toMatchObject({ sent: 1, paused: 1 });
    const status = JSON.stringify(await t.commands.status(ctx('gone')));
    expect(status).toContain('Paused since Mon 17 Feb 2025, 08:00 GMT: the channel is gone (HTTP 404 Unknown Channel)');
    for (const day of ['2025-02-18T08:00:00Z', '2025-02-19T08:00:00Z']) {
      t.clock.set(day);
      t.source.entries.push(entry(day, t.clock.now() - HOUR));
      await t.scheduler.runDue();
    }
    expect(t.poster.attempts.filter((a) => a.to.channel === 'gone')).toHaveLength(1);
    expect(t.poster.postsTo('fine')).toHaveLength(3);
    // Subscribing again resumes it.
    const resumed = await t.commands.subscribe(ctx('gone'), { time: '08:00' });
    expect(JSON.stringify(resumed)).toContain('Resumed');
    t.clock.set('2025-02-20T08:00:00Z');
    await t.scheduler.runDue();
    expect(t.poster.postsTo('gone')).toHaveLength(1);
    expect(JSON.stringify(await t.commands.status(ctx('gone')))).not.toContain('Paused');
  });

  it('pauses on lost access too, and records an auth failure without pausing', async () => {
    const t = setup({ start: '2025-02-17T08:00:00Z' });
    await t.commands.subscribe(ctx('locked'), { time: '08:00' });
    await t.commands.subscribe(ctx('badtoken'), { time: '08:00' });
    t.poster.script.set('locked', [{ ok: false, kind: 'no_access', detail: 'not_in_channel' }]);
    t.poster.script.set('badtoken', [{ ok: false, kind: 'auth', detail: 'invalid_auth' }]);
    expect(await t.scheduler.runDue()).toMatchObject({ paused: 1, failed: 1 });
    expect(JSON.stringify(await t.commands.status(ctx('locked')))).toContain('Paused since');
    const auth = JSON.stringify(await t.commands.status(ctx('badtoken')));
    expect(auth).not.toContain('Paused');
    expect(auth).toContain("rejected the bot's credentials (invalid_auth)");
  });
});

describe('scheduler: nothing new', () => {
  async function secondDay(policy: 'skip' | 'notice' | 'repost') {
    const t = setup({ start: '2025-02-17T08:00:00Z', config: settings({ whenNothingNew: policy }) });
    await t.commands.subscribe(ctx('quiet'), { time: '08:00' });
    t.clock.set('2025-02-17T08:00:00Z');
    await t.scheduler.runDue();
    t.clock.set('2025-02-18T08:00:00Z');
    const run = await t.scheduler.runDue();
    return { t, run };
  }

  it('skip (the default) posts nothing and records it', async () => {
    const { t, run } = await secondDay('skip');
    expect(run.nothingNew).toBe(1);
    expect(t.poster.posts).toHaveLength(1);
    expect(JSON.stringify(await t.commands.status(ctx('quiet')))).toContain('2025-02-18, nothing new to post');
  });

  it('notice posts a short “nothing new”', async () => {
    const { t } = await secondDay('notice');
    expect(t.poster.posts).toHaveLength(2);
    const notice = t.poster.posts[1]!.reply;
    expect(notice.tone).toBe('info');
    expect(notice.sections[0]!.items[0]).toEqual({ type: 'text', text: 'No new articles since the last digest.' });
  });

  it('repost posts the latest again, and the next new article still comes through', async () => {
    const { t } = await secondDay('repost');
    expect(t.poster.posts).toHaveLength(2);
    expect(t.poster.posts[1]!.reply.sections[0]!.heading).toBe('Article a1');
    expect(t.poster.posts[1]!.reply.notes[0]).toMatch(/latest articles again/);
    t.source.entries.push(entry('b2', Date.parse('2025-02-18T12:00:00Z')));
    t.clock.set('2025-02-19T08:00:00Z');
    await t.scheduler.runDue();
    expect(t.poster.posts[2]!.reply.sections.map((s) => s.heading)).toEqual(['Article b2', 'Sources']);
  });

  it('a new article after a digest is in the next one, and only it', async () => {
    const t = setup({ start: '2025-02-17T08:00:00Z' });
    await t.commands.subscribe(ctx('flow'), { time: '08:00' });
    await t.scheduler.runDue();
    t.source.entries.push(entry('c3', Date.parse('2025-02-17T15:00:00Z')));
    t.clock.set('2025-02-18T08:00:00Z');
    await t.scheduler.runDue();
    expect(t.poster.posts.map((p) => p.reply.sections[0]!.heading)).toEqual(['Article a1', 'Article c3']);
  });
});
