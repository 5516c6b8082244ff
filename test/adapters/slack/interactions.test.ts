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
    expect(h.briefing.calls.at(-1)!.ctx).toEqual({ platform: 'slack', workspace: 'T0FAKE01', channel: 'C0GENERAL', user: 'U0ASKER1', canManage: true, checkDelivery: expect.any(Function) });
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

describe('Share in channel (issue 15 item 14: through response_url, as in_channel)', () => {
  async function share(value: string, over: { channel?: string; thread_ts?: string } = {}) {
    const response_url = h.fake.respondUrl();
    const path = new URL(response_url).pathname;
    const payload = shareActionPayload({ value, response_url, channel: over.channel ?? 'C0SHARE' });
    if (over.thread_ts) {
      (payload.container as Record<string, unknown>).thread_ts = over.thread_ts;
    }
    const res = await sendAction(h.eventsUrl, payload, { secret: SIGNING_SECRET });
    return { res, path };
  }
  const respondsTo = (path: string) => h.fake.callsTo('respond').filter((c) => c.path === path);

  it('posts the same answer in the channel through response_url, credited to the sharer, then removes the ephemeral one', async () => {
    const before = h.fake.callsTo('chat.postMessage').length;
    const { res, path } = await share('ask what did Starmer say about troops');
    expect(res.status).toBe(200);
    await h.fake.waitForCall('respond', (c) => c.path === path && c.body.delete_original === true);
    const [post, del] = respondsTo(path);
    const reply = await h.briefing.run('ask what did Starmer say about troops', h.briefing.calls.at(-1)!.ctx);
    const expected = renderReply(reply, { byline: '<@U0ASKER1> shared `/brief ask what did Starmer say about troops`' });
    expect(post!.body).toEqual({ response_type: 'in_channel', replace_original: false, text: expected.text, blocks: expected.blocks });
    expect(post!.body.blocks.some((b: any) => b.type === 'actions')).toBe(false);
    expect(del!.body).toEqual({ delete_original: true });
    // Not chat.postMessage, which fails in every channel the bot was not invited to.
    expect(h.fake.callsTo('chat.postMessage').length).toBe(before);
  });

  it('shares from a DM the same way (the bot is in no channel there)', async () => {
    const { path } = await share('facts', { channel: 'D0DIRECT1' });
    await h.fake.waitForCall('respond', (c) => c.path === path && c.body.delete_original === true);
    expect(respondsTo(path)[0]!.body.response_type).toBe('in_channel');
  });

  it('keeps a share from a thread in that thread', async () => {
    const { path } = await share('facts', { thread_ts: '1700000100.000200' });
    await h.fake.waitForCall('respond', (c) => c.path === path && c.body.delete_original === true);
    expect(respondsTo(path)[0]!.body).toMatchObject({ response_type: 'in_channel', thread_ts: '1700000100.000200' });
  });

  it('keeps an error private instead of sharing it', async () => {
    const { path } = await share('ask boom');
    const answer = await h.fake.waitForCall('respond', (c) => c.path === path);
    expect(answer.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(answer.body.text).toMatch(/^Something went wrong/);
    expect(respondsTo(path)).toHaveLength(1);
  });

  it('shares the question escaped in the byline', async () => {
    const { path } = await share('ask <!channel> <@U123>');
    await h.fake.waitForCall('respond', (c) => c.path === path && c.body.delete_original === true);
    const post = respondsTo(path)[0]!;
    expect(post.body.blocks[1].elements[0].text).toBe('<@U0ASKER1> shared `/brief ask &lt;!channel&gt; &lt;@U123&gt;`');
  });

  it('says truthfully when the response_url has expired, where the user is', async () => {
    // Spent: the share and the ephemeral notice both get 404; the notice then goes by chat.postEphemeral.
    h.fake.failNext('respond', { status: 404, body: 'expired_url' }, 2);
    const { path } = await share('facts', { thread_ts: '1700000100.000300' });
    const eph = await h.fake.waitForCall('chat.postEphemeral', (c) => c.body.channel === 'C0SHARE' && c.body.thread_ts === '1700000100.000300');
    expect(eph.body).toMatchObject({ user: 'U0ASKER1' });
    expect(eph.body.text).toBe('This answer can no longer be shared: Slack lets an answer be shared for 30 minutes after it was given, at most 5 times. Run `/brief facts` again and share the new answer.');
    expect(respondsTo(path).map((c) => c.body.response_type)).toEqual(['in_channel', 'ephemeral']);
    expect(eph.body.text).not.toMatch(/deleted|no longer exists|archived/);
  });

  it('answers a signed block_actions without a user with 200, not 500, and posts nothing (issue 15 item 18)', async () => {
    const response_url = h.fake.respondUrl();
    const payload = shareActionPayload({ value: 'facts', response_url, channel: 'C0SHARE' });
    delete payload.user;
    const before = h.fake.calls.length;
    const res = await sendAction(h.eventsUrl, payload, { secret: SIGNING_SECRET });
    expect(res.status).toBe(200);
    await new Promise((r) => setTimeout(r, 200));
    expect(h.fake.calls.slice(before).filter((c) => c.method !== 'auth.test')).toEqual([]);
  });

  it('retries a 5xx once, then says Slack had trouble, never that the channel is gone', async () => {
    h.fake.failNext('respond', { status: 500 }, 2);
    const { path } = await share('facts');
    const note = await h.fake.waitForCall('respond', (c) => c.path === path && c.body.response_type === 'ephemeral');
    expect(note.body.text).toBe('Slack did not accept the share just now (it may be having trouble). Please press Share in channel again in a minute.');
    expect(respondsTo(path).map((c) => c.body.response_type)).toEqual(['in_channel', 'in_channel', 'ephemeral']);
    const again = await share('facts');
    await h.fake.waitForCall('respond', (c) => c.path === again.path && c.body.delete_original === true);
  });
});

async function waitUntil(cond: () => boolean, timeoutMs = 3000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
