// Issue 15 item 13: Slack refuses blocks that meet every documented limit but are too long in
// total (`msg_blocks_too_long`, at about 13,000 characters). That is a refusal, not a passing
// error: the digest goes out as several messages, in order, nothing lost and nothing repeated.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS, renderReply } from '../../../src/adapters/slack/blocks.ts';
import { createSlackAdapter } from '../../../src/adapters/slack/index.ts';
import type { QuoteItem, Reply } from '../../../src/core/reply/types.ts';
import { silentLogger } from '../../../src/log.ts';
import { FakeBriefing, TROOPS_QUOTE } from '../../fakes/slack-briefing.ts';
import { blocksText, startFakeSlack, type FakeSlack } from '../../fakes/slack.ts';
import { BOT_TOKEN, SIGNING_SECRET } from './harness.ts';

const LIMIT = 13_000;
// A digest at the limits: as many quotes as one message's 50 blocks hold, each near a section's 3,000 characters.
const quote = (i: number): QuoteItem => ({ ...TROOPS_QUOTE, text: `Quote ${i}: ` + 'we will stand by our commitments '.repeat(85).trim() });
const digest: Reply = { tone: 'answer', title: 'Morning briefing — Mon 17 Feb', sections: [{ heading: 'Quotes', items: Array.from({ length: 22 }, (_, i) => quote(i + 1)) }], notes: ['22 new articles since yesterday.'], more: 0 };

let fake: FakeSlack;
let poster: ReturnType<typeof createSlackAdapter>['poster'];
beforeAll(async () => {
  fake = await startFakeSlack({ blocksTextLimit: LIMIT });
  poster = createSlackAdapter({
    config: { botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, port: 0, apiUrl: fake.apiUrl },
    briefing: new FakeBriefing(),
    logger: silentLogger,
    posting: { channelIntervalMs: 0 },
  }).poster;
});
afterAll(async () => {
  await fake.close();
});

describe('msg_blocks_too_long', () => {
  it('splits a digest at the limits over several messages instead of resending the same blocks', async () => {
    const whole = renderReply(digest, { purpose: 'digest' });
    expect(whole.blocks.length).toBeLessThanOrEqual(LIMITS.blocks);
    expect(blocksText(whole.blocks)).toBeGreaterThan(LIMIT);
    const start = fake.calls.length;
    const outcome = await poster.post({ platform: 'slack', workspace: 'T0FAKE01', channel: 'C0LIMITS' }, digest);
    const posts = fake.calls.slice(start).filter((c) => c.method === 'chat.postMessage');
    expect(posts[0]!.response).toEqual({ ok: false, error: 'msg_blocks_too_long' });
    const delivered = posts.slice(1);
    expect(delivered.every((p) => p.response?.ok === true)).toBe(true);
    expect(delivered.length).toBeGreaterThan(1);
    expect(outcome).toEqual({ ok: true, messageId: String(delivered[0]!.response!.ts) });
    // Every block once, in order, and each message within the limits.
    expect(delivered.flatMap((p) => p.body.blocks)).toEqual(whole.blocks);
    for (const p of delivered) {
      expect(blocksText(p.body.blocks)).toBeLessThanOrEqual(LIMIT);
      expect(p.body.blocks.length).toBeLessThanOrEqual(LIMITS.blocks);
      expect(p.body.channel).toBe('C0LIMITS');
    }
    expect(delivered[0]!.body.text).toBe(whole.text);
    expect(delivered[1]!.body.text).toBe(`Morning briefing — Mon 17 Feb (continued, 2 of ${delivered.length})`);
  });

  it('sends the plain-text fallback when a part is refused as well', async () => {
    fake.blocksTextLimit = 10; // nothing with blocks gets through
    try {
      const start = fake.calls.length;
      const outcome = await poster.post({ platform: 'slack', workspace: 'T0FAKE01', channel: 'C0TEXT' }, digest);
      const posts = fake.calls.slice(start).filter((c) => c.method === 'chat.postMessage');
      expect(posts).toHaveLength(3);
      expect(posts[2]!.body.blocks).toBeUndefined();
      expect(posts[2]!.body.text).toBe(renderReply(digest, { purpose: 'digest' }).text);
      expect(outcome.ok).toBe(true);
    } finally {
      fake.blocksTextLimit = LIMIT;
    }
  });
});
