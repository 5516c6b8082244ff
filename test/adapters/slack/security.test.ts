// Signatures: unsigned, stale or tampered requests are refused with 401 and never reach the core.
// Secrets: no token or signing secret appears in any log line, even at debug level.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter } from '../../../src/adapters/slack/index.ts';
import { silentLogger } from '../../../src/log.ts';
import { FakeBriefing } from '../../fakes/slack-briefing.ts';
import { startFakeSlack } from '../../fakes/slack.ts';
import { mentionEvent, sendEvent, sendSigned, sendSlashCommand, slashCommandBody } from '../../fakes/slack-signing.ts';
import { APP_TOKEN, BOT_TOKEN, SIGNING_SECRET, startHarness, type Harness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('request signatures', () => {
  const cases: [string, () => Promise<{ status: number }>][] = [
    ['unsigned', () => sendSlashCommand(h.eventsUrl, { text: 'ask x', response_url: h.fake.respondUrl() }, { secret: SIGNING_SECRET, unsigned: true })],
    ['stale (6 minutes old)', () => sendSlashCommand(h.eventsUrl, { text: 'ask x', response_url: h.fake.respondUrl() }, { secret: SIGNING_SECRET, timestamp: Math.floor(Date.now() / 1000) - 6 * 60 })],
    ['signed with another secret', () => sendSlashCommand(h.eventsUrl, { text: 'ask x', response_url: h.fake.respondUrl() }, { secret: 'not-the-signing-secret' })],
    [
      'tampered body',
      () => {
        const signed = slashCommandBody({ text: 'ask x', response_url: h.fake.respondUrl() });
        return sendSigned(h.eventsUrl, signed.replace('ask+x', 'ask+y'), 'application/x-www-form-urlencoded', { secret: SIGNING_SECRET, signedBody: signed });
      },
    ],
    ['tampered event', () => sendEvent(h.eventsUrl, mentionEvent({ text: '<@UBOTFAKE1> help' }), { secret: SIGNING_SECRET, timestamp: Math.floor(Date.now() / 1000) + 10 * 60 })],
  ];

  for (const [name, send] of cases) {
    it(`refuses a ${name} request with 401`, async () => {
      const before = h.briefing.calls.length;
      const res = await send();
      expect(res.status).toBe(401);
      await new Promise((r) => setTimeout(r, 50));
      expect(h.briefing.calls.length).toBe(before);
      expect(h.fake.callsTo('respond')).toHaveLength(0);
    });
  }

  it('accepts a request signed 4 minutes ago', async () => {
    const res = await sendSlashCommand(h.eventsUrl, { text: 'help', response_url: h.fake.respondUrl() }, { secret: SIGNING_SECRET, timestamp: Math.floor(Date.now() / 1000) - 4 * 60 });
    expect(res.status).toBe(200);
    await h.fake.waitForCall('respond');
  });

  it('answers Slack\'s URL verification challenge when signed', async () => {
    const res = await sendEvent(h.eventsUrl, { type: 'url_verification', challenge: 'c-123', token: 't' }, { secret: SIGNING_SECRET });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ challenge: 'c-123' });
  });
});

describe('secrets', () => {
  it('never logs the bot token or signing secret', async () => {
    // Debug logging is on in the harness: Bolt and WebClient log requests and headers.
    await sendSlashCommand(h.eventsUrl, { text: 'ask troops', response_url: h.fake.respondUrl() }, { secret: SIGNING_SECRET });
    await h.fake.waitForCall('respond', (c) => c.body.text?.startsWith('Answer: troops'));
    expect(h.logs.length).toBeGreaterThan(5);
    const all = h.logs.join('\n');
    expect(all).not.toContain(BOT_TOKEN);
    expect(all).not.toContain(BOT_TOKEN.slice(5, 25));
    expect(all).not.toContain(SIGNING_SECRET);
    expect(all).not.toContain('legacy-verification-token');
  });

  it('refuses to start without the credentials it needs, naming the setting', () => {
    const briefing = new FakeBriefing();
    expect(() => createSlackAdapter({ config: { port: 0, signingSecret: SIGNING_SECRET }, briefing, logger: silentLogger })).toThrow(/SLACK_BOT_TOKEN/);
    expect(() => createSlackAdapter({ config: { port: 0, botToken: BOT_TOKEN }, briefing, logger: silentLogger })).toThrow(/SLACK_SIGNING_SECRET/);
    expect(() => createSlackAdapter({ config: { port: 0, botToken: BOT_TOKEN, appToken: APP_TOKEN }, briefing, logger: silentLogger })).not.toThrow();
  });

  it('names the port when it is taken', async () => {
    const adapter = createSlackAdapter({
      config: { port: h.adapter.port!, botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, apiUrl: h.fake.apiUrl },
      briefing: new FakeBriefing(),
      logger: silentLogger,
      host: '127.0.0.1',
    });
    await expect(adapter.start()).rejects.toThrow(`Cannot listen on port ${h.adapter.port} (EADDRINUSE); choose another with SLACK_PORT`);
    await adapter.stop();
  });

  it('tells an unreachable Web API from a refused token', async () => {
    const adapter = createSlackAdapter({
      config: { port: 0, botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, apiUrl: 'http://127.0.0.1:9/api/' },
      briefing: new FakeBriefing(),
      logger: silentLogger,
      webRetries: 0,
    });
    await expect(adapter.start()).rejects.toThrow(/^Could not reach the Slack Web API \(auth.test: network: .*SLACK_API_URL$/);
  });

  it('fails start() clearly when Slack rejects the token, without logging it', async () => {
    const fake = await startFakeSlack();
    const lines: string[] = [];
    const { createLogger } = await import('../../../src/log.ts');
    fake.failNext('auth.test', { error: 'invalid_auth' });
    const adapter = createSlackAdapter({
      config: { port: 0, botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, apiUrl: fake.apiUrl },
      briefing: new FakeBriefing(),
      logger: createLogger({ level: 'debug', write: (l) => lines.push(l) }),
      host: '127.0.0.1',
    });
    try {
      await expect(adapter.start()).rejects.toThrow('Slack refused the bot token (auth.test: invalid_auth); check SLACK_BOT_TOKEN');
      await expect(adapter.start()).resolves.toBeUndefined(); // the next attempt (token fixed) works
      expect(adapter.port).toBeGreaterThan(0);
    } finally {
      await adapter.stop();
      await fake.close();
    }
    expect(lines.join('\n')).not.toContain(BOT_TOKEN);
  });
});
