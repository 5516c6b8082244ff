// Issue 15 item 12, second half: when a delivery pauses a subscription (the bot was removed, lost a
// permission, the channel is gone), the person who subscribed it is told in a direct message what
// happened and what brings the digest back, once per pause. Through the real Bolt and discord.js
// against the fakes, with exact payloads, on both storage backends.
import { ApplicationCommandOptionType as Opt, REST } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordAdapter, type DiscordAdapter } from '../../src/adapters/discord/adapter.ts';
import { createRestPoster } from '../../src/adapters/discord/rest-poster.ts';
import { createSlackAdapter, type SlackAdapter } from '../../src/adapters/slack/index.ts';
import { knowledgeOver } from '../../src/app/asking.ts';
import { createBriefing } from '../../src/core/commands/briefing.ts';
import { extractArticle } from '../../src/core/extract/index.ts';
import type { DigestCommand } from '../../src/core/commands/specs/digest.ts';
import { createLogger } from '../../src/log.ts';
import { ManualClock } from '../../src/scheduling/clock.ts';
import { createDigestCommands } from '../../src/scheduling/commands.ts';
import { createScheduler, type Scheduler } from '../../src/scheduling/scheduler.ts';
import { migrate as pgMigrate } from '../../src/store/postgres/db.ts';
import { openPostgres, pgDigestStorage } from '../../src/store/postgres/index.ts';
import { pgSubscriptionMigrations } from '../../src/store/postgres/subscriptions.ts';
import { migrate, openDb } from '../../src/store/sqlite/db.ts';
import { sqliteDigestStorage } from '../../src/store/sqlite/digest.ts';
import { KnowledgeStore } from '../../src/store/sqlite/knowledge/store.ts';
import { subscriptionMigrations } from '../../src/store/sqlite/subscriptions.ts';
import type { DigestStorage } from '../../src/store/types.ts';
import { FakeDiscord, PERMISSIONS } from '../fakes/discord.ts';
import { startFakeSlack, type FakeSlack } from '../fakes/slack.ts';
import { sendSlashCommand } from '../fakes/slack-signing.ts';
import { freshDatabase, pgSkipReason, pgUrl } from '../pg/db.ts';
import { BACKENDS } from './backends.ts';
import { entry, MemorySource, settings } from './helpers.ts';

const SLACK_TOKEN = 'xoxb-1111111111-2222222222-pausenoticetokenabcdefgh';
const SIGNING_SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
const DISCORD_TOKEN = 'MTAxfake.pause-notice-token.for-tests-only';
const GUILD = '700000000000000001';
const NEWS = '600000000000000001';
const SPORT = '600000000000000002';
const ALICE = '500000000000000011';
const BOB = '500000000000000012';

for (const backend of BACKENDS) {
  describe.skipIf(backend.skip)(`pause notices (${backend.name}${backend.skip ? `: ${backend.skip}` : ''})`, () => {
    let storage: DigestStorage;
    let sql: (text: string) => Promise<void>;
    let clock: ManualClock;
    let slack: FakeSlack;
    let discord: FakeDiscord;
    let slackAdapter: SlackAdapter;
    let discordAdapter: DiscordAdapter;
    let scheduler: Scheduler;
    const lines: string[] = [];

    beforeAll(async () => {
      const opened = await backend.open(1);
      storage = opened.storages[0]!;
      sql = opened.sql;
      clock = new ManualClock('2025-02-17T06:00:00Z');
      const source = new MemorySource([entry('harbour-strike', Date.parse('2025-02-17T05:00:00Z'), 'Harbour workers strike over pay')]);
      const config = settings({ weekdays: [1, 2, 3, 4, 5, 6, 7] });
      const digests = createDigestCommands({ storage, source, config, clock });
      // The level a deployment runs at; below it, Bolt's own debug lines carry the token (masked).
      const logger = createLogger({ level: 'info', write: (l) => lines.push(l) });
      const briefing = createBriefing({ knowledge: knowledgeOver(KnowledgeStore.open({ path: ':memory:', extract: extractArticle }), { wordnet: false }), digests });
      slack = await startFakeSlack();
      slackAdapter = createSlackAdapter({
        config: { botToken: SLACK_TOKEN, signingSecret: SIGNING_SECRET, port: 0, apiUrl: slack.apiUrl },
        briefing, logger, host: '127.0.0.1', webRetries: 0, posting: { channelIntervalMs: 10 },
      });
      await slackAdapter.start();
      discord = await FakeDiscord.start({ guilds: [{ id: GUILD, name: 'Newsroom', channels: [{ id: NEWS, name: 'news' }, { id: SPORT, name: 'sport' }] }] });
      discordAdapter = createDiscordAdapter({
        config: { token: DISCORD_TOKEN, applicationId: discord.applicationId, apiUrl: discord.apiUrl, guildId: GUILD },
        briefing, logger, deferAfterMs: 1500, register: false,
      });
      await discordAdapter.start();
      scheduler = createScheduler({ storage, source, posters: [slackAdapter.poster, discordAdapter.poster], config, clock, logger, postTimeoutMs: 1_000 });
    });

    afterAll(async () => {
      await scheduler?.stop();
      await slackAdapter?.stop();
      await discordAdapter?.stop();
      await slack?.close();
      await discord?.close();
    });

    async function slackBrief(text: string, channel_id: string, user_id: string) {
      const response_url = slack.respondUrl();
      await sendSlashCommand(`http://127.0.0.1:${slackAdapter.port}/slack/events`, { text, response_url, channel_id, user_id }, { secret: SIGNING_SECRET });
      return JSON.stringify((await slack.waitForCall('respond', (c) => c.path === new URL(response_url).pathname)).body);
    }

    async function discordSubscribe(channelId: string, userId: string, values: Record<string, string>) {
      const from = discord.calls.length;
      const options = [{ type: Opt.SubcommandGroup, name: 'digest', options: [{ type: Opt.Subcommand, name: 'subscribe', options: Object.entries(values).map(([name, value]) => ({ type: Opt.String, name, value })) }] }];
      const { id, token } = discord.dispatchInteraction(options, { permissions: String(PERMISSIONS.ManageChannels), channelId, userId });
      const call = await discord.waitForCall((c) => c.method === 'POST' && c.path === `/interactions/${id}/${token}/callback`, 5_000, from);
      return JSON.stringify(call.body);
    }

    const dms = (user: string) => slack.callsTo('chat.postMessage').filter((c) => c.body.channel === user);

    it('Slack: a channel the bot was removed from pauses, and its subscriber gets one DM saying what to do', async () => {
      expect(await slackBrief('digest subscribe 08:00 Europe/London mon-fri', 'C0NEWS01', 'U0ALICE1')).toContain('Digest subscribed');
      slack.failNext('chat.postMessage', { error: 'not_in_channel' }, 1, 'C0NEWS01');
      clock.set('2025-02-17T08:00:00Z');
      expect(await scheduler.runDue()).toMatchObject({ paused: 1, failed: 0 });
      const [dm, ...more] = dms('U0ALICE1');
      expect(more).toEqual([]);
      expect(dm!.body).toEqual({
        channel: 'U0ALICE1',
        text:
          'I can no longer post the daily digest in <#C0NEWS01>: I am not a member of that channel any more (Slack said not_in_channel). ' +
          'The digest is paused. To resume it, invite me with `/invite @briefing` in <#C0NEWS01>, then run `/brief digest subscribe 08:00 Europe/London mon-fri` there.',
        unfurl_links: 'false',
        unfurl_media: 'false',
      });
      expect(dm!.headers.authorization).toBe(`Bearer ${SLACK_TOKEN}`);
      // The command in the notice is the real grammar: run as written, it resumes the digest.
      expect(await slackBrief('digest subscribe 08:00 Europe/London mon-fri', 'C0NEWS01', 'U0ALICE1')).toContain('Resumed (it was paused: the bot cannot post there (not_in_channel))');
    });

    it('Slack: told once per pause; a later pause after someone else resubscribed tells that person', async () => {
      // Paused, and the next days pass: no more posts, no more notices.
      await slackBrief('digest subscribe 09:00 Europe/London', 'C0GONE01', 'U0ALICE1');
      slack.failNext('chat.postMessage', { error: 'channel_not_found' }, 1, 'C0GONE01');
      clock.set('2025-02-18T09:00:00Z');
      expect((await scheduler.runDue()).paused).toBe(1);
      clock.set('2025-02-19T09:00:00Z');
      expect((await scheduler.runDue()).paused).toBe(0);
      clock.set('2025-02-20T09:00:00Z');
      await scheduler.runDue();
      const toGone = () => dms('U0ALICE1').filter((c) => String(c.body.text).includes('<#C0GONE01>'));
      expect(toGone()).toHaveLength(1);
      expect(toGone()[0]!.body.text).toBe(
        'I can no longer post the daily digest in <#C0GONE01>: Slack cannot find that channel for me (Slack said channel_not_found): it was deleted, or it is a private channel I was removed from. ' +
          'The digest is paused. If it still exists, invite me with `/invite @briefing` there, then run `/brief digest subscribe 09:00 Europe/London daily` in it; or run that command in another channel.',
      );
      // Bob resubscribes (and changes the days); the next pause goes to him, not to Alice.
      expect(await slackBrief('digest subscribe 09:00 Europe/London weekdays', 'C0GONE01', 'U0BOB001')).toContain('Resumed');
      slack.failNext('chat.postMessage', { error: 'is_archived' }, 1, 'C0GONE01');
      clock.set('2025-02-21T09:00:00Z');
      expect((await scheduler.runDue()).paused).toBe(1);
      expect(toGone()).toHaveLength(1);
      expect(dms('U0BOB001').map((c) => c.body.text)).toEqual([
        'I can no longer post the daily digest in <#C0GONE01>: the channel was archived (Slack said is_archived). ' +
          'The digest is paused. If it is unarchived, invite me with `/invite @briefing` there, then run `/brief digest subscribe 09:00 Europe/London mon-fri` in it; or run that command in another channel.',
      ]);
    });

    it('Slack: a notice that is refused or never answered is logged and the other channels are still posted', async () => {
      await slackBrief('digest subscribe 10:00 Europe/London', 'C0LOST01', 'U0CAROL1');
      await slackBrief('digest subscribe 10:00 Europe/London', 'C0LOST02', 'U0DAVE01');
      await slackBrief('digest subscribe 10:00 Europe/London', 'C0FINE01', 'U0CAROL1');
      // Two channels refuse the digest; Carol's DM is refused, Dave's is never answered.
      const before = lines.length;
      slack.failNext('chat.postMessage', { error: 'not_in_channel' }, 1, 'C0LOST01');
      slack.failNext('chat.postMessage', { error: 'not_in_channel' }, 1, 'C0LOST02');
      slack.failNext('chat.postMessage', { error: 'user_not_found' }, 1, 'U0CAROL1');
      slack.failNext('chat.postMessage', { silent: true }, 1, 'U0DAVE01');
      clock.set('2025-02-22T10:00:00Z');
      const run = await scheduler.runDue();
      expect(run).toMatchObject({ paused: 2, sent: 1, failed: 0 });
      expect(slack.callsTo('chat.postMessage').filter((c) => c.body.channel === 'C0FINE01')).toHaveLength(1);
      const warned = lines.slice(before).filter((l) => l.includes('could not tell the subscriber'));
      expect(warned).toHaveLength(2);
      expect(warned.some((l) => l.includes('"user":"U0CAROL1"') && l.includes('user_not_found'))).toBe(true);
      expect(warned.some((l) => l.includes('"user":"U0DAVE01"') && l.includes('no answer within 1000 ms'))).toBe(true);
    });

    it('Discord: Missing Access pauses, and the subscriber gets a DM through the create-DM endpoint', async () => {
      expect(await discordSubscribe(NEWS, ALICE, { time: '07:30', timezone: 'America/New_York', days: 'mon-fri' })).toContain('Digest subscribed');
      discord.fail({ method: 'POST', path: `/channels/${NEWS}/messages`, status: 403, body: { message: 'Missing Access', code: 50001 } });
      const from = discord.calls.length;
      clock.set('2025-02-24T12:30:00Z'); // Monday 07:30 in New York
      expect(await scheduler.runDue()).toMatchObject({ paused: 1 });
      const calls = discord.calls.slice(from).filter((c) => c.method === 'POST').map((c) => ({ path: c.path, body: c.body }));
      const dm = discord.dmChannels.get(ALICE)!;
      expect(calls.slice(1)).toEqual([
        { path: '/users/@me/channels', body: { recipient_id: ALICE } },
        {
          path: `/channels/${dm}/messages`,
          body: {
            content:
              `I can no longer post the daily digest in <#${NEWS}>: I cannot see that channel any more (Discord said 50001 Missing Access). The digest is paused. ` +
              'To resume it, give my role View Channel, Send Messages and Embed Links in that channel (Edit Channel → Permissions), then run `/brief digest subscribe time:07:30 timezone:America/New_York days:mon-fri` there.',
            allowed_mentions: { parse: [] },
          },
        },
      ]);
      expect(calls[0]!.path).toBe(`/channels/${NEWS}/messages`);
      // The next day: still paused, nothing posted, no second notice.
      clock.set('2025-02-25T12:30:00Z');
      expect((await scheduler.runDue()).paused).toBe(0);
      expect(discord.callsTo('POST', '/users/@me/channels')).toHaveLength(1);
    });

    it('Discord: a missing permission and a deleted channel are each worded, and a refused DM (50007) breaks nothing', async () => {
      await discordSubscribe(SPORT, BOB, { time: '06:00', timezone: 'Europe/London' });
      discord.fail({ method: 'POST', path: `/channels/${SPORT}/messages`, status: 403, body: { message: 'Missing Permissions', code: 50013 } });
      clock.set('2025-02-26T06:00:00Z');
      expect((await scheduler.runDue()).paused).toBe(1);
      const sent = () => discord.callsTo('POST', `/channels/${discord.dmChannels.get(BOB)}/messages`).map((c) => (c.body as { content: string }).content);
      expect(sent()).toEqual([
        `I can no longer post the daily digest in <#${SPORT}>: I am missing a permission I need there (Discord said 50013 Missing Permissions). The digest is paused. ` +
          'To resume it, give my role Send Messages and Embed Links (Send Messages in Threads for a thread) in that channel (Edit Channel → Permissions), then run `/brief digest subscribe time:06:00 timezone:Europe/London days:daily` there.',
      ]);
      // The channel is deleted; Bob allows no DMs from server members any more.
      const gone = '600000000000000099';
      await discordSubscribe(gone, BOB, { time: '06:15', timezone: 'Europe/London' });
      discord.fail({ method: 'POST', path: `/channels/${discord.dmChannels.get(BOB)}/messages`, status: 403, body: { message: 'Cannot send messages to this user', code: 50007 } });
      const before = lines.length;
      clock.set('2025-02-27T06:15:00Z');
      expect((await scheduler.runDue()).paused).toBe(1);
      expect(sent()).toHaveLength(2);
      expect(sent()[1]).toBe(
        `I can no longer post the daily digest in <#${gone}>: the channel was deleted (Discord said 10003 Unknown Channel). The digest is paused. ` +
          'To get the digest in another channel, run `/brief digest subscribe time:06:15 timezone:Europe/London days:daily` there.',
      );
      expect(lines.slice(before).filter((l) => l.includes('could not tell the subscriber')).join('\n')).toContain('50007: Cannot send messages to this user');
    });

    it('Discord over REST alone (HTTP interactions mode) sends the same DM', async () => {
      const rest = new REST({ api: discord.apiUrl }).setToken(DISCORD_TOKEN);
      const poster = createRestPoster(rest, createLogger({ level: 'silent' }));
      const resume: DigestCommand = { name: 'digest', action: 'subscribe', time: '08:00', timezone: 'Europe/London', weekdays: [1, 2, 3, 4, 5] };
      const from = discord.calls.length;
      const told = await poster.notifyPaused!({ channel: { platform: 'discord', workspace: GUILD, channel: NEWS }, user: ALICE, outcome: { ok: false, kind: 'no_access', detail: '403 50001: Missing Access' }, resume });
      expect(told).toEqual({ ok: true });
      const calls = discord.calls.slice(from);
      expect(calls.map((c) => [c.method, c.path, c.headers['authorization']])).toEqual([
        ['POST', '/users/@me/channels', `Bot ${DISCORD_TOKEN}`],
        ['POST', `/channels/${discord.dmChannels.get(ALICE)}/messages`, `Bot ${DISCORD_TOKEN}`],
      ]);
      expect((calls[1]!.body as { content: string }).content).toContain('`/brief digest subscribe time:08:00 timezone:Europe/London days:mon-fri`');
    });

    it('a config subscription has no one to tell: it pauses with a log line and no DM', async () => {
      await storage.subscriptions.upsert({ platform: 'slack', workspace: 'T0FAKE01', channel: 'C0CONFIG1', time: '11:00', timezone: 'Europe/London', weekdays: [1, 2, 3, 4, 5, 6, 7] }, 'config', null, clock.now(), 'test');
      slack.failNext('chat.postMessage', { error: 'not_in_channel' }, 1, 'C0CONFIG1');
      const before = slack.calls.length;
      const logged = lines.length;
      clock.set('2025-02-28T11:00:00Z');
      expect((await scheduler.runDue()).paused).toBe(1);
      const posted = slack.calls.slice(before).filter((c) => c.method === 'chat.postMessage').map((c) => String(c.body.channel));
      expect(posted).toContain('C0CONFIG1');
      expect(posted.filter((c) => c.startsWith('U'))).toEqual([]);
      expect(lines.slice(logged).join('\n')).toContain('it is set in the config, so no one was told in chat');
    });

    it('pausing an already paused subscription reports false, so a second instance never tells again', async () => {
      const sub = (await storage.subscriptions.get({ platform: 'slack', workspace: 'T0FAKE01', channel: 'C0CONFIG1' })) as { id: number };
      expect(await storage.subscriptions.pause(sub.id, 'again', clock.now())).toBe(false);
      await sql(`UPDATE digest_subscriptions SET paused_reason = NULL, paused_at = NULL WHERE id = ${sub.id}`);
      expect(await storage.subscriptions.pause(sub.id, 'once more', clock.now())).toBe(true);
    });

    it('no token reaches a log line, even masked', () => {
      const all = lines.join('\n');
      expect(all).not.toContain(SLACK_TOKEN);
      expect(all).not.toContain(DISCORD_TOKEN);
      expect(all).not.toContain('[redacted]');
      expect(all).toContain('told the subscriber that the digest paused');
    });
  });
}

// Rows written before the column existed: their creator is the one to tell.
describe('who to tell, on databases from before (subscriptions SQLite v3, PostgreSQL v2)', () => {
  const OLD_ROW = `INSERT INTO digest_subscriptions (platform, workspace, channel, time, timezone, weekdays, origin, created_by, created_at, updated_at)
    VALUES ('slack', 'T0FAKE01', 'C0OLD0001', '08:00', 'Europe/London', '1,2,3,4,5', 'command', 'U0OLD001', 1, 1),
           ('slack', 'T0FAKE01', 'C0OLD0002', '08:00', 'Europe/London', '1,2,3,4,5', 'config', NULL, 1, 1)`;
  const at = (channel: string) => ({ platform: 'slack', workspace: 'T0FAKE01', channel });

  it('SQLite', async () => {
    const db = openDb(':memory:');
    try {
      migrate(db, subscriptionMigrations.filter((m) => m.version < 3));
      db.exec(OLD_ROW);
      const storage = sqliteDigestStorage(db);
      expect(await storage.subscriptions.get(at('C0OLD0001'))).toMatchObject({ createdBy: 'U0OLD001', subscribedBy: 'U0OLD001' });
      expect(await storage.subscriptions.get(at('C0OLD0002'))).toMatchObject({ createdBy: null, subscribedBy: null });
    } finally {
      db.close();
    }
  });

  it.skipIf(!pgUrl)(`PostgreSQL${pgUrl ? '' : ` (skipped: ${pgSkipReason})`}`, async () => {
    const pool = await openPostgres(await freshDatabase('who_to_tell'), {}, pgSubscriptionMigrations.filter((m) => m.version < 2));
    try {
      await pool.query(OLD_ROW);
      await pgMigrate(pool, pgSubscriptionMigrations);
      const subs = pgDigestStorage(pool).subscriptions;
      expect(await subs.get(at('C0OLD0001'))).toMatchObject({ createdBy: 'U0OLD001', subscribedBy: 'U0OLD001' });
      expect(await subs.get(at('C0OLD0002'))).toMatchObject({ createdBy: null, subscribedBy: null });
    } finally {
      await pool.end();
    }
  });
});
