// Issue 15 item 12 (Discord): `digest subscribe` in a channel where the interaction's
// app_permissions lack Send Messages or Embed Links, or in a thread without Send Messages in
// Threads, is refused with what to grant, instead of subscribing and pausing at the first delivery.
// The real discord.js client against the fake gateway, the real executor and digest commands.
import { PermissionFlagsBits as P } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBriefing } from '../../../src/core/commands/briefing.ts';
import { createDigestCommands } from '../../../src/scheduling/commands.ts';
import { openDb, type Db } from '../../../src/store/sqlite/db.ts';
import { MemoryKnowledge } from '../../core/commands/memory-knowledge.ts';
import { MemorySource, settings } from '../../scheduling/helpers.ts';
import { bodyOf, digestSub, interact, startHarness, type Harness } from './harness.ts';
import { sqliteDigestStorage } from '../../../src/store/sqlite/digest.ts';

let h: Harness;
let db: Db;
beforeAll(async () => {
  db = openDb(':memory:');
  const digests = createDigestCommands({ storage: sqliteDigestStorage(db), source: new MemorySource([]), config: settings() });
  h = await startHarness({ briefing: createBriefing({ knowledge: new MemoryKnowledge(), digests }) });
});
afterAll(async () => {
  await h?.close();
  db?.close();
});

const MANAGER = String(P.ManageChannels);
const bits = (...b: bigint[]) => String(b.reduce((a, x) => a | x, 0n));

async function subscribe(appPermissions: string, channelType?: number) {
  // A thread has its own id (and discord.js caches it as a thread from the interaction's channel).
  const thread = channelType !== undefined ? { channelType, channelId: '600000000000000099' } : {};
  const { callback } = await interact(h, digestSub('subscribe', { time: '08:30' }), { permissions: MANAGER, appPermissions, ...thread });
  const data = bodyOf(callback).data;
  return { title: data.embeds?.[0]?.title as string, text: JSON.stringify(data.embeds), ephemeral: (data.flags & 64) === 64 };
}

const stored = () => (db.prepare('SELECT count(*) AS n FROM digest_subscriptions').get() as { n: number }).n;

describe('subscribe-time delivery checks on Discord', () => {
  it('refuses a channel where the bot lacks Send Messages, naming the permission and where to grant it', async () => {
    const r = await subscribe(bits(P.ViewChannel, P.EmbedLinks));
    expect(r.ephemeral).toBe(true);
    expect(r.text).toContain('I cannot post digests in this channel: I am missing the Send Messages permission here. Give my role Send Messages in this channel (Edit Channel → Permissions), then subscribe again.');
    expect(stored()).toBe(0);
  });

  it('refuses a channel without Embed Links (digests are embeds)', async () => {
    const r = await subscribe(bits(P.ViewChannel, P.SendMessages));
    expect(r.text).toContain('missing the Embed Links permission');
    expect(stored()).toBe(0);
  });

  it('refuses a thread without Send Messages in Threads, though Send Messages is granted', async () => {
    const r = await subscribe(bits(P.ViewChannel, P.SendMessages, P.EmbedLinks), 11);
    expect(r.text).toContain('I cannot post digests in this thread: I am missing the Send Messages in Threads permission here.');
    expect(stored()).toBe(0);
  });

  it('subscribes where the bot has what it needs', async () => {
    const r = await subscribe(bits(P.ViewChannel, P.SendMessages, P.EmbedLinks));
    expect(r.title).toBe('Digest subscribed');
    expect(stored()).toBe(1);
  });
});
