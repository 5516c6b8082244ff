// End to end through the real platform libraries: a channel subscribes with `/brief digest
// subscribe …` on Slack (real Bolt) and Discord (real discord.js), against the fakes, and the
// digest composed from the real knowledge store arrives through each fake at the local time. The
// subscriptions and the ledger are on each storage backend in turn: SQLite and a real PostgreSQL.
import { ApplicationCommandOptionType as Opt } from 'discord.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordAdapter, type DiscordAdapter } from '../../src/adapters/discord/adapter.ts';
import { createSlackAdapter, type SlackAdapter } from '../../src/adapters/slack/index.ts';
import { loadArticles } from '../../src/core/articles/index.ts';
import { createBriefing } from '../../src/core/commands/briefing.ts';
import { extractArticle } from '../../src/core/extract/index.ts';
import { silentLogger } from '../../src/log.ts';
import { ManualClock } from '../../src/scheduling/clock.ts';
import { createDigestCommands } from '../../src/scheduling/commands.ts';
import { createScheduler, type Scheduler } from '../../src/scheduling/scheduler.ts';
import { KnowledgeStore } from '../../src/store/sqlite/knowledge/store.ts';
import { FakeDiscord, PERMISSIONS } from '../fakes/discord.ts';
import { startFakeSlack, type FakeSlack } from '../fakes/slack.ts';
import { sendSlashCommand } from '../fakes/slack-signing.ts';
import { settings } from './helpers.ts';
import { knowledgeOver } from '../../src/app/asking.ts';
import { digestArticles } from '../../src/store/sqlite/digest.ts';
import type { DigestStorage } from '../../src/store/types.ts';
import { BACKENDS } from './backends.ts';

const SLACK_TOKEN = 'xoxb-1111111111-2222222222-abcdefghijklmnopqrstuvwx';
const SIGNING_SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
const DISCORD_TOKEN = 'MTAxfake.bot-token.for-tests-only';
const ARTICLE = 'content/2025-02-17-starmer-ukraine-security.md';

for (const backend of BACKENDS) {
  (backend.skip ? describe.skip : describe)(`on ${backend.name}${backend.skip ? ` (skipped: ${backend.skip})` : ''}`, () => {
    let store: KnowledgeStore;
    let storage: DigestStorage;
    let clock: ManualClock;
    let slack: FakeSlack;
    let discord: FakeDiscord;
    let slackAdapter: SlackAdapter;
    let discordAdapter: DiscordAdapter;
    let scheduler: Scheduler;

    beforeAll(async () => {
      clock = new ManualClock('2025-02-17T06:00:00Z');
      store = KnowledgeStore.open({ path: ':memory:', extract: extractArticle });
      const { articles, errors } = loadArticles([ARTICLE]);
      expect(errors).toEqual([]);
      store.ingestArticles(articles);
      storage = (await backend.open(1)).storages[0]!;
      const config = settings({ weekdays: [1, 2, 3, 4, 5] });
      const digests = createDigestCommands({ storage: storage, source: digestArticles(store), config, clock });
      const briefing = createBriefing({ knowledge: knowledgeOver(store, { wordnet: false }), digests });
      slack = await startFakeSlack();
      slackAdapter = createSlackAdapter({
        config: { botToken: SLACK_TOKEN, signingSecret: SIGNING_SECRET, port: 0, apiUrl: slack.apiUrl },
        briefing, logger: silentLogger, host: '127.0.0.1', webRetries: 0,
        posting: { channelIntervalMs: 10 },
      });
      await slackAdapter.start();
      discord = await FakeDiscord.start({ guilds: [{ id: '700000000000000001', name: 'Newsroom', channels: [{ id: '600000000000000001', name: 'news' }] }] });
      discordAdapter = createDiscordAdapter({
        config: { token: DISCORD_TOKEN, applicationId: discord.applicationId, apiUrl: discord.apiUrl, guildId: discord.guild.id },
        briefing, logger: silentLogger, deferAfterMs: 1500, register: false,
      });
      await discordAdapter.start();
      scheduler = createScheduler({ storage: storage, source: digestArticles(store), posters: [slackAdapter.poster, discordAdapter.poster], config, clock, logger: silentLogger });
    });

    afterAll(async () => {
      await scheduler?.stop();
      await slackAdapter?.stop();
      await discordAdapter?.stop();
      await slack?.close();
      await discord?.close();
      store?.close();
    });

    async function slackBrief(text: string, channel_id: string) {
      const response_url = slack.respondUrl();
      await sendSlashCommand(slackAdapter.port ? `http://127.0.0.1:${slackAdapter.port}/slack/events` : '', { text, response_url, channel_id }, { secret: SIGNING_SECRET });
      return (await slack.waitForCall('respond', (c) => c.path === new URL(response_url).pathname)).body;
    }

    async function discordDigest(sub: string, values: Record<string, string>, channelId?: string) {
      const from = discord.calls.length;
      const options = [{ type: Opt.SubcommandGroup, name: 'digest', options: [{ type: Opt.Subcommand, name: sub, options: Object.entries(values).map(([name, value]) => ({ type: Opt.String, name, value })) }] }];
      const { id, token } = discord.dispatchInteraction(options, { permissions: String(PERMISSIONS.ManageChannels), ...(channelId ? { channelId } : {}) });
      const call = await discord.waitForCall((c) => c.method === 'POST' && c.path === `/interactions/${id}/${token}/callback`, 5_000, from);
      return call.body as { data: { embeds: { title: string; description?: string }[] } };
    }

    describe('digest end to end through Slack and Discord', () => {
      it('subscribes from each platform and posts at each channel’s local time', async () => {
        const s = await slackBrief('digest subscribe 08:00 Europe/London', 'C0NEWS01');
        expect(JSON.stringify(s)).toContain('Daily digest at 08:00 Europe/London, mon-fri.');
        const d = await discordDigest('subscribe', { time: '07:30', timezone: 'America/New_York' });
        expect(d.data.embeds[0]!.title).toBe('Digest subscribed');

        clock.set('2025-02-17T07:59:00Z');
        expect((await scheduler.runDue()).sent).toBe(0);
        clock.set('2025-02-17T08:00:00Z');
        expect((await scheduler.runDue()).sent).toBe(1);
        const posts = slack.callsTo('chat.postMessage');
        expect(posts).toHaveLength(1);
        expect(posts[0]!.body.channel).toBe('C0NEWS01');
        expect(posts[0]!.body.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Daily briefing — Mon 17 Feb 2025', emoji: true } });
        const slackText = JSON.stringify(posts[0]!.body.blocks);
        expect(slackText).toContain('Keir Starmer warns Donald Trump not to turn his back on Ukraine');
        expect(slackText).toContain('Talks in Riyadh');
        expect(slackText).toContain('Tue 18 Feb 2025');

        // 07:30 in New York is 12:30 UTC.
        const sends = () => discord.callsTo('POST', '/channels/600000000000000001/messages');
        clock.set('2025-02-17T12:29:00Z');
        await scheduler.runDue();
        expect(sends()).toHaveLength(0);
        clock.set('2025-02-17T12:30:00Z');
        expect((await scheduler.runDue()).sent).toBe(1);
        expect(sends().length).toBeGreaterThanOrEqual(1);
        const embed = (sends()[0]!.body as { embeds: { title: string }[] }).embeds[0]!;
        expect(embed.title).toBe('Daily briefing — Mon 17 Feb 2025');
        expect(JSON.stringify(sends().map((c) => c.body))).toContain('Keir Starmer');
        // Nothing more that day on either platform.
        clock.set('2025-02-17T18:00:00Z');
        await scheduler.runDue();
        expect(slack.callsTo('chat.postMessage')).toHaveLength(1);
        const status = await slackBrief('digest status', 'C0NEWS01');
        expect(JSON.stringify(status)).toMatch(/Last delivery: posted Mon 17 Feb 2025, 08:00 GMT/);
      });

      it('a Slack channel that is gone pauses its subscription, shown in status', async () => {
        await slackBrief('digest subscribe 09:00 Europe/London', 'C0GONE01');
        slack.failNext('chat.postMessage', { error: 'channel_not_found' });
        clock.set('2025-02-18T09:00:00Z');
        const run = await scheduler.runDue();
        expect(run.paused).toBe(1);
        const status = JSON.stringify(await slackBrief('digest status', 'C0GONE01'));
        expect(status).toContain('Paused since Tue 18 Feb 2025, 09:00 GMT: the channel is gone');
        expect(status).toContain('channel_not_found');
      });

      it('a Slack 429 is waited out by the scheduler (its Retry-After, nothing in flight), then posted once', async () => {
        await slackBrief('digest subscribe 10:00 Europe/London', 'C0FLAKY1');
        slack.failNext('chat.postMessage', { status: 429, retryAfter: 3 });
        const sleepsBefore = clock.sleeps.length;
        clock.set('2025-02-18T10:00:00Z');
        const run = await scheduler.runDue();
        expect(run.sent).toBe(1);
        const calls = slack.callsTo('chat.postMessage').filter((c) => c.body.channel === 'C0FLAKY1');
        expect(calls).toHaveLength(2); // 429, then the post
        expect(clock.sleeps.slice(sleepsBefore)).toEqual([3_000]);
        expect(JSON.stringify(await slackBrief('digest status', 'C0FLAKY1'))).toContain('Last delivery: posted Tue 18 Feb 2025, 10:00 GMT');
      });

      it('a Slack 503 after the message was sent is recorded as unknown and never sent again', async () => {
        await slackBrief('digest subscribe 11:00 Europe/London', 'C0FLAKY2');
        slack.failNext('chat.postMessage', { status: 503 });
        clock.set('2025-02-18T11:00:00Z');
        const run = await scheduler.runDue();
        expect(run).toMatchObject({ sent: 0, unknown: 1 });
        clock.set('2025-02-18T11:01:00Z');
        expect((await scheduler.runDue()).sent).toBe(0);
        expect(slack.callsTo('chat.postMessage').filter((c) => c.body.channel === 'C0FLAKY2')).toHaveLength(1);
        expect(JSON.stringify(await slackBrief('digest status', 'C0FLAKY2'))).toContain('may or may not have reached the channel');
      });

      it('a Discord 429 is waited out and the next day’s digest, with only the new article, posted once', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'digest-e2e-'));
        const path = join(dir, '2025-02-18-council-bridge.md');
        writeFileSync(
          path,
          '---\ntitle: "Council approves a new river bridge"\npublished: 2025-02-18\n---\n' +
            'The city council approved a new river bridge on Tuesday after a two-year consultation.\n' +
            'The bridge will cost £40m and is due to open in the spring of 2027, the council said.\n' +
            'Councillor Jane Holt said: “This bridge will cut journey times for thousands of people every day.”\n',
        );
        const { articles } = loadArticles([path]);
        store.ingestArticles(articles);
        discord.fail({ method: 'POST', path: '/channels/600000000000000001/messages', status: 429, body: { message: 'You are being rate limited.', retry_after: 0.05, global: false }, headers: { 'retry-after': '0.05', 'x-ratelimit-scope': 'user' } });
        const before = discord.callsTo('POST', '/channels/600000000000000001/messages').length;
        clock.set('2025-02-18T12:30:00Z');
        const run = await scheduler.runDue();
        expect(run.failed).toBe(0);
        const after = discord.callsTo('POST', '/channels/600000000000000001/messages').length;
        expect(after - before).toBeGreaterThanOrEqual(2); // the 429, then the post that went through
        const last = JSON.stringify(discord.callsTo('POST', '/channels/600000000000000001/messages').at(-1)!.body);
        expect(last).toContain('Council approves a new river bridge');
        expect(last).not.toContain('Keir Starmer warns');
      });

      it('a Discord channel that answers 404 pauses its subscription, shown in status', async () => {
        const gone = '600000000000000099'; // not a channel of the fake's guild: GET /channels/… answers 404 Unknown Channel
        const d = await discordDigest('subscribe', { time: '06:00', timezone: 'Europe/London' }, gone);
        expect(d.data.embeds[0]!.title).toBe('Digest subscribed');
        clock.set('2025-02-19T06:00:00Z');
        const run = await scheduler.runDue();
        expect(run.paused).toBe(1);
        const status = await discordDigest('status', {}, gone);
        expect(JSON.stringify(status)).toContain('Paused since Wed 19 Feb 2025, 06:00 GMT: the channel is gone (404 10003: Unknown Channel)');
        clock.set('2025-02-20T06:00:00Z');
        expect((await scheduler.runDue()).paused).toBe(0);
        expect(discord.callsTo('GET', `/channels/${gone}`)).toHaveLength(1);
      });
    });
  });
}
