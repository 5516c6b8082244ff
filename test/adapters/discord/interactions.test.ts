// /brief interactions through the real discord.js Client and the fake gateway: the text handed to
// the core, the context, and the exact callback payloads.
import { MessageFlags } from 'discord.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PERMISSIONS } from '../../fakes/discord.ts';
import { SOURCE } from '../../fakes/discord-briefing.ts';
import { bodyOf, digestSub, interact, startHarness, sub, type Harness } from './harness.ts';

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
  h.briefing.delayMs = 0;
});

const FOOTER = { text: 'Starmer ready to send UK troops to Ukraine · 17 Feb 2025 · Example News' };

describe('each subcommand becomes grammar text and an embed reply', () => {
  it('ask', async () => {
    const { callback } = await interact(h, sub('ask', { question: 'what did Starmer say about troops' }));
    expect(h.briefing.calls[0]!.input).toBe('ask what did Starmer say about troops');
    expect(h.briefing.calls[0]!.ctx).toEqual({
      platform: 'discord',
      workspace: h.fake.guild.id,
      channel: h.fake.guild.channels[0]!.id,
      user: '500000000000000001',
      canManage: false,
      checkDelivery: expect.any(Function),
      commandForm: 'options',
    });
    expect(callback.query).toEqual({ with_response: 'false' });
    expect(bodyOf(callback)).toEqual({
      type: 4,
      data: {
        tts: false,
        enforce_nonce: false,
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
    });
  });

  it('quotes with speaker and topic', async () => {
    await interact(h, sub('quotes', { speaker: 'Sergei Lavrov', about: 'troops' }));
    expect(h.briefing.calls[0]!.input).toBe('quotes Sergei Lavrov about troops');
  });

  it('quotes with only a topic, and with nothing', async () => {
    await interact(h, sub('quotes', { about: 'peace talks' }));
    await interact(h, sub('quotes'));
    expect(h.briefing.calls.map((c) => c.input)).toEqual(['quotes about peace talks', 'quotes']);
  });

  it('facts', async () => {
    const { callback } = await interact(h, sub('facts', { topic: 'defence spending' }));
    expect(h.briefing.calls[0]!.input).toBe('facts defence spending');
    expect(bodyOf(callback).data['embeds']).toEqual([
      {
        color: 0x5865f2,
        title: 'Facts about defence spending',
        url: SOURCE.url,
        description: '• The UK will spend 2.5% of GDP on defence.\n**2.5% of GDP**\n\n• Talks will be held in Riyadh on Tuesday.\n**Tue 18 Feb 2025**',
        footer: FOOTER,
      },
    ]);
  });

  it('who renders a person as a field', async () => {
    const { callback } = await interact(h, sub('who', { name: 'Mark Rutte' }));
    expect(h.briefing.calls[0]!.input).toBe('who Mark Rutte');
    expect(bodyOf(callback).data['embeds']).toEqual([
      {
        color: 0x4f9dde,
        title: 'Mark Rutte',
        fields: [{ name: 'Mark Rutte', value: 'NATO chief\nAlso: Mr Rutte\n1 quote · 3 mentions\nIn: *Starmer ready to send UK troops to Ukraine*' }],
      },
    ]);
  });

  it('help with a command', async () => {
    await interact(h, sub('help', { command: 'quotes' }));
    expect(h.briefing.calls[0]!.input).toBe('help quotes');
  });

  it('digest preview and status are open to everyone', async () => {
    await interact(h, digestSub('preview'));
    await interact(h, digestSub('status'));
    expect(h.briefing.calls.map((c) => c.input)).toEqual(['digest preview', 'digest status']);
  });

  it('digest subscribe with Manage Channels passes time, zone and days, and canManage', async () => {
    const { callback } = await interact(h, digestSub('subscribe', { time: '08:00', timezone: 'Europe/London', days: 'mon-fri' }), {
      permissions: String(PERMISSIONS.ManageChannels),
    });
    expect(h.briefing.calls[0]!.input).toBe('digest subscribe 08:00 Europe/London mon-fri');
    expect(h.briefing.calls[0]!.ctx.canManage).toBe(true);
    expect(bodyOf(callback).data['embeds'][0].description).toBe('Done: digest subscribe 08:00 Europe/London mon-fri');
    expect(bodyOf(callback).data['flags']).toBeUndefined();
  });
});

describe('permissions', () => {
  it('digest subscribe without Manage Channels is refused privately and never reaches the core', async () => {
    const { callback } = await interact(h, digestSub('subscribe', { time: '08:00' }), { permissions: '0' });
    expect(h.briefing.calls).toEqual([]);
    const { type, data } = bodyOf(callback);
    expect(type).toBe(4);
    expect(data['flags']).toBe(MessageFlags.Ephemeral);
    expect(data['embeds'][0].color).toBe(0xed4245);
    expect(data['embeds'][0].description).toContain('needs the Manage Channels permission');
  });

  it('Administrator implies Manage Channels', async () => {
    await interact(h, digestSub('unsubscribe'), { permissions: String(PERMISSIONS.Administrator) });
    expect(h.briefing.calls.map((c) => [c.input, c.ctx.canManage])).toEqual([['digest unsubscribe', true]]);
  });

  it('digest unsubscribe without the permission is refused too', async () => {
    const { callback } = await interact(h, digestSub('unsubscribe'));
    expect(h.briefing.calls).toEqual([]);
    expect(bodyOf(callback).data['flags']).toBe(MessageFlags.Ephemeral);
  });
});

describe('errors are ephemeral', () => {
  it('an error reply from the core shows its usage, only to the asker', async () => {
    h.briefing.answer = () => ({ tone: 'error', title: 'Cannot read that time', sections: [{ items: [{ type: 'text', text: '"25:00" is not a time.' }] }], notes: [], more: 0, usage: 'digest subscribe <HH:MM> [timezone] [days]' });
    const { callback } = await interact(h, digestSub('subscribe', { time: '25:00' }), { permissions: String(PERMISSIONS.ManageChannels) });
    expect(bodyOf(callback).data).toMatchObject({
      flags: MessageFlags.Ephemeral,
      allowed_mentions: { parse: [] },
      embeds: [{ color: 0xed4245, title: 'Cannot read that time', description: '"25:00" is not a time.\n\nUsage: `digest subscribe <HH:MM> [timezone] [days]`' }],
    });
  });

  it('a core that throws gets a generic ephemeral error and the client keeps serving', async () => {
    h.briefing.answer = () => {
      throw new Error('database is locked');
    };
    const first = await interact(h, sub('ask', { question: 'anything' }));
    expect(bodyOf(first.callback).data['flags']).toBe(MessageFlags.Ephemeral);
    expect(JSON.stringify(first.callback.body)).not.toContain('database is locked');
    h.briefing.answer = null;
    const second = await interact(h, sub('ask', { question: 'anything else' }));
    expect(bodyOf(second.callback).data['flags']).toBeUndefined();
  });
});

describe('slow answers are deferred, then edited in', () => {
  it('defers when the answer is not ready in time and PATCHes @original', async () => {
    const slow = await startHarness({ deferAfterMs: 30 });
    try {
      slow.briefing.delayMs = 150;
      const { token, callback } = await interact(slow, sub('ask', { question: 'what did Rutte say' }));
      expect(bodyOf(callback)).toEqual({ type: 5, data: { flags: 0 } });
      const edit = await slow.fake.waitForCall((c) => c.method === 'PATCH' && c.path === `/webhooks/${slow.fake.applicationId}/${token}/messages/@original`);
      expect(edit.body).toMatchObject({ allowed_mentions: { parse: [] }, embeds: [{ title: 'What Keir Starmer said about troops', footer: FOOTER }] });
      // The edit comes after the deferral.
      expect(edit.at).toBeGreaterThanOrEqual(callback.at);
    } finally {
      await slow.close();
    }
  });

  it('a slow error replaces the public placeholder with a private follow-up', async () => {
    const slow = await startHarness({ deferAfterMs: 30 });
    try {
      slow.briefing.delayMs = 120;
      slow.briefing.answer = () => ({ tone: 'error', title: 'No such person', sections: [], notes: ['Try `/brief who` with a full name.'], more: 0 });
      const { token } = await interact(slow, sub('who', { name: 'Nobody' }));
      const webhook = `/webhooks/${slow.fake.applicationId}/${token}`;
      await slow.fake.waitForCall((c) => c.method === 'DELETE' && c.path === `${webhook}/messages/@original`);
      const follow = await slow.fake.waitForCall((c) => c.method === 'POST' && c.path === webhook);
      expect(follow.body).toMatchObject({ flags: MessageFlags.Ephemeral, embeds: [{ title: 'No such person', description: '*Try \\`/brief who\\` with a full name.*' }] });
    } finally {
      await slow.close();
    }
  });
});
