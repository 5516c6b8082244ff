// Issue 15 item 12 (Slack): `digest subscribe` where a digest can never arrive is refused at once,
// with what to do, instead of "Digest subscribed … Next: …" and a silent pause at the first
// delivery. The real Bolt app, the real command executor and digest commands, the fake Slack's
// conversations.info.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SLACK_DELIVERY_PROBLEMS } from '../../../src/adapters/slack/handlers.ts';
import { createBriefing } from '../../../src/core/commands/briefing.ts';
import { createDigestCommands } from '../../../src/scheduling/commands.ts';
import { openDb, type Db } from '../../../src/store/sqlite/db.ts';
import { MemoryKnowledge } from '../../core/commands/memory-knowledge.ts';
import { sendSlashCommand } from '../../fakes/slack-signing.ts';
import { MemorySource, settings } from '../../scheduling/helpers.ts';
import { SIGNING_SECRET, startHarness, type Harness } from './harness.ts';
import { sqliteDigestStorage } from '../../../src/store/sqlite/digest.ts';

let h: Harness;
let db: Db;
beforeAll(async () => {
  db = openDb(':memory:');
  const digests = createDigestCommands({ storage: sqliteDigestStorage(db), source: new MemorySource([]), config: settings() });
  h = await startHarness({ briefing: createBriefing({ knowledge: new MemoryKnowledge(), digests }) });
  h.fake.channelInfo.set('C0NOTIN', { is_member: false });
  h.fake.channelInfo.set('C0OLDONE', { is_archived: true, is_member: true });
  h.fake.channelInfo.set('D0PEOPLE', 'not_found');
  h.fake.channelInfo.set('D0MYOWN1', { is_im: true, is_channel: false, is_member: undefined });
});
afterAll(async () => {
  await h?.close();
  db?.close();
});

async function subscribe(channel_id: string) {
  const response_url = h.fake.respondUrl();
  await sendSlashCommand(h.eventsUrl, { text: 'digest subscribe 08:30 Europe/London', channel_id, response_url }, { secret: SIGNING_SECRET });
  const answer = await h.fake.waitForCall('respond', (c) => c.path === new URL(response_url).pathname);
  const info = h.fake.callsTo('conversations.info').filter((c) => c.body.channel === channel_id);
  const stored = db.prepare('SELECT count(*) AS n FROM digest_subscriptions WHERE channel = ?').get(channel_id) as { n: number };
  return { text: answer.body.text as string, checked: info.length, stored: stored.n };
}

describe('subscribe-time delivery checks on Slack', () => {
  it('refuses a channel the bot is not in, saying to invite it, and stores nothing', async () => {
    const r = await subscribe('C0NOTIN');
    expect(r.checked).toBe(1);
    expect(r.text).toContain('Invite me with /invite @briefing, then subscribe again.');
    expect(r.text).not.toMatch(/Digest subscribed/);
    expect(r.stored).toBe(0);
  });

  it('refuses a DM between people (Slack cannot even show it to the bot)', async () => {
    const r = await subscribe('D0PEOPLE');
    expect(r.text).toContain(SLACK_DELIVERY_PROBLEMS.cannotSee);
    expect(r.stored).toBe(0);
  });

  it('refuses an archived channel', async () => {
    const r = await subscribe('C0OLDONE');
    expect(r.text).toContain(SLACK_DELIVERY_PROBLEMS.archived);
    expect(r.stored).toBe(0);
  });

  it('subscribes a channel the bot is in, and the direct message with the bot', async () => {
    const a = await subscribe('C0MEMBER');
    expect(a.text).toMatch(/^Digest subscribed/);
    expect(a.stored).toBe(1);
    const b = await subscribe('D0MYOWN1');
    expect(b.text).toMatch(/^Digest subscribed/);
    expect(b.stored).toBe(1);
  });

  it('subscribes unchecked (and logs why) when Slack cannot say', async () => {
    h.fake.failNext('conversations.info', { error: 'missing_scope' });
    const r = await subscribe('C0NOSCOPE');
    expect(r.text).toMatch(/^Digest subscribed/);
    expect(h.logs.some((l) => l.includes('subscribing unchecked') && l.includes('missing_scope'))).toBe(true);
  });
});
