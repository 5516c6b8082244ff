// The HTTP interactions endpoint mode: the test plays Discord, signing each interaction with an
// Ed25519 key pair made here (node:crypto) and POSTing it to the real adapter; the interaction
// webhooks and digest posts go to the fake Discord REST API, which records them.
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { ApplicationCommandOptionType as Opt } from 'discord.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDiscordHttpAdapter, INTERACTIONS_PATH, type DiscordHttpAdapter } from '../../../src/adapters/discord/index.ts';
import { silentLogger } from '../../../src/log.ts';
import { fakeBriefing, SOURCE, type FakeBriefing } from '../../fakes/discord-briefing.ts';
import { FakeDiscord, PERMISSIONS } from '../../fakes/discord.ts';
import { digestSub, sub, TOKEN } from './harness.ts';

function keyPair(): { privateKey: KeyObject; publicHex: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const x = publicKey.export({ format: 'jwk' }).x!;
  return { privateKey, publicHex: Buffer.from(x, 'base64url').toString('hex') };
}

const discordKey = keyPair();
const otherKey = keyPair();

let fake: FakeDiscord;
let briefing: FakeBriefing;
let adapter: DiscordHttpAdapter;
let url: string;

beforeAll(async () => {
  fake = await FakeDiscord.start();
  briefing = fakeBriefing();
  adapter = createDiscordHttpAdapter({
    config: { token: TOKEN, applicationId: fake.applicationId, apiUrl: fake.apiUrl, publicKey: discordKey.publicHex, interactionsPort: 0 },
    briefing,
    logger: silentLogger,
    host: '127.0.0.1',
    deferAfterMs: 1000,
    register: false,
  });
  await adapter.start();
  url = `http://127.0.0.1:${adapter.port}${INTERACTIONS_PATH}`;
});
afterAll(async () => {
  await adapter?.stop();
  await fake?.close();
});
beforeEach(() => {
  briefing.calls.length = 0;
  briefing.answer = null;
  briefing.delayMs = 0;
});

interface Sent {
  status: number;
  body: any;
}

function signed(body: string, opts: { key?: KeyObject; timestamp?: number } = {}): Record<string, string> {
  const ts = String(opts.timestamp ?? Math.floor(Date.now() / 1000));
  const signature = sign(null, Buffer.from(ts + body), opts.key ?? discordKey.privateKey).toString('hex');
  return { 'x-signature-ed25519': signature, 'x-signature-timestamp': ts };
}

async function post(body: string, headers: Record<string, string>): Promise<Sent> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // plain text
  }
  return { status: res.status, body: parsed };
}

const FOOTER = { text: 'Starmer ready to send UK troops to Ukraine · 17 Feb 2025 · Example News' };

describe('signature checks', () => {
  it('answers PING with PONG', async () => {
    const body = JSON.stringify(fake.interactionPayload([], { type: 1 }));
    expect(await post(body, signed(body))).toEqual({ status: 200, body: { type: 1 } });
  });

  it('refuses an unsigned request with 401, before reading it', async () => {
    const body = JSON.stringify(fake.interactionPayload(sub('ask', { question: 'what did Starmer say' })));
    expect(await post(body, {})).toEqual({ status: 401, body: 'invalid request signature' });
    const onlyTimestamp = { 'x-signature-timestamp': String(Math.floor(Date.now() / 1000)) };
    expect((await post(body, onlyTimestamp)).status).toBe(401);
    expect(briefing.calls).toEqual([]);
  });

  it('refuses a request signed with another key, a tampered body, and garbage signatures', async () => {
    const body = JSON.stringify(fake.interactionPayload(sub('ask', { question: 'what did Starmer say' })));
    expect((await post(body, signed(body, { key: otherKey.privateKey }))).status).toBe(401);
    const headers = signed(body);
    expect((await post(body.replace('Starmer', 'Stormer'), headers)).status).toBe(401);
    expect((await post(body, { ...headers, 'x-signature-ed25519': 'zz' + headers['x-signature-ed25519']!.slice(2) })).status).toBe(401);
    expect((await post(body, { ...headers, 'x-signature-timestamp': String(Number(headers['x-signature-timestamp']) + 1) })).status).toBe(401);
    expect(briefing.calls).toEqual([]);
  });

  it('refuses a correctly signed request that is stale, or dated too far ahead', async () => {
    const body = JSON.stringify(fake.interactionPayload(sub('ask', { question: 'what did Starmer say' })));
    const now = Math.floor(Date.now() / 1000);
    expect((await post(body, signed(body, { timestamp: now - 6 * 60 }))).status).toBe(401);
    expect((await post(body, signed(body, { timestamp: now + 6 * 60 }))).status).toBe(401);
    expect(briefing.calls).toEqual([]);
    // Within the window it is accepted.
    expect((await post(body, signed(body, { timestamp: now - 4 * 60 }))).status).toBe(200);
  });

  it('refuses a replayed request: the same signed bytes a second time', async () => {
    const body = JSON.stringify(fake.interactionPayload(sub('quotes', { speaker: 'Sergei Lavrov' })));
    const headers = signed(body);
    expect((await post(body, headers)).status).toBe(200);
    expect(await post(body, headers)).toEqual({ status: 401, body: 'invalid request signature' });
    expect(briefing.calls.map((c) => c.input)).toEqual(['quotes Sergei Lavrov']);
  });

  it('only POST to the interactions path; health check answers', async () => {
    expect((await fetch(url)).status).toBe(405);
    expect((await fetch(url.replace(INTERACTIONS_PATH, '/elsewhere'), { method: 'POST' })).status).toBe(404);
    const health = await fetch(url.replace(INTERACTIONS_PATH, '/healthz'));
    expect([health.status, await health.text()]).toEqual([200, 'ok']);
  });
});

describe('commands through the same core as the gateway mode', () => {
  it('a signed /brief ask is answered in the HTTP response with the exact embed', async () => {
    const payload = fake.interactionPayload(sub('ask', { question: 'what did Starmer say about troops' }));
    const body = JSON.stringify(payload);
    const res = await post(body, signed(body));
    expect(briefing.calls).toEqual([
      {
        input: 'ask what did Starmer say about troops',
        ctx: { platform: 'discord', workspace: fake.guild.id, channel: fake.guild.channels[0]!.id, user: '500000000000000001', canManage: false, checkDelivery: expect.any(Function), commandForm: 'options' },
      },
    ]);
    expect(res).toEqual({
      status: 200,
      body: {
        type: 4,
        data: {
          allowed_mentions: { parse: [] },
          embeds: [
            {
              color: 0x5865f2,
              title: 'What Keir Starmer said about troops',
              url: SOURCE.url,
              description:
                '> “I am ready and willing to contribute to that by putting our own troops on the ground if necessary”\n— **Keir Starmer**, Prime Minister\n\n' +
                '> “This is a once in a generation moment for our collective security”\n— **Keir Starmer**, Prime Minister',
              footer: FOOTER,
            },
          ],
        },
      },
    });
  });

  it('a slow answer is deferred in the response, then edited in through the interaction webhook', async () => {
    briefing.delayMs = 1600;
    const from = fake.calls.length;
    const payload = fake.interactionPayload(sub('facts', { topic: 'defence spending' }));
    const body = JSON.stringify(payload);
    expect(await post(body, signed(body))).toEqual({ status: 200, body: { type: 5 } });
    const edit = await fake.waitForCall((c) => c.method === 'PATCH', 5_000, from);
    expect(edit.path).toBe(`/webhooks/${fake.applicationId}/${payload.token}/messages/@original`);
    expect(edit.headers['authorization']).toBeUndefined();
    expect((edit.body as any).embeds[0].title).toBe('Facts about defence spending');
    expect((edit.body as any).allowed_mentions).toEqual({ parse: [] });
  });

  it('a slow error replaces the public placeholder with a private follow-up', async () => {
    briefing.delayMs = 1600;
    briefing.answer = () => ({ tone: 'error', title: 'Cannot do that', sections: [{ items: [{ type: 'text', text: 'Nothing matched.' }] }], notes: [], more: 0 });
    const from = fake.calls.length;
    const payload = fake.interactionPayload(sub('ask', { question: 'what about nothing' }));
    const body = JSON.stringify(payload);
    expect((await post(body, signed(body))).body).toEqual({ type: 5 });
    const followUp = await fake.waitForCall((c) => c.method === 'POST' && c.path === `/webhooks/${fake.applicationId}/${payload.token}`, 5_000, from);
    const deleted = fake.calls.slice(from).filter((c) => c.method === 'DELETE').map((c) => c.path);
    expect(deleted).toEqual([`/webhooks/${fake.applicationId}/${payload.token}/messages/@original`]);
    expect((followUp.body as any).flags).toBe(64);
    expect((followUp.body as any).embeds[0].description).toBe('Nothing matched.');
  });

  it('digest subscribe needs Manage Channels (from the member permission bits); Administrator implies it', async () => {
    const refused = JSON.stringify(fake.interactionPayload(digestSub('subscribe', { time: '08:00' }), { permissions: '0' }));
    const r1 = await post(refused, signed(refused));
    expect(r1.body.type).toBe(4);
    expect(r1.body.data.flags).toBe(64);
    expect(r1.body.data.embeds[0].description).toContain('needs the Manage Channels permission');
    expect(briefing.calls).toEqual([]);

    const allowed = JSON.stringify(fake.interactionPayload(digestSub('subscribe', { time: '08:00', timezone: 'Europe/London' }), { permissions: String(PERMISSIONS.ManageChannels) }));
    const r2 = await post(allowed, signed(allowed));
    expect(r2.body.data.flags).toBeUndefined();
    const admin = JSON.stringify(fake.interactionPayload(digestSub('unsubscribe'), { permissions: String(PERMISSIONS.Administrator) }));
    await post(admin, signed(admin));
    expect(briefing.calls.map((c) => [c.input, c.ctx.canManage])).toEqual([
      ['digest subscribe 08:00 Europe/London', true],
      ['digest unsubscribe', true],
    ]);
  });

  it('autocomplete answers with choices in the response', async () => {
    const options = [{ type: Opt.Subcommand, name: 'quotes', options: [{ type: Opt.String, name: 'speaker', value: 'ser', focused: true }] }];
    const body = JSON.stringify(fake.interactionPayload(options, { type: 4 }));
    const res = await post(body, signed(body));
    expect(res).toEqual({ status: 200, body: { type: 8, data: { choices: [{ name: 'Sergei Lavrov — Russian Foreign Minister', value: 'Sergei Lavrov' }] } } });
  });

  it('an unknown command name is answered privately with help', async () => {
    const body = JSON.stringify(fake.interactionPayload(sub('ask', { question: 'x' }), { commandName: 'oldbrief' }));
    const res = await post(body, signed(body));
    expect(res.body.data.flags).toBe(64);
    expect(res.body.data.embeds[0].description).toContain('/oldbrief is not a command of this bot any more');
  });
});

describe('digests through REST, with no gateway connection', () => {
  it('posts the digest to the channel with the bot token, and classifies failures', async () => {
    const channel = fake.guild.channels[0]!.id;
    const from = fake.calls.length;
    const digest = { tone: 'answer' as const, title: 'Your briefing', sections: [{ items: [{ type: 'text' as const, text: 'Talks will be held in Riyadh.' }] }], notes: [], more: 0 };
    const out = await adapter.poster.post({ platform: 'discord', workspace: fake.guild.id, channel }, digest);
    expect(out.ok).toBe(true);
    const posts = fake.calls.slice(from).filter((c) => c.method === 'POST');
    expect(posts.map((c) => c.path)).toEqual([`/channels/${channel}/messages`]);
    expect(posts[0]!.headers['authorization']).toBe(`Bot ${TOKEN}`);
    expect((posts[0]!.body as any).embeds[0].title).toBe('Your briefing');
    expect(fake.gateway.connections).toBe(0);

    const gone = await adapter.poster.post({ platform: 'discord', workspace: fake.guild.id, channel: '999999999999999999' }, digest);
    expect(gone).toMatchObject({ ok: false, kind: 'channel_gone' });
  });
});
