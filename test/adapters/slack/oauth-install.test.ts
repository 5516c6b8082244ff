// Installing the app to many workspaces: the real Bolt OAuth flow (/slack/install, the redirect,
// oauth.v2.access against the fake Slack) with two replicas sharing one SQLite database and no
// session affinity (the install starts on one replica and finishes on the other), bot tokens
// sealed at rest, each workspace's requests and digests using its own token.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter, SlackConfigError, type SlackAdapter } from '../../../src/adapters/slack/index.ts';
import { createLogger } from '../../../src/log.ts';
import { Installations } from '../../../src/store/installations.ts';
import { openDb, type Db } from '../../../src/store/sqlite/db.ts';
import { sqliteInstallationRows } from '../../../src/store/sqlite/installations.ts';
import { createTokenCipher, DecryptError, parseKey } from '../../../src/store/token-cipher.ts';
import { FakeBriefing } from '../../fakes/slack-briefing.ts';
import { mentionEvent, sendEvent, sendSlashCommand } from '../../fakes/slack-signing.ts';
import { FAKE_CLIENT_ID, FAKE_CLIENT_SECRET, startFakeSlack, type FakeSlack, type FakeWorkspace } from '../../fakes/slack.ts';
import { SIGNING_SECRET } from './harness.ts';

const KEY = randomBytes(32).toString('base64');
const STATE_SECRET = 'state-secret-shared-by-every-replica-0123';

const WS1: FakeWorkspace = { teamId: 'T0NEWSROOM', teamName: 'Newsroom', botToken: 'xoxb-1001-2001-newsroomtokenabcdefghij', botUserId: 'UBOTNEWS', botId: 'BNEWS' };
const WS2: FakeWorkspace = { teamId: 'T0CAMPUS', teamName: 'Campus', botToken: 'xoxb-1002-2002-campustokenabcdefghijk', botUserId: 'UBOTCAMP', botId: 'BCAMP' };

interface Replica {
  db: Db;
  adapter: SlackAdapter;
  briefing: FakeBriefing;
  url: string;
}

let fake: FakeSlack;
let dir: string;
const logs: string[] = [];
let a: Replica;
let b: Replica;

function installations(db: Db, key = KEY): Installations {
  return new Installations(sqliteInstallationRows(db), createTokenCipher(parseKey(key)));
}

async function replica(): Promise<Replica> {
  const db = openDb(join(dir, 'briefing.db'));
  const briefing = new FakeBriefing();
  const adapter = createSlackAdapter({
    config: { clientId: FAKE_CLIENT_ID, clientSecret: FAKE_CLIENT_SECRET, stateSecret: STATE_SECRET, signingSecret: SIGNING_SECRET, port: 0, apiUrl: fake.apiUrl },
    briefing,
    logger: createLogger({ level: 'debug', write: (l) => logs.push(l) }),
    host: '127.0.0.1',
    webRetries: 0,
    posting: { channelIntervalMs: 10 },
    installations: installations(db),
  });
  await adapter.start();
  return { db, adapter, briefing, url: `http://127.0.0.1:${adapter.port}` };
}

beforeAll(async () => {
  fake = await startFakeSlack();
  dir = mkdtempSync(join(tmpdir(), 'briefing-oauth-'));
  a = await replica();
  b = await replica();
});
afterAll(async () => {
  for (const r of [a, b]) {
    await r?.adapter.stop();
    r?.db.close();
  }
  await fake?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Starts the install on `start`, finishes it on `finish`: what a browser does, cookie included. */
async function install(ws: FakeWorkspace, start: Replica, finish: Replica): Promise<{ status: number; text: string }> {
  const begin = await fetch(`${start.url}/slack/install`, { redirect: 'manual' });
  expect(begin.status).toBe(302);
  const location = new URL(begin.headers.get('location')!);
  const state = location.searchParams.get('state')!;
  const cookie = begin.headers.get('set-cookie')!.split(';')[0]!;
  const code = `code-${ws.teamId}-${Math.random().toString(36).slice(2)}`;
  fake.oauthCodes.set(code, ws);
  const done = await fetch(`${finish.url}/slack/oauth_redirect?code=${code}&state=${encodeURIComponent(state)}`, { headers: { cookie } });
  return { status: done.status, text: await done.text() };
}

describe('OAuth install to many workspaces', () => {
  it('/slack/install sends the browser to Slack with our client id, the bot scopes and a signed state cookie', async () => {
    const res = await fetch(`${a.url}/slack/install`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const to = new URL(res.headers.get('location')!);
    expect(`${to.origin}${to.pathname}`).toBe('https://slack.com/oauth/v2/authorize');
    expect(to.searchParams.get('client_id')).toBe(FAKE_CLIENT_ID);
    expect(to.searchParams.get('scope')).toBe('commands,chat:write,app_mentions:read,channels:read,groups:read,im:read,mpim:read');
    const state = to.searchParams.get('state')!;
    expect(state.length).toBeGreaterThan(20);
    expect(res.headers.get('set-cookie')).toContain(`slack-app-oauth-state=${state}`);
  });

  it('an install started on one replica finishes on another, and the token is stored sealed', async () => {
    const done = await install(WS1, a, b);
    expect(done.status).toBe(200);
    const exchange = fake.callsTo('oauth.v2.access').at(-1)!;
    expect(exchange.body).toMatchObject({ client_id: FAKE_CLIENT_ID, client_secret: FAKE_CLIENT_SECRET });
    const row = a.db.prepare<[], { key: string; team_id: string; sealed: string }>('SELECT key, team_id, sealed FROM installations').get()!;
    expect(row).toMatchObject({ key: `team:${WS1.teamId}`, team_id: WS1.teamId });
    expect(row.sealed).toMatch(/^v1\./);
    expect(row.sealed).not.toContain(WS1.botToken);
    expect(row.sealed).not.toContain(WS1.botToken.slice(5, 25));
    // The right key opens it; another key does not.
    const opened = await installations(a.db).find<{ bot: { token: string; userId: string } }>('slack', { teamId: WS1.teamId, enterpriseInstall: false });
    expect(opened?.bot).toMatchObject({ token: WS1.botToken, userId: WS1.botUserId });
    const wrong = installations(a.db, 'ab'.repeat(32));
    await expect(wrong.find('slack', { teamId: WS1.teamId, enterpriseInstall: false })).rejects.toBeInstanceOf(DecryptError);
    expect(logs.join('\n')).not.toContain(WS1.botToken);
  });

  it('a forged or missing state is refused and nothing is stored', async () => {
    const code = 'code-forged';
    fake.oauthCodes.set(code, WS2);
    const forged = await fetch(`${b.url}/slack/oauth_redirect?code=${code}&state=not-a-signed-state`, { headers: { cookie: 'slack-app-oauth-state=not-a-signed-state' } });
    expect(forged.status).toBe(400);
    const begin = await fetch(`${a.url}/slack/install`, { redirect: 'manual' });
    const state = new URL(begin.headers.get('location')!).searchParams.get('state')!;
    const noCookie = await fetch(`${b.url}/slack/oauth_redirect?code=${code}&state=${encodeURIComponent(state)}`);
    expect(noCookie.status).toBe(400);
    expect(await installations(a.db).count('slack')).toBe(1);
    expect(fake.oauthCodes.has(code)).toBe(true);
  });

  it('each workspace is answered with its own token, on either replica', async () => {
    expect((await install(WS2, b, a)).status).toBe(200);
    await sendEvent(`${a.url}/slack/events`, mentionEvent({ text: `<@${WS1.botUserId}> quotes Lavrov`, team: WS1.teamId, ts: '1700000300.000100' }), { secret: SIGNING_SECRET });
    await sendEvent(`${b.url}/slack/events`, mentionEvent({ text: `<@${WS2.botUserId}> quotes Lavrov`, team: WS2.teamId, ts: '1700000300.000200' }), { secret: SIGNING_SECRET });
    const posts = [
      await fake.waitForCall('chat.postMessage', (c) => c.body.thread_ts === '1700000300.000100'),
      await fake.waitForCall('chat.postMessage', (c) => c.body.thread_ts === '1700000300.000200'),
    ];
    expect(posts.map((p) => p.headers.authorization)).toEqual([`Bearer ${WS1.botToken}`, `Bearer ${WS2.botToken}`]);
    expect(a.briefing.calls.at(-1)!.ctx.workspace).toBe(WS1.teamId);
    expect(b.briefing.calls.at(-1)!.ctx.workspace).toBe(WS2.teamId);

    const response_url = fake.respondUrl();
    const ack = await sendSlashCommand(`${b.url}/slack/events`, { text: 'ask what did Starmer say', response_url, team_id: WS1.teamId }, { secret: SIGNING_SECRET });
    expect(ack.status).toBe(200);
    await fake.waitForCall('respond', (c) => c.path === new URL(response_url).pathname);
  });

  it('a workspace that never installed the app is not served', async () => {
    const before = a.briefing.calls.length;
    const response_url = fake.respondUrl();
    await sendSlashCommand(`${a.url}/slack/events`, { text: 'ask anything', response_url, team_id: 'T0STRANGER' }, { secret: SIGNING_SECRET });
    await new Promise((r) => setTimeout(r, 200));
    expect(a.briefing.calls.length).toBe(before);
    expect(fake.calls.filter((c) => c.path === new URL(response_url).pathname)).toEqual([]);
    expect(logs.some((l) => l.includes('T0STRANGER') && /authoriz|installation/i.test(l))).toBe(true);
  });

  it('digests use the token of the subscription’s workspace; an uninstalled one is an auth failure', async () => {
    const digest = { tone: 'answer' as const, title: 'Your briefing', sections: [{ items: [{ type: 'text' as const, text: 'Talks in Riyadh.' }] }], notes: [], more: 0 };
    const out = await a.adapter.poster.post({ platform: 'slack', workspace: WS2.teamId, channel: 'C0CAMPUS' }, digest);
    expect(out.ok).toBe(true);
    const post = fake.callsTo('chat.postMessage').at(-1)!;
    expect([post.body.channel, post.headers.authorization]).toEqual(['C0CAMPUS', `Bearer ${WS2.botToken}`]);
    const missing = await b.adapter.poster.post({ platform: 'slack', workspace: 'T0STRANGER', channel: 'C1' }, digest);
    expect(missing).toMatchObject({ ok: false, kind: 'auth' });
  });

  it('app_uninstalled removes the installation', async () => {
    const body = {
      token: 'legacy-verification-token',
      team_id: WS2.teamId,
      api_app_id: 'AFAKE',
      event: { type: 'app_uninstalled', event_ts: '1700000400.000100' },
      type: 'event_callback',
      event_id: 'EvUNINSTALL1',
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [{ team_id: WS2.teamId, user_id: WS2.botUserId, is_bot: true }],
    };
    expect((await sendEvent(`${a.url}/slack/events`, body, { secret: SIGNING_SECRET })).status).toBe(200);
    await expect.poll(() => installations(b.db).count('slack'), { timeout: 5000 }).toBe(1);
    expect(await installations(b.db).find('slack', { teamId: WS2.teamId, enterpriseInstall: false })).toBeUndefined();
  });
});

describe('configuration', () => {
  it('refuses a bot token and OAuth together, OAuth without a state secret, and OAuth without the database', () => {
    const base = { signingSecret: SIGNING_SECRET, port: 0 };
    const db = openDb(':memory:');
    const inst = installations(db);
    const make = (config: Record<string, string | number>, withStore = true) => () =>
      createSlackAdapter({ config: { ...base, ...config }, briefing: new FakeBriefing(), logger: createLogger({ level: 'silent' }), ...(withStore ? { installations: inst } : {}) });
    expect(make({ botToken: 'xoxb-1-2-abc', clientId: FAKE_CLIENT_ID, clientSecret: FAKE_CLIENT_SECRET, stateSecret: STATE_SECRET })).toThrow(/not both/);
    expect(make({ clientId: FAKE_CLIENT_ID, clientSecret: FAKE_CLIENT_SECRET })).toThrow(/SLACK_STATE_SECRET/);
    expect(make({ clientId: FAKE_CLIENT_ID, clientSecret: FAKE_CLIENT_SECRET, stateSecret: STATE_SECRET }, false)).toThrow(SlackConfigError);
    expect(make({ clientId: FAKE_CLIENT_ID, clientSecret: FAKE_CLIENT_SECRET, stateSecret: STATE_SECRET, appToken: 'xapp-1-A-1-abc' })).toThrow(/HTTP mode/);
    db.close();
  });

  it('the encryption key must be 32 bytes', () => {
    expect(() => parseKey('too-short')).toThrow(/BRIEFING_ENCRYPTION_KEY must be 32 random bytes/);
    expect(parseKey(Buffer.alloc(32, 7).toString('base64')).length).toBe(32);
    expect(parseKey('0f'.repeat(32)).length).toBe(32);
  });
});
