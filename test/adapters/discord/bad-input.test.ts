// Bad input and platform errors: each gets a clear ephemeral message where Discord allows one,
// and the client keeps serving the next interaction.
import { ApplicationCommandOptionType as Opt, MessageFlags } from 'discord.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { rateLimited } from '../../fakes/discord.ts';
import { bodyOf, interact, startHarness, sub, type Harness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});
beforeEach(() => {
  h.briefing.calls.length = 0;
  h.briefing.answer = null;
});

const callbackPath = /^\/interactions\/\d+\/[^/]+\/callback$/;

async function expectStillServing(): Promise<void> {
  const before = h.briefing.calls.length;
  const { callback } = await interact(h, sub('facts', { topic: 'spending' }));
  expect(h.briefing.calls.length).toBe(before + 1);
  expect(bodyOf(callback)).toMatchObject({ type: 4, data: { embeds: [{ title: 'Facts about defence spending' }] } });
}

describe('bad options', () => {
  it('a blank required option is refused with the usage, without calling the core', async () => {
    const { callback } = await interact(h, sub('ask', { question: '   \n ' }));
    expect(h.briefing.calls).toEqual([]);
    expect(bodyOf(callback).data).toMatchObject({
      flags: MessageFlags.Ephemeral,
      allowed_mentions: { parse: [] },
      embeds: [{ title: 'Cannot do that', description: 'question cannot be empty.\n\nUsage: `/brief ask question:<question>`' }],
    });
    await expectStillServing();
  });

  it('a 6,000-character option is refused with its length and the limit', async () => {
    const { callback } = await interact(h, sub('ask', { question: 'why '.repeat(1500) }));
    expect(h.briefing.calls).toEqual([]);
    expect(bodyOf(callback).data['flags']).toBe(MessageFlags.Ephemeral);
    expect(bodyOf(callback).data['embeds'][0].description).toBe(
      'question is too long (5999 characters; at most 996).\n\nUsage: `/brief ask question:<question>`',
    );
    await expectStillServing();
  });

  it('@everyone in a question reaches the core as text, and its echo can neither ping nor display as a mention', async () => {
    h.briefing.answer = (input) => ({
      tone: 'answer',
      title: `Nothing found for: ${input.slice(4)}`,
      sections: [{ items: [{ type: 'text', text: `No quotes match "${input.slice(4)}".` }] }],
      notes: [],
      more: 0,
    });
    const { callback } = await interact(h, sub('ask', { question: '@everyone what did <@123456789012345678> say' }));
    expect(h.briefing.calls[0]!.input).toBe('ask @everyone what did <@123456789012345678> say');
    const { data } = bodyOf(callback);
    expect(data['allowed_mentions']).toEqual({ parse: [] });
    expect(data['embeds'][0].title).toBe('Nothing found for: @\u200beveryone what did <\u200b@123456789012345678> say');
    expect(data['embeds'][0].description).toBe('No quotes match "@\u200beveryone what did <\u200b@123456789012345678> say".');
    expect(JSON.stringify(data)).not.toMatch(/@everyone|<@\d/);
  });

  it('an unknown subcommand from a stale registration gets an ephemeral pointer to help', async () => {
    const { callback } = await interact(h, [{ type: Opt.Subcommand, name: 'search', options: [{ type: Opt.String, name: 'q', value: 'troops' }] }]);
    expect(h.briefing.calls).toEqual([]);
    expect(bodyOf(callback).data).toMatchObject({
      flags: MessageFlags.Ephemeral,
      embeds: [{ description: '/brief search is not a command any more (this server may have an old copy of the command list). Try /brief help.\n\nUsage: `/brief help`' }],
    });
    await expectStillServing();
  });

  it('an unknown command name is answered too', async () => {
    const { callback } = await interact(h, sub('ask', { question: 'x' }), { commandName: 'news' });
    expect(bodyOf(callback).data['flags']).toBe(MessageFlags.Ephemeral);
    expect(bodyOf(callback).data['embeds'][0].description).toContain('/news is not a command of this bot any more');
  });
});

describe('REST errors', () => {
  it('a 500 on the callback (after discord.js retries) ends in an ephemeral apology, then serving continues', async () => {
    h.fake.fail({ method: 'POST', path: callbackPath, status: 500, times: 4 });
    const from = h.fake.calls.length;
    const { id, token } = h.fake.dispatchInteraction(sub('ask', { question: 'what about troops' }));
    const path = `/interactions/${id}/${token}/callback`;
    const apology = await h.fake.waitForCall((c) => c.path === path && (c.body as any)?.data?.flags === MessageFlags.Ephemeral, 5_000, from);
    expect(h.fake.calls.slice(from).filter((c) => c.path === path)).toHaveLength(5);
    expect(bodyOf(apology).data['embeds'][0].description).toBe('Discord did not accept the answer just now. Please try again in a moment.');
    await expectStillServing();
  });

  it('a 429 on the callback is waited out by discord.js and the answer goes through', async () => {
    h.fake.fail({ method: 'POST', path: callbackPath, ...rateLimited(0.05) });
    const from = h.fake.calls.length;
    const { id, token } = h.fake.dispatchInteraction(sub('facts', { topic: 'spending' }));
    const path = `/interactions/${id}/${token}/callback`;
    await h.fake.waitForCall((c) => c.path === path, 5_000, from);
    // The first attempt got the 429; wait for the retry.
    const attempts = async () => h.fake.calls.slice(from).filter((c) => c.path === path);
    for (let i = 0; i < 100 && (await attempts()).length < 2; i++) await new Promise((r) => setTimeout(r, 20));
    const [first, second] = await attempts();
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(50);
    expect(bodyOf(second!)).toMatchObject({ type: 4, data: { embeds: [{ title: 'Facts about defence spending' }] } });
    await expectStillServing();
  });

  it('a 500 on the edit after a deferral ends in an ephemeral follow-up', async () => {
    const slow = await startHarness({ deferAfterMs: 20 });
    try {
      slow.briefing.delayMs = 80;
      slow.fake.fail({ method: 'PATCH', path: /messages\/@original$/, status: 502, times: 4 });
      const { token, callback } = await interact(slow, sub('ask', { question: 'what about troops' }));
      expect(bodyOf(callback).type).toBe(5);
      const follow = await slow.fake.waitForCall((c) => c.method === 'POST' && c.path === `/webhooks/${slow.fake.applicationId}/${token}`);
      expect(follow.body).toMatchObject({ flags: MessageFlags.Ephemeral, embeds: [{ description: 'Discord did not accept the answer just now. Please try again in a moment.' }] });
      expect(slow.fake.callsTo('PATCH', /messages\/@original$/)).toHaveLength(4);
    } finally {
      await slow.close();
    }
  });
});
