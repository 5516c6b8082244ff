// Digest delivery through chat.postMessage: payload, per-channel pacing, 429 Retry-After, and
// Slack's errors as typed DeliveryOutcomes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReply } from '../../../src/adapters/slack/blocks.ts';
import { createSlackAdapter } from '../../../src/adapters/slack/index.ts';
import type { ChannelAddress } from '../../../src/core/delivery/types.ts';
import type { Reply } from '../../../src/core/reply/types.ts';
import { silentLogger } from '../../../src/log.ts';
import { FakeBriefing, TROOPS_QUOTE } from '../../fakes/slack-briefing.ts';
import { startFakeSlack, type FakeSlack } from '../../fakes/slack.ts';
import { BOT_TOKEN, SIGNING_SECRET } from './harness.ts';

const digest: Reply = { tone: 'answer', title: 'Morning briefing — Mon 17 Feb', sections: [{ heading: 'Quotes', items: [TROOPS_QUOTE] }], notes: ['1 new article since yesterday.'], more: 0 };
const to = (channel: string): ChannelAddress => ({ platform: 'slack', workspace: 'T0FAKE01', channel });

let fake: FakeSlack;
let poster: ReturnType<typeof createSlackAdapter>['poster'];
beforeAll(async () => {
  fake = await startFakeSlack();
  // Not started: delivery needs only the Web API, so the scheduler can post before (or without) the listener.
  poster = createSlackAdapter({
    config: { botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, port: 0, apiUrl: fake.apiUrl },
    briefing: new FakeBriefing(),
    logger: silentLogger,
    posting: { channelIntervalMs: 300, backoffMs: 20, maxRateLimitWaitMs: 2000 },
  }).poster;
});
afterAll(async () => {
  await fake.close();
});

describe('digest delivery', () => {
  it('posts blocks and the text fallback with chat.postMessage and returns the ts', async () => {
    const outcome = await poster.post(to('C0DIGEST'), digest);
    const call = fake.callsTo('chat.postMessage').at(-1)!;
    const expected = renderReply(digest, { purpose: 'digest' });
    expect(call.body).toEqual({ channel: 'C0DIGEST', text: expected.text, blocks: expected.blocks, unfurl_links: 'false', unfurl_media: 'false' });
    expect(call.headers.authorization).toBe(`Bearer ${BOT_TOKEN}`);
    expect(outcome).toEqual({ ok: true, messageId: expect.stringMatching(/^\d{10}\.\d+$/) });
    expect(outcome).toEqual({ ok: true, messageId: call.response!.ts });
  });

  it('spaces messages to one channel but not across channels', async () => {
    const start = fake.calls.length;
    await Promise.all([poster.post(to('C0PACE'), digest), poster.post(to('C0PACE'), digest), poster.post(to('C0OTHER'), digest)]);
    const posts = fake.calls.slice(start).filter((c) => c.method === 'chat.postMessage');
    const pace = posts.filter((c) => c.body.channel === 'C0PACE');
    const other = posts.find((c) => c.body.channel === 'C0OTHER')!;
    expect(pace).toHaveLength(2);
    expect(pace[1]!.at - pace[0]!.at).toBeGreaterThanOrEqual(290);
    expect(other.at).toBeLessThan(pace[1]!.at); // another channel does not wait its turn
  });

  it('honours Retry-After on a 429 and then succeeds', async () => {
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    const start = fake.calls.length;
    const outcome = await poster.post(to('C0LIMIT'), digest);
    const posts = fake.calls.slice(start).filter((c) => c.method === 'chat.postMessage');
    expect(posts).toHaveLength(2);
    expect(posts[1]!.at - posts[0]!.at).toBeGreaterThanOrEqual(990);
    expect(outcome.ok).toBe(true);
  });

  it('hands a long Retry-After back to the caller instead of blocking', async () => {
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 30 });
    const outcome = await poster.post(to('C0LIMIT2'), digest);
    expect(outcome).toEqual({ ok: false, kind: 'retry', detail: 'rate limited (Retry-After 30s)', retryAfterMs: 30_000 });
  });

  const cases: [string, Parameters<FakeSlack['failNext']>[1], object][] = [
    ['not_in_channel', { error: 'not_in_channel' }, { ok: false, kind: 'no_access', detail: 'not_in_channel' }],
    ['channel_not_found', { error: 'channel_not_found' }, { ok: false, kind: 'channel_gone', detail: 'channel_not_found' }],
    ['is_archived', { error: 'is_archived' }, { ok: false, kind: 'channel_gone', detail: 'is_archived' }],
    ['invalid_auth', { error: 'invalid_auth' }, { ok: false, kind: 'auth', detail: 'invalid_auth' }],
    ['token_revoked', { error: 'token_revoked' }, { ok: false, kind: 'auth', detail: 'token_revoked' }],
    ['missing_scope', { error: 'missing_scope' }, { ok: false, kind: 'auth', detail: 'missing_scope (needs scope chat:write)' }],
  ];
  for (const [name, failure, outcome] of cases) {
    it(`reports ${name} as a typed outcome without retrying`, async () => {
      fake.failNext('chat.postMessage', failure);
      const start = fake.calls.length;
      expect(await poster.post(to(`C0${name.toUpperCase()}`), digest)).toEqual(outcome);
      expect(fake.calls.slice(start).filter((c) => c.method === 'chat.postMessage')).toHaveLength(1);
    });
  }

  it('retries a 5xx, then reports `retry` with the status', async () => {
    fake.failNext('chat.postMessage', { status: 503 }, 3);
    const start = fake.calls.length;
    expect(await poster.post(to('C0DOWN'), digest)).toEqual({ ok: false, kind: 'retry', detail: 'HTTP 503 Service Unavailable' });
    expect(fake.calls.slice(start).filter((c) => c.method === 'chat.postMessage')).toHaveLength(3);
  });

  it('recovers when a 5xx passes', async () => {
    fake.failNext('chat.postMessage', { status: 500 });
    expect((await poster.post(to('C0BLIP'), digest)).ok).toBe(true);
  });

  it('falls back to plain text when Slack refuses the blocks', async () => {
    fake.failNext('chat.postMessage', { error: 'invalid_blocks' });
    const start = fake.calls.length;
    const outcome = await poster.post(to('C0BLOCKS'), digest);
    const posts = fake.calls.slice(start).filter((c) => c.method === 'chat.postMessage');
    expect(outcome.ok).toBe(true);
    expect(posts[1]!.body.blocks).toBeUndefined();
    expect(posts[1]!.body.text).toBe(renderReply(digest, { purpose: 'digest' }).text);
  });

  it('reports `rejected` when Slack refuses the text fallback too, without retrying it', async () => {
    fake.failNext('chat.postMessage', { error: 'invalid_blocks' });
    fake.failNext('chat.postMessage', { error: 'msg_too_long' });
    const start = fake.calls.length;
    expect(await poster.post(to('C0LONG'), digest)).toEqual({ ok: false, kind: 'rejected', detail: 'msg_too_long' });
    expect(fake.calls.slice(start).filter((c) => c.method === 'chat.postMessage')).toHaveLength(2);
  });

  it('reports a network failure as `retry`', async () => {
    const dead = createSlackAdapter({
      config: { botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, port: 0, apiUrl: 'http://127.0.0.1:9/api/' },
      briefing: new FakeBriefing(),
      logger: silentLogger,
      posting: { backoffMs: 5, retries: 1 },
    }).poster;
    const outcome = await dead.post(to('C0NET'), digest);
    expect(outcome).toMatchObject({ ok: false, kind: 'retry', detail: expect.stringMatching(/^network: /) });
  });

  it('cuts a long digest within the block limit and points to /brief for the rest', async () => {
    const { manyQuotes } = await import('../../fakes/slack-briefing.ts');
    expect((await poster.post(to('C0LONG'), manyQuotes(80))).ok).toBe(true);
    const call = fake.callsTo('chat.postMessage').at(-1)!;
    expect(call.body.blocks.length).toBeLessThanOrEqual(50);
    expect(call.body.blocks.at(-1)).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', verbatim: true, text: '_62 more results not shown: ask with `/brief` for the rest._' }] });
  });

  it('refuses an address for another platform', async () => {
    expect(await poster.post({ platform: 'discord', workspace: 'g', channel: '1' }, digest)).toMatchObject({ ok: false, kind: 'channel_gone' });
  });
});
