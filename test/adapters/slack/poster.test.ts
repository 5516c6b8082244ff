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
    posting: { channelIntervalMs: 300 },
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

  it('hands a 429 back with its Retry-After after one request: the scheduler waits, with nothing in flight', async () => {
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 30 });
    const start = fake.calls.length;
    const outcome = await poster.post(to('C0LIMIT2'), digest);
    expect(outcome).toEqual({ ok: false, kind: 'retry', detail: 'rate limited (Retry-After 30s)', retryAfterMs: 30_000 });
    expect(fake.calls.slice(start).filter((c) => c.method === 'chat.postMessage')).toHaveLength(1);
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

  // The message may be in the channel already: a second request could post it twice.
  const maybeSent: [string, Parameters<FakeSlack['failNext']>[1], RegExp][] = [
    ['a 503 after the body was sent', { status: 503 }, /^HTTP 503 Service Unavailable after the message was sent$/],
    ['a 500 after the body was sent', { status: 500 }, /^HTTP 500 Internal Server Error after the message was sent$/],
    ['a connection reset after the request was written', { reset: true }, /^network: .*the request may have reached Slack$/],
    ['Slack answering internal_error', { error: 'internal_error' }, /^Slack answered internal_error$/],
  ];
  for (const [name, failure, detail] of maybeSent) {
    it(`reports ${name} as \`unconfirmed\` after one request, never resending it`, async () => {
      fake.failNext('chat.postMessage', failure);
      const start = fake.calls.length;
      expect(await poster.post(to('C0MAYBE'), digest)).toEqual({ ok: false, kind: 'unconfirmed', detail: expect.stringMatching(detail) });
      expect(fake.calls.slice(start).filter((c) => c.method === 'chat.postMessage')).toHaveLength(1);
    });
  }

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

  it('reports a connection that could not be made as `retry`: nothing was sent', async () => {
    const dead = createSlackAdapter({
      config: { botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, port: 0, apiUrl: 'http://127.0.0.1:9/api/' },
      briefing: new FakeBriefing(),
      logger: silentLogger,
    }).poster;
    const outcome = await dead.post(to('C0NET'), digest);
    expect(outcome).toMatchObject({ ok: false, kind: 'retry', detail: expect.stringMatching(/^network: .*ECONNREFUSED|^network: fetch failed$/) });
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
