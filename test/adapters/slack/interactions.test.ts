// @mentions answered in a thread, and the "Share in channel" button, over HTTP against the fake.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReply } from '../../../src/adapters/slack/blocks.ts';
import { mentionEvent, sendAction, sendEvent, shareActionPayload } from '../../fakes/slack-signing.ts';
import { mrkdwnTexts, SIGNING_SECRET, startHarness, type Harness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

let seq = 0;
async function mention(text: string, over: { thread_ts?: string; channel?: string } = {}) {
  const ts = `1700001000.${String(++seq).padStart(6, '0')}`;
  const res = await sendEvent(h.eventsUrl, mentionEvent({ text, ts, ...over }), { secret: SIGNING_SECRET });
  return { res, ts };
}

describe('app mentions', () => {
  it('answers a plain question as `ask`, in a thread under the mention', async () => {
    const { res, ts } = await mention('<@UBOTFAKE1> what did Starmer say about troops');
    expect(res.status).toBe(200);
    const post = await h.fake.waitForCall('chat.postMessage', (c) => c.body.thread_ts === ts);
    expect(h.briefing.calls.at(-1)!.input).toBe('ask what did Starmer say about troops');
    expect(h.briefing.calls.at(-1)!.ctx).toEqual({ platform: 'slack', workspace: 'T0FAKE01', channel: 'C0GENERAL', user: 'U0ASKER1', canManage: true });
    const reply = await h.briefing.run('ask what did Starmer say about troops', h.briefing.calls.at(-1)!.ctx);
    const expected = renderReply(reply);
    expect(post.body).toEqual({ team_id: 'T0FAKE01', channel: 'C0GENERAL', thread_ts: ts, text: expected.text, blocks: expected.blocks, unfurl_links: 'false', unfurl_media: 'false' });
    expect(post.headers.authorization).toMatch(/^Bearer xoxb-/);
  });

  it('keeps command words as they are and replies in the existing thread', async () => {
    await mention('<@UBOTFAKE1> quotes Starmer', { thread_ts: '1699999999.000001' });
    const post = await h.fake.waitForCall('chat.postMessage', (c) => c.body.thread_ts === '1699999999.000001');
    expect(h.briefing.calls.at(-1)!.input).toBe('quotes Starmer');
    expect(post.body.text).toMatch(/^Quotes — Starmer/);
  });

  it('a bare mention gets help; pings in the question stay inert', async () => {
    const a = await mention('<@UBOTFAKE1>');
    const help = await h.fake.waitForCall('chat.postMessage', (c) => c.body.thread_ts === a.ts);
    expect(help.body.text).toMatch(/^Briefing commands/);

    const b = await mention('<@UBOTFAKE1> did <!channel> hear &lt;!here&gt; from <@U123>?');
    const post = await h.fake.waitForCall('chat.postMessage', (c) => c.body.thread_ts === b.ts);
    expect(h.briefing.calls.at(-1)!.input).toBe('ask did @channel hear <!here> from @U123?');
    for (const t of mrkdwnTexts(post.body)) expect(t).not.toMatch(/<[!@#]/);
  });

  it('shows an error only to the asker, as an ephemeral message in the thread', async () => {
    const { ts } = await mention('<@UBOTFAKE1> who');
    const eph = await h.fake.waitForCall('chat.postEphemeral', (c) => c.body.thread_ts === ts);
    expect(eph.body).toMatchObject({ channel: 'C0GENERAL', user: 'U0ASKER1', thread_ts: ts });
    expect(eph.body.text).toBe('who needs more\nUsage: /brief who &lt;person&gt;\nTell me who to look up.');
    expect(h.fake.callsTo('chat.postMessage').some((c) => c.body.thread_ts === ts)).toBe(false);
  });

  it('answers a redelivered mention (Slack retry) only once', async () => {
    const body = mentionEvent({ text: '<@UBOTFAKE1> facts', ts: '1700003000.000001' });
    await sendEvent(h.eventsUrl, body, { secret: SIGNING_SECRET });
    await h.fake.waitForCall('chat.postMessage', (c) => c.body.thread_ts === '1700003000.000001');
    const retry = await sendEvent(h.eventsUrl, body, { secret: SIGNING_SECRET });
    expect(retry.status).toBe(200);
    await new Promise((r) => setTimeout(r, 200));
    expect(h.fake.callsTo('chat.postMessage').filter((c) => c.body.thread_ts === '1700003000.000001')).toHaveLength(1);
  });

  it('logs a failed thread reply (invalid_auth) and keeps serving', async () => {
    h.fake.failNext('chat.postMessage', { error: 'invalid_auth' });
    const a = await mention('<@UBOTFAKE1> help');
    await h.fake.waitForCall('chat.postMessage', (c) => c.body.thread_ts === a.ts);
    await waitUntil(() => h.logs.some((l) => l.includes('mention reply failed') && l.includes('"kind":"auth"')));
    const b = await mention('<@UBOTFAKE1> help');
    const ok = await h.fake.waitForCall('chat.postMessage', (c) => c.body.thread_ts === b.ts);
    expect(ok.body.text).toMatch(/^Briefing commands/);
  });
});

describe('Share in channel', () => {
  async function share(value: string) {
    const response_url = h.fake.respondUrl();
    const path = new URL(response_url).pathname;
    const res = await sendAction(h.eventsUrl, shareActionPayload({ value, response_url, channel: 'C0SHARE' }), { secret: SIGNING_SECRET });
    return { res, path };
  }

  it('posts the same answer into the channel, credited to the sharer, and removes the ephemeral one', async () => {
    const before = h.fake.callsTo('chat.postMessage').length;
    const { res, path } = await share('ask what did Starmer say about troops');
    expect(res.status).toBe(200);
    const del = await h.fake.waitForCall('respond', (c) => c.path === path);
    expect(del.body).toEqual({ delete_original: true });
    const post = h.fake.callsTo('chat.postMessage').slice(before).find((c) => c.body.channel === 'C0SHARE')!;
    const reply = await h.briefing.run('ask what did Starmer say about troops', h.briefing.calls.at(-1)!.ctx);
    const expected = renderReply(reply, { byline: '<@U0ASKER1> shared `/brief ask what did Starmer say about troops`' });
    expect(post.body).toEqual({ team_id: 'T0FAKE01', channel: 'C0SHARE', text: expected.text, blocks: expected.blocks, unfurl_links: 'false', unfurl_media: 'false' });
    expect(post.body.blocks.some((b: any) => b.type === 'actions')).toBe(false);
  });

  it('keeps an error private instead of sharing it', async () => {
    const before = h.fake.callsTo('chat.postMessage').length;
    const { path } = await share('ask boom');
    const answer = await h.fake.waitForCall('respond', (c) => c.path === path);
    expect(answer.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(answer.body.text).toMatch(/^Something went wrong/);
    expect(h.fake.callsTo('chat.postMessage').length).toBe(before);
  });

  it('shares the question escaped in the byline', async () => {
    const { path } = await share('ask <!channel> <@U123>');
    await h.fake.waitForCall('respond', (c) => c.path === path);
    const post = h.fake.callsTo('chat.postMessage').at(-1)!;
    expect(post.body.blocks[1].elements[0].text).toBe('<@U0ASKER1> shared `/brief ask &lt;!channel&gt; &lt;@U123&gt;`');
  });

  const failures: [string, Parameters<Harness['fake']['failNext']>[1], number, RegExp][] = [
    ['not_in_channel', { error: 'not_in_channel' }, 1, /not a member of this channel.*\/invite @briefing/],
    ['invalid_auth', { error: 'invalid_auth' }, 1, /credentials were refused/],
    ['500 (after a retry)', { status: 500 }, 2, /try again in a minute/],
  ];
  for (const [name, failure, times, message] of failures) {
    it(`explains a ${name} failure ephemerally and keeps serving`, async () => {
      h.fake.failNext('chat.postMessage', failure, times);
      const { path } = await share('facts');
      const answer = await h.fake.waitForCall('respond', (c) => c.path === path);
      expect(answer.body.response_type).toBe('ephemeral');
      expect(answer.body.replace_original).toBe(false);
      expect(answer.body.text).toMatch(message);
      const again = await share('facts');
      expect((await h.fake.waitForCall('respond', (c) => c.path === again.path)).body).toEqual({ delete_original: true });
    });
  }

  it('waits out a 429 (Retry-After) and then shares', async () => {
    h.fake.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    const t0 = performance.now();
    const { path } = await share('facts');
    const answer = await h.fake.waitForCall('respond', (c) => c.path === path, 8000);
    expect(answer.body).toEqual({ delete_original: true });
    const posts = h.fake.callsTo('chat.postMessage').filter((c) => c.body.channel === 'C0SHARE' && c.at >= t0);
    expect(posts).toHaveLength(2);
    expect(posts[1]!.at - posts[0]!.at).toBeGreaterThanOrEqual(990);
  });
});

async function waitUntil(cond: () => boolean, timeoutMs = 3000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
