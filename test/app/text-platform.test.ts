// A platform without cards (say a first Matrix or Teams adapter) gives the app only `postText`; the
// app renders its digests with the plain-text renderer. Run through the real scheduler, digest
// commands and SQLite storage, on a platform id that no other part of the code knows.
import { afterEach, describe, expect, it } from 'vitest';
import { DIGEST_LIMITS } from '../../src/adapters/console/poster.ts';
import { LIMITS, renderText } from '../../src/adapters/console/render.ts';
import { platformAdapter, type TextPlatform } from '../../src/app/platform.ts';
import type { ChannelAddress, DeliveryOutcome, DigestPoster } from '../../src/core/delivery/types.ts';
import type { Reply } from '../../src/core/reply/types.ts';
import { ManualClock } from '../../src/scheduling/clock.ts';
import { createDigestCommands } from '../../src/scheduling/commands.ts';
import { createScheduler } from '../../src/scheduling/scheduler.ts';
import { openDb, type Db } from '../../src/store/sqlite/db.ts';
import { sqliteDigestStorage } from '../../src/store/sqlite/digest.ts';
import { silentLogger } from '../../src/log.ts';
import { ctx, entry, HOUR, MemorySource, RecordingPoster, settings } from '../scheduling/helpers.ts';

/** A text-only platform: it records what it was asked to post. */
function plainPlatform(limits?: TextPlatform['limits']): TextPlatform & { sent: { to: ChannelAddress; text: string }[]; started: boolean } {
  const sent: { to: ChannelAddress; text: string }[] = [];
  return {
    sent,
    started: false,
    async start() {
      this.started = true;
    },
    async stop() {
      this.started = false;
    },
    async postText(to, text): Promise<DeliveryOutcome> {
      sent.push({ to, text });
      return { ok: true, messageId: `plain-${sent.length}` };
    },
    ...(limits ? { limits } : {}),
  };
}

const dbs: Db[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
});

describe('a platform without cards', () => {
  it('gets a digest poster from the app that posts the plain-text rendering, within its limits', async () => {
    const plain = plainPlatform();
    const adapter = platformAdapter('plain', plain);
    expect(adapter.poster.platform).toBe('plain');
    await adapter.start();
    expect(plain.started).toBe(true);
    const digest: Reply = {
      tone: 'info',
      title: 'Daily digest',
      sections: [{ heading: 'Budget', items: [{ type: 'text', text: 'The plan would cost 2.5% of GDP.' }, { type: 'link', label: 'Budget day', url: 'https://example.test/a1' }] }],
      notes: ['2 articles since yesterday.'],
      more: 0,
    };
    const to = { platform: 'plain', workspace: 'W1', channel: 'room-1' };
    expect(await adapter.poster.post(to, digest)).toEqual({ ok: true, messageId: 'plain-1' });
    expect(plain.sent).toEqual([{ to, text: renderText(digest, DIGEST_LIMITS) }]);
    expect(plain.sent[0]!.text).toBe('Daily digest\n\nBudget\nThe plan would cost 2.5% of GDP.\nBudget day <https://example.test/a1>\n\n2 articles since yesterday.');

    // Its own limits, when it has them: whole items kept, the rest counted.
    const small = plainPlatform({ ...LIMITS, items: 1 });
    await platformAdapter('plain', small).poster.post(to, digest);
    expect(small.sent[0]!.text).toBe(renderText(digest, { ...LIMITS, items: 1 }));
    expect(small.sent[0]!.text).not.toContain('Budget day');
    await adapter.stop();
    expect(plain.started).toBe(false);
  });

  it('a platform with cards keeps its own poster', () => {
    const own = new RecordingPoster('cards');
    const adapter = platformAdapter('cards', { start: async () => {}, stop: async () => {}, poster: own });
    expect(adapter.poster).toBe(own);
  });

  it('is subscribed in chat and sent its digest by the real scheduler, as plain text', async () => {
    const clock = new ManualClock('2025-02-17T07:00:00Z');
    const db = openDb(':memory:');
    dbs.push(db);
    const source = new MemorySource([entry('a1', clock.now() - HOUR, 'Budget day')]);
    const plain = plainPlatform();
    const adapter = platformAdapter('plain', plain);
    // What the scheduler handed over, to compare the text with.
    const handed: Reply[] = [];
    const poster: DigestPoster = { platform: 'plain', post: (to, r) => (handed.push(r), adapter.poster.post(to, r)) };
    const commands = createDigestCommands({ storage: sqliteDigestStorage(db), source, config: settings(), clock });
    const subscribed = await commands.subscribe(ctx('room-1', 'plain', 'W1'), { time: '08:00' });
    expect(subscribed.tone).not.toBe('error');
    const scheduler = createScheduler({ storage: sqliteDigestStorage(db), source, posters: [poster], config: settings(), clock, logger: silentLogger });
    clock.set('2025-02-17T08:00:00Z');
    const run = await scheduler.runDue();
    expect(run.sent).toBe(1);
    expect(plain.sent.map((s) => s.to)).toEqual([{ platform: 'plain', workspace: 'W1', channel: 'room-1' }]);
    expect(plain.sent[0]!.text).toBe(renderText(handed[0]!, DIGEST_LIMITS));
    expect(plain.sent[0]!.text).toContain('Budget day');
    await scheduler.stop();
  });
});
