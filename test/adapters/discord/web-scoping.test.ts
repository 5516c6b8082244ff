// What one Discord guild adds from chat (links and feeds) is that guild's: the real discord.js
// client against the fake Discord with two guilds, the real briefing over SQLite, the local web.
// Mirrors test/adapters/slack/web-scoping.test.ts, with the exact interaction payloads.
import { ApplicationCommandOptionType as Opt } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeDiscord, PERMISSIONS } from '../../fakes/discord.ts';
import { FakeWeb } from '../../fakes/web.ts';
import { fixture, openHarness, type WebHarness } from '../../web/harness.ts';
import { rss, storyHtml, storyTitle } from '../../web/pages.ts';
import { startHarness, sub, type Harness } from './harness.ts';

const GUILD_A = { id: '700000000000000001', name: 'Harbour desk', channels: [{ id: '600000000000000001', name: 'news' }, { id: '600000000000000002', name: 'sport' }] };
const GUILD_B = { id: '700000000000000002', name: 'Other newsroom', channels: [{ id: '600000000000000003', name: 'news' }] };
const [NEWS, SPORT] = GUILD_A.channels.map((c) => c.id) as [string, string];
const OTHER = GUILD_B.channels[0]!.id;

const web = new FakeWeb();
let bot: WebHarness;
let h: Harness;

beforeAll(async () => {
  await web.start();
  web.route('/news/dock-strike', { body: fixture('harbour-strike.html'), type: 'text/html; charset=utf-8' });
  for (const n of [1, 2]) web.page(`/story/${n}`, storyHtml({ n }));
  web.route('/harbour.rss', { body: rss('Harbour news', [1, 2].map((n) => ({ n, url: web.url(`/story/${n}`) }))), type: 'application/rss+xml' });
  bot = openHarness();
  const fake = await FakeDiscord.start({ guilds: [GUILD_A, GUILD_B] });
  // Global commands (no guildId): one bot in both guilds.
  h = await startHarness({ fake, briefing: bot.briefing, guildId: false });
});

afterAll(async () => {
  await h?.close();
  await h?.fake.close();
  await bot?.close();
  await web.stop();
});

const MANAGE = String(PERMISSIONS.ManageChannels);

/** The reply's message payload: the immediate callback's, or the deferred one's edit. */
async function brief(options: unknown[], guildId: string, channelId: string): Promise<Record<string, any>> {
  const from = h.fake.calls.length;
  const { id, token } = h.fake.dispatchInteraction(options, { guildId, channelId, permissions: MANAGE });
  const callback = await h.fake.waitForCall((c) => c.method === 'POST' && c.path === `/interactions/${id}/${token}/callback`, 15_000, from);
  const body = callback.body as { type: number; data?: Record<string, any> };
  if (body.type === 4) return body.data!;
  expect(body.type).toBe(5);
  const edit = await h.fake.waitForCall((c) => c.path.startsWith(`/webhooks/${h.fake.applicationId}/${token}`) && (c.method === 'PATCH' || c.method === 'POST'), 15_000, from);
  return edit.body as Record<string, any>;
}

const feeds = (name: string, values: Record<string, string> = {}) => [{ type: Opt.SubcommandGroup, name: 'feeds', options: sub(name, values) }];
const embedText = (m: Record<string, any>) => JSON.stringify(m.embeds ?? []);

describe('/brief add on Discord, per guild', () => {
  it('replies with what was added, as an embed', async () => {
    const m = await brief(sub('add', { url: web.url('/news/dock-strike') }), GUILD_A.id, NEWS);
    const x = bot.store.getExtraction(bot.store.listArticles()[0]!.id)!;
    const people = new Set(x.quotes.map((q) => q.speaker?.personId).filter(Boolean)).size;
    expect(m).toEqual({
      tts: false,
      enforce_nonce: false,
      allowed_mentions: { parse: [] },
      embeds: [
        {
          color: 0x4f9dde,
          title: `Added: Dock workers walk out as harbour talks collapse (The Coastal Herald, 1 Dec 2026): ${x.quotes.length} quotes from ${people} people`,
          description: '[Dock workers walk out as harbour talks collapse](https://www.coastal-herald.example/news/2026/dec/01/dock-workers-strike)',
        },
      ],
    });
  });

  it('answers from it in the guild that added it, and never in the other', async () => {
    expect(embedText(await brief(sub('quotes', { speaker: 'Kowalczyk' }), GUILD_A.id, NEWS))).toContain('We have been patient for eighteen months');
    expect(embedText(await brief(sub('quotes', { speaker: 'Kowalczyk' }), GUILD_A.id, SPORT))).toContain('We have been patient for eighteen months');
    const theirs = await brief(sub('quotes', { speaker: 'Kowalczyk' }), GUILD_B.id, OTHER);
    expect(JSON.stringify(theirs)).not.toContain('patient for eighteen months');
    const who = await brief(sub('who', { name: 'Marta Kowalczyk' }), GUILD_B.id, OTHER);
    expect(JSON.stringify(who)).not.toContain('Harbour Workers');
    expect(embedText(who)).toContain('Marta Kowalczyk does not appear in the briefing.');
    expect(JSON.stringify(await brief(sub('facts', { topic: 'strike' }), GUILD_B.id, OTHER))).not.toContain('Dock workers');
    expect(JSON.stringify(await brief([{ type: Opt.SubcommandGroup, name: 'digest', options: sub('preview') }], GUILD_B.id, OTHER))).not.toContain('coastal-herald');
  });

  it('says a link is already there only to the guild that has it', async () => {
    expect((await brief(sub('add', { url: web.url('/news/dock-strike') }), GUILD_A.id, SPORT)).embeds[0].title).toMatch(/^Already in the briefing: Dock workers/);
    expect((await brief(sub('add', { url: web.url('/news/dock-strike') }), GUILD_B.id, OTHER)).embeds[0].title).toMatch(/^Added: Dock workers/);
    expect(bot.store.listArticles()).toHaveLength(1);
  });

  it('says exactly why a link was refused', async () => {
    const m = await brief(sub('add', { url: 'http://10.1.2.3/' }), GUILD_A.id, NEWS);
    expect(m).toEqual({
      tts: false,
      enforce_nonce: false,
      allowed_mentions: { parse: [] },
      flags: 64,
      embeds: [{ color: 0xed4245, title: 'Not added (blocked address): 10.1.2.3 is a private address, which the bot does not fetch from', description: 'Usage: `/brief add <url>`' }],
    });
  });
});

describe('feeds on Discord: per channel within a guild, never across guilds', () => {
  it('follows a feed in one channel, with the exact reply', async () => {
    const m = await brief(feeds('add', { url: web.url('/harbour.rss') }), GUILD_A.id, NEWS);
    await bot.web.poller.idle();
    expect(m).toEqual({
      tts: false,
      enforce_nonce: false,
      allowed_mentions: { parse: [] },
      embeds: [
        {
          color: 0x4f9dde,
          title: 'Following: Harbour news',
          description: `${web.url('/harbour.rss')}: 2 entries now; new articles are added to the briefing as they appear (checked every 15 min) and go into this channel's digest.`,
        },
      ],
    });
  });

  it('its articles are in that channel’s digest; the other channel of the guild answers from them without them in its digest', async () => {
    const digest = JSON.stringify(await brief([{ type: Opt.SubcommandGroup, name: 'digest', options: sub('preview') }], GUILD_A.id, NEWS));
    expect(digest).toContain(`(${web.url('/story/1')})`);
    expect(digest).toContain(storyTitle(2));
    const sport = JSON.stringify(await brief([{ type: Opt.SubcommandGroup, name: 'digest', options: sub('preview') }], GUILD_A.id, SPORT));
    expect(sport).not.toContain(web.url('/story/'));
    expect(embedText(await brief(sub('quotes', { speaker: 'Tomas Reyes' }), GUILD_A.id, SPORT))).toContain('We cannot run a service that loses money on every sailing of route 1,');
    const list = await brief(feeds('list'), GUILD_A.id, SPORT);
    expect(list.embeds[0].title).toBe('Feeds (1)');
    expect(list.embeds[0].description).toContain('followed in 1 channel');
  });

  it('guild B sees neither the feed nor its articles', async () => {
    const list = await brief(feeds('list'), GUILD_B.id, OTHER);
    expect(list.embeds[0].title).toBe('No feeds yet');
    expect(JSON.stringify(list)).not.toContain('harbour.rss');
    expect(JSON.stringify(await brief([{ type: Opt.SubcommandGroup, name: 'digest', options: sub('preview') }], GUILD_B.id, OTHER))).not.toContain(web.url('/story/'));
    expect(JSON.stringify(await brief(sub('quotes', { speaker: 'Tomas Reyes' }), GUILD_B.id, OTHER))).not.toContain('route 1,');
    const removed = await brief(feeds('remove', { url: web.url('/harbour.rss') }), GUILD_B.id, OTHER);
    expect(removed).toEqual({
      tts: false,
      enforce_nonce: false,
      allowed_mentions: { parse: [] },
      flags: 64,
      embeds: [{ color: 0xed4245, title: `this channel does not follow ${web.url('/harbour.rss')} (see /brief feeds list)`, description: 'Usage: `/brief feeds add <url> | remove <url> | list`' }],
    });
    // Guild A's feed is untouched by guild B's remove.
    expect((await bot.webStore.findFeed(`discord:${GUILD_A.id}`, web.url('/harbour.rss')))!.channels).toEqual([{ platform: 'discord', workspace: GUILD_A.id, channel: NEWS }]);
  });
});
