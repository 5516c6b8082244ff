import { describe, expect, it, vi } from 'vitest';
import { openDb } from '../../src/store/sqlite/db.ts';
import { ManualClock } from '../../src/scheduling/clock.ts';
import { createScheduler } from '../../src/scheduling/scheduler.ts';
import { everyMinute } from '../../src/scheduling/ticker.ts';
import { SubscriptionStore } from '../../src/store/sqlite/subscriptions.ts';
import { entry, HOUR, MemorySource, RecordingPoster, settings } from './helpers.ts';
import { sqliteDigestStorage } from '../../src/store/sqlite/digest.ts';

describe('start and stop', () => {
  it('start() catches up at once, without waiting for the first tick', async () => {
    const clock = new ManualClock('2025-02-17T08:30:00Z'); // started 30 minutes after the due time
    const db = openDb(':memory:');
    const poster = new RecordingPoster('console', () => clock.now());
    const scheduler = createScheduler({
      storage: sqliteDigestStorage(db), source: new MemorySource([entry('a1', clock.now() - HOUR)]), posters: [poster], clock, instanceId: 'tick-test',
      config: settings({ subscriptions: [{ platform: 'console', channel: 'news', time: '08:00' }] }),
    });
    await scheduler.start();
    await scheduler.stop();
    // The config subscription was created at start (08:30), so 08:00 today was not yet owed.
    expect(poster.posts).toHaveLength(0);
    const sub = new SubscriptionStore(db).list().subscriptions[0]!;
    expect(sub.activeFrom).toBe(Date.parse('2025-02-17T08:30:00Z'));
    // As after a restart: the config row has existed since yesterday, so 08:00 today is owed (30 min late, within grace).
    db.prepare('UPDATE digest_subscriptions SET updated_at = ?').run(Date.parse('2025-02-16T12:00:00Z'));
    const again = createScheduler({ storage: sqliteDigestStorage(db), source: new MemorySource([entry('a1', clock.now() - HOUR)]), posters: [poster], clock, instanceId: 'tick-test-2', config: settings({ subscriptions: [{ platform: 'console', channel: 'news', time: '08:00' }] }) });
    await again.start();
    await vi.waitFor(() => expect(poster.posts).toHaveLength(1));
    await again.stop();
    expect(poster.posts.map((p) => new Date(p.at).toISOString())).toEqual(['2025-02-17T08:30:00.000Z']);
    db.close();
  });
});

describe('the minute ticker', () => {
  // A wall clock 150 ms before a UTC minute, moving with real time, so the test waits a fraction of a second.
  const near = (utcMinute: string, before = 150) => {
    const offset = Date.parse(utcMinute) - before - Date.now();
    return () => Date.now() + offset;
  };

  it('ticks at the start of each UTC minute, once, whatever the local clock does', async () => {
    // 01:00 UTC on 25 Oct 2026 is when London repeats an hour; the ticker never looks at local time.
    const now = near('2026-10-25T01:00:00Z');
    const ticks: { minute: string; at: number }[] = [];
    const ticker = everyMinute((minute) => ticks.push({ minute: new Date(minute).toISOString(), at: now() }), { now });
    await new Promise((r) => setTimeout(r, 400));
    ticker.stop();
    expect(ticks.map((t) => t.minute)).toEqual(['2026-10-25T01:00:00.000Z']);
    expect(ticks[0]!.at - Date.parse('2026-10-25T01:00:00Z')).toBeGreaterThanOrEqual(0);
    expect(ticker.lastMinute).toBe(Date.parse('2026-10-25T01:00:00Z'));
  });

  it('a clock stepped back does not tick a minute twice; stop() ends the ticks', async () => {
    let offset = Date.parse('2026-03-29T00:59:59.850Z') - Date.now();
    const now = () => Date.now() + offset;
    const ticks: string[] = [];
    const ticker = everyMinute((minute) => ticks.push(new Date(minute).toISOString()), { now });
    await new Promise((r) => setTimeout(r, 300));
    // Stepped back into the minute already ticked: the timer aims at the next minute, it does not re-tick this one.
    offset -= 100;
    await new Promise((r) => setTimeout(r, 300));
    ticker.stop();
    const count = ticks.length;
    await new Promise((r) => setTimeout(r, 100));
    expect(ticks).toEqual(['2026-03-29T01:00:00.000Z']);
    expect(ticks.length).toBe(count);
  });
});
