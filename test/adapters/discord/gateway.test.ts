// The gateway session: identify with the Guilds intent only, heartbeats, and recovery after the
// fake gateway drops the socket (resume) or ends the session (re-identify).
import { Events, GatewayIntentBits } from 'discord.js';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeDiscord } from '../../fakes/discord.ts';
import { bodyOf, interact, startHarness, sub, type Harness } from './harness.ts';

let h: Harness | undefined;
let fake: FakeDiscord | undefined;
afterEach(async () => {
  await h?.close();
  await fake?.close();
  h = undefined;
  fake = undefined;
});

async function answers(harness: Harness): Promise<void> {
  const { callback } = await interact(harness, sub('ask', { question: 'still there?' }));
  expect(bodyOf(callback)).toMatchObject({ type: 4, data: { embeds: [{ title: 'What Keir Starmer said about troops' }] } });
}

describe('gateway', () => {
  it('logs in over REST then identifies with the Guilds intent only, and knows the guild', async () => {
    h = await startHarness();
    expect(h.fake.calls[0]).toMatchObject({ method: 'GET', path: '/gateway/bot' });
    expect(h.fake.gateway.identifies).toBe(1);
    expect(h.adapter.client.options.intents.bitfield).toBe(GatewayIntentBits.Guilds);
    expect(h.adapter.client.guilds.cache.get(h.fake.guild.id)?.name).toBe('Newsroom');
    expect(h.adapter.client.user?.id).toBe(h.fake.botUser.id);
  });

  it('heartbeats are sent and acknowledged', async () => {
    fake = await FakeDiscord.start();
    fake.heartbeatIntervalMs = 50;
    h = await startHarness({ fake });
    const client = h.adapter.client;
    await new Promise((r) => setTimeout(r, 250));
    expect(fake.gateway.heartbeats).toBeGreaterThanOrEqual(2);
    expect(client.ws.ping).toBeGreaterThanOrEqual(0);
  });

  it('resumes the session after the socket is dropped, and keeps answering', async () => {
    h = await startHarness();
    const resumed = once(h.adapter.client, Events.ShardResume);
    h.fake.closeGateway(4000);
    await resumed;
    expect(h.fake.gateway).toMatchObject({ identifies: 1, resumes: 1, connections: 2 });
    await answers(h);
  });

  it('identifies again when the session cannot be resumed', async () => {
    h = await startHarness();
    // A normal close (1000) makes discord.js drop its session and start a new one.
    h.fake.closeGateway(1000);
    await h.fake.waitForSessions(2);
    expect(h.fake.gateway.identifies).toBe(2);
    await new Promise((r) => setTimeout(r, 50));
    await answers(h);
  });
});

describe('start', () => {
  it('a rejected token fails start with a clear message that does not contain the token', async () => {
    fake = await FakeDiscord.start();
    fake.fail({ path: '/gateway/bot', status: 401, body: { message: '401: Unauthorized', code: 0 } });
    const error = await startHarness({ fake }).then(
      () => null,
      (e: Error) => e,
    );
    expect(error?.message).toBe('Discord rejected the bot token (401). Check DISCORD_TOKEN: reset it under Bot in the developer portal.');
    expect(fake.gateway.connections).toBe(0);
  });

  it('start without a token names the setting', async () => {
    const { createDiscordAdapter } = await import('../../../src/adapters/discord/adapter.ts');
    const { silentLogger } = await import('../../../src/log.ts');
    const { fakeBriefing } = await import('../../fakes/discord-briefing.ts');
    const a = createDiscordAdapter({ config: {}, briefing: fakeBriefing(), logger: silentLogger });
    await expect(a.start()).rejects.toThrow('discord.token is not set: put the bot token in DISCORD_TOKEN');
  });
});
