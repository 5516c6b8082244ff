// Socket Mode: the real Bolt SocketModeReceiver connects to the fake's WebSocket (the URL comes from
// apps.connections.open), gets `hello`, and acks each envelope before the answer goes out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReply } from '../../../src/adapters/slack/blocks.ts';
import { mentionEvent, shareActionPayload, slashCommandPayload } from '../../fakes/slack-signing.ts';
import { APP_TOKEN, startHarness, type Harness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ socket: true });
  await h.fake.waitForSocket();
});
afterAll(async () => {
  await h?.close();
});

describe('Socket Mode', () => {
  it('opens the connection with the app-level token and listens on no port', () => {
    const open = h.fake.callsTo('apps.connections.open');
    expect(open).toHaveLength(1);
    expect(open[0]!.headers.authorization).toBe(`Bearer ${APP_TOKEN}`);
    expect(h.adapter.mode).toBe('socket');
    expect(h.adapter.port).toBeNull();
  });

  it('acks a slash command envelope, then answers through response_url', async () => {
    const response_url = h.fake.respondUrl();
    const id = h.fake.push('slash_commands', slashCommandPayload({ text: 'ask what did Starmer say about troops', response_url }));
    const ack = await h.fake.waitForAck(id);
    const answer = await h.fake.waitForCall('respond', (c) => c.path === new URL(response_url).pathname);
    expect(ack.at).toBeLessThanOrEqual(answer.at);
    expect(ack.payload).toEqual({});
    const reply = await h.briefing.run('ask what did Starmer say about troops', h.briefing.calls.at(-1)!.ctx);
    expect(answer.body).toEqual({ response_type: 'ephemeral', ...renderReply(reply, { shareValue: 'ask what did Starmer say about troops' }) });
  });

  it('acks an app_mention event and replies in its thread', async () => {
    const body = mentionEvent({ text: '<@UBOTFAKE1> who Rutte', ts: '1700002000.000100' });
    const id = h.fake.push('events_api', body);
    await h.fake.waitForAck(id);
    const post = await h.fake.waitForCall('chat.postMessage', (c) => c.body.thread_ts === '1700002000.000100');
    expect(post.body.text).toMatch(/^Who is Rutte\?/);
  });

  it('a mention with a mistyped command word gets the did-you-mean /brief gives, not an answer about the word', async () => {
    const body = mentionEvent({ text: '<@UBOTFAKE1> quotse Rutte', ts: '1700002000.000200' });
    const id = h.fake.push('events_api', body);
    await h.fake.waitForAck(id);
    // An error goes to the asker alone, in the thread.
    const post = await h.fake.waitForCall('chat.postEphemeral', (c) => c.body.thread_ts === '1700002000.000200');
    expect(post.body.text).toContain('the command "quotse"');
    expect(post.body.text).not.toMatch(/about quotse/);
  });

  it('acks the share button and posts into the channel through response_url', async () => {
    const response_url = h.fake.respondUrl();
    const id = h.fake.push('interactive', shareActionPayload({ value: 'facts', response_url, channel: 'C0SOCK' }));
    await h.fake.waitForAck(id);
    const shared = await h.fake.waitForCall('respond', (c) => c.path === new URL(response_url).pathname);
    expect(shared.body).toMatchObject({ response_type: 'in_channel', replace_original: false });
    expect(shared.body.text).toMatch(/^Facts/);
  });

  it('refuses 4,000 characters over the socket too', async () => {
    const response_url = h.fake.respondUrl();
    h.fake.push('slash_commands', slashCommandPayload({ text: 'y'.repeat(4000), response_url }));
    const answer = await h.fake.waitForCall('respond', (c) => c.path === new URL(response_url).pathname);
    expect(answer.body.text).toMatch(/^That request is too long/);
  });

  it('reconnects when Slack asks it to, and keeps answering', async () => {
    const opened = h.fake.socketsOpened;
    h.fake.requestReconnect();
    await h.fake.waitForConnection(opened + 1);
    expect(h.fake.callsTo('apps.connections.open').length).toBeGreaterThanOrEqual(2);
    const response_url = h.fake.respondUrl();
    const id = h.fake.push('slash_commands', slashCommandPayload({ text: 'help', response_url }));
    await h.fake.waitForAck(id);
    const answer = await h.fake.waitForCall('respond', (c) => c.path === new URL(response_url).pathname);
    expect(answer.body.text).toMatch(/^Briefing commands/);
  });

  it('does not log the app token or the payload verification token', () => {
    const all = h.logs.join('\n');
    expect(all).toContain('Received a message on the WebSocket'); // debug payload logging is on…
    expect(all).not.toContain(APP_TOKEN);
    expect(all).not.toContain('legacy-verification-token'); // …and scrubbed
  });
});

describe('Socket Mode start-up', () => {
  it('fails start() clearly when the app-level token is refused', async () => {
    const { startFakeSlack } = await import('../../fakes/slack.ts');
    const { createSlackAdapter, SlackConfigError } = await import('../../../src/adapters/slack/index.ts');
    const { FakeBriefing } = await import('../../fakes/slack-briefing.ts');
    const { silentLogger } = await import('../../../src/log.ts');
    const fake = await startFakeSlack();
    fake.failNext('apps.connections.open', { error: 'invalid_auth' }, 5);
    const adapter = createSlackAdapter({
      config: { port: 0, botToken: 'xoxb-1-2-abcdefabcdef', appToken: APP_TOKEN, apiUrl: fake.apiUrl },
      briefing: new FakeBriefing(),
      logger: silentLogger,
      webRetries: 0,
    });
    try {
      await expect(adapter.start()).rejects.toThrow(SlackConfigError);
      await expect(adapter.start()).rejects.toThrow(/SLACK_APP_TOKEN/);
    } finally {
      await adapter.stop();
      await fake.close();
    }
  });
});
