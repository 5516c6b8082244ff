import cron from 'node-cron';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../src/store/sqlite/db.ts';
import { ManualClock } from '../../src/scheduling/clock.ts';
import { createScheduler } from '../../src/scheduling/scheduler.ts';
import { SubscriptionStore } from '../../src/store/sqlite/subscriptions.ts';
import { entry, HOUR, MemorySource, RecordingPoster, settings } from './helpers.ts';

describe('start and stop', () => {
  it('start() catches up at once, then ticks every minute with node-cron; stop() removes the task', async () => {
    const clock = new ManualClock('2025-02-17T08:30:00Z'); // started 30 minutes after the due time
    const db = openDb(':memory:');
    const poster = new RecordingPoster('console', () => clock.now());
    const scheduler = createScheduler({
      db, source: new MemorySource([entry('a1', clock.now() - HOUR)]), posters: [poster], clock, instanceId: 'cron-test',
      config: settings({ subscriptions: [{ platform: 'console', channel: 'news', time: '08:00' }] }),
    });
    await scheduler.start();
    const task = [...cron.getTasks().values()].find((t) => t.name === 'digest:cron-test');
    expect(task?.getPattern()).toBe('* * * * *');
    await scheduler.stop();
    expect([...cron.getTasks().values()].some((t) => t.name === 'digest:cron-test')).toBe(false);
    // The config subscription was created at start (08:30), so 08:00 today was not yet owed.
    expect(poster.posts).toHaveLength(0);
    const sub = new SubscriptionStore(db).list().subscriptions[0]!;
    expect(sub.activeFrom).toBe(Date.parse('2025-02-17T08:30:00Z'));
    // As after a restart: the config row has existed since yesterday, so 08:00 today is owed (30 min late, within grace).
    db.prepare('UPDATE digest_subscriptions SET updated_at = ?').run(Date.parse('2025-02-16T12:00:00Z'));
    const again = createScheduler({ db, source: new MemorySource([entry('a1', clock.now() - HOUR)]), posters: [poster], clock, instanceId: 'cron-test-2', config: settings({ subscriptions: [{ platform: 'console', channel: 'news', time: '08:00' }] }) });
    await again.start();
    await again.stop();
    expect(poster.posts.map((p) => new Date(p.at).toISOString())).toEqual(['2025-02-17T08:30:00.000Z']);
    db.close();
  });
});
