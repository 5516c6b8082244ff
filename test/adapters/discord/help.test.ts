// Help on Discord speaks Discord's grammar: the real discord.js client, the fake Discord, and the
// real briefing behind them. Usage and examples are named options (`time:08:30 days:mon-fri`),
// rendered from the same command specs that register /brief, so every example fits the options
// Discord takes (the time is at most 5 characters; the option is `days`).
import { MessageFlags } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordAdapter, type DiscordAdapter } from '../../../src/adapters/discord/adapter.ts';
import { briefCommand } from '../../../src/adapters/discord/definition.ts';
import { createBriefing } from '../../../src/core/commands/briefing.ts';
import { silentLogger } from '../../../src/log.ts';
import { FakeDiscord, PERMISSIONS, type RecordedCall } from '../../fakes/discord.ts';
import { TOKEN, sub } from './harness.ts';
import { knowledgeOver } from '../../../src/app/asking.ts';
import { KnowledgeStore } from '../../../src/store/sqlite/knowledge/store.ts';

let fake: FakeDiscord;
let adapter: DiscordAdapter;
let store: KnowledgeStore;

beforeAll(async () => {
  store = KnowledgeStore.open({ path: ':memory:' });
  fake = await FakeDiscord.start();
  adapter = createDiscordAdapter({
    config: { token: TOKEN, applicationId: fake.applicationId, apiUrl: fake.apiUrl, guildId: fake.guild.id },
    briefing: createBriefing({ knowledge: knowledgeOver(store, { wordnet: false }) }),
    logger: silentLogger,
    register: false,
  });
  await adapter.start();
});
afterAll(async () => {
  await adapter?.stop();
  await fake?.close();
  store?.close();
});

async function answerTo(options: unknown[], permissions = '0'): Promise<Record<string, any>> {
  const from = fake.calls.length;
  const { id, token } = fake.dispatchInteraction(options, { permissions });
  const cb: RecordedCall = await fake.waitForCall((c) => c.path === `/interactions/${id}/${token}/callback`, 10_000, from);
  const body = cb.body as { type: number; data: Record<string, any> };
  expect(body.type).toBe(4);
  return body.data;
}

const INFO = 0x4f9dde;

describe('help on Discord', () => {
  it('help digest: the subscribe example is in options that fit the registered ones', async () => {
    const data = await answerTo(sub('help', { command: 'digest' }));
    expect(data).toEqual({
      embeds: [
        {
          color: INFO,
          title: '/brief digest preview | subscribe time:<time> [timezone:<timezone>] [days:<days>] | unsubscribe | status',
          description: [
            "This channel's daily digest: preview it, subscribe at a local time, stop it, or see its schedule.",
            '',
            '**Actions**',
            '/brief digest preview',
            '    Show what the next digest would contain',
            '',
            '/brief digest subscribe time:<time> [timezone:<timezone>] [days:<days>]',
            '    Post a daily digest here (needs Manage Channels)',
            '',
            '/brief digest unsubscribe',
            '    Stop the daily digest here (needs Manage Channels)',
            '',
            '/brief digest status',
            "    Show this channel's digest schedule",
            '',
            '**Examples**',
            '/brief digest preview',
            '',
            '/brief digest subscribe time:08:30 timezone:Europe/London days:mon-fri',
            '',
            '/brief digest status',
            '',
            '/brief digest unsubscribe',
          ].join('\n'),
        },
      ],
      allowed_mentions: { parse: [] },
      tts: false,
      enforce_nonce: false,
    });
    // Each option the example names exists on the registered subcommand, within its length.
    const group = briefCommand.options.find((o) => o.name === 'digest') as unknown as { options: { name: string; options?: { name: string; max_length?: number }[] }[] };
    const subscribe = group.options.find((o) => o.name === 'subscribe')!.options!;
    for (const [name, value] of [['time', '08:30'], ['timezone', 'Europe/London'], ['days', 'mon-fri']] as const) {
      const opt = subscribe.find((o) => o.name === name)!;
      expect(value.length).toBeLessThanOrEqual(opt.max_length!);
    }
  });

  it('help: every command in options, and asking is /brief ask question:, not /brief <question>', async () => {
    const data = await answerTo(sub('help'));
    const embed = data['embeds'][0];
    expect(embed.title).toBe('Briefing commands');
    const usages = (embed.description as string).split('\n').filter((l) => l.startsWith('/brief'));
    expect(usages).toEqual([
      '/brief ask question:<question>',
      '/brief quotes [speaker:<speaker>] [about:<about>]',
      '/brief facts [topic:<topic>]',
      '/brief who name:<name>',
      '/brief speakers [topic:<topic>]',
      '/brief digest preview | subscribe time:<time> [timezone:<timezone>] [days:<days>] | unsubscribe | status',
      '/brief add url:<url>',
      '/brief feeds add url:<url> | remove url:<url> | list',
      '/brief help [command:<command>]',
    ]);
    expect(embed.description).toContain('*Ask a question with /brief ask question:what was said about troops. Details: /brief help command:<command>.*');
    expect(embed.description).not.toMatch(/<HH:MM>|\[weekdays\]|\/brief <question>|\/brief what was said|on its own/);
  });

  it('help ask: a bare question example is shown as the ask option, and no bare question is promised', async () => {
    // The definition has only subcommands (and groups) at the top: Discord cannot send /brief <question>.
    expect(briefCommand.options.map((o) => o.type).every((t) => t === 1 || t === 2)).toBe(true);
    const data = await answerTo(sub('help', { command: 'ask' }));
    expect(data['embeds'][0].description).toBe(
      [
        'Answer a question from the articles, with quotes and facts and where they come from.',
        '',
        '**Examples**',
        '/brief ask question:what did the prime minister say about troops',
        '',
        '/brief ask question:who said Europe must step up',
      ].join('\n'),
    );
  });

  it("a grammar error from the core shows the usage in Discord's options", async () => {
    const data = await answerTo(
      [{ type: 2, name: 'digest', options: [{ type: 1, name: 'subscribe', options: [{ type: 3, name: 'time', value: '25:00' }] }] }],
      String(PERMISSIONS.ManageChannels),
    );
    expect(data).toEqual({
      embeds: [
        {
          color: 0xed4245,
          title: "'25:00' is not a time of day; use 24-hour HH:MM, e.g. 08:30",
          description: 'Usage: `/brief digest preview | subscribe time:<time> [timezone:<timezone>] [days:<days>] | unsubscribe | status`',
        },
      ],
      allowed_mentions: { parse: [] },
      flags: MessageFlags.Ephemeral,
      tts: false,
      enforce_nonce: false,
    });
  });
});
