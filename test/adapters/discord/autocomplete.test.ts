// Autocomplete (interaction type 4) answered with type 8 choices from the briefing's people.
import { ApplicationCommandOptionType as Opt, InteractionResponseType } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { timezoneChoices } from '../../../src/adapters/discord/autocomplete.ts';
import { interact, startHarness, type Harness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

function focused(subcommand: string, option: string, value: string, others: Record<string, string> = {}, group?: string): unknown[] {
  const leaf = {
    type: Opt.Subcommand,
    name: subcommand,
    options: [
      ...Object.entries(others).map(([name, v]) => ({ type: Opt.String, name, value: v })),
      { type: Opt.String, name: option, value, focused: true },
    ],
  };
  return group ? [{ type: Opt.SubcommandGroup, name: group, options: [leaf] }] : [leaf];
}

describe('people autocomplete', () => {
  it('offers speakers for quotes, with their role in the label and the bare name as value', async () => {
    const { callback } = await interact(h, focused('quotes', 'speaker', 'sta', { about: 'troops' }), { type: 4 });
    expect(callback.body).toEqual({
      type: InteractionResponseType.ApplicationCommandAutocompleteResult,
      data: { choices: [{ name: 'Keir Starmer — Prime Minister', value: 'Keir Starmer' }] },
    });
  });

  it('offers names for who, and everyone for an empty query', async () => {
    const { callback } = await interact(h, focused('who', 'name', ''), { type: 4 });
    const choices = (callback.body as any).data.choices as { name: string; value: string }[];
    expect(choices.map((c) => c.value)).toEqual(['Keir Starmer', 'Mark Rutte', 'Volodymyr Zelensky', 'Sergei Lavrov']);
  });

  it('caps at 25 choices of at most 100 characters, names deduplicated', async () => {
    const original = h.briefing.suggestPeople;
    h.briefing.suggestPeople = async (_q, limit) =>
      Array.from({ length: 40 }, (_, i) => ({ name: `${i % 30} ${'Person '.repeat(20)}`, role: 'Minister for Very Long Titles And Other Things' })).slice(0, Math.max(limit, 40));
    try {
      const { callback } = await interact(h, focused('who', 'name', 'per'), { type: 4 });
      const choices = (callback.body as any).data.choices as { name: string; value: string }[];
      expect(choices).toHaveLength(25);
      for (const c of choices) {
        expect(c.name.length).toBeLessThanOrEqual(100);
        expect(c.value.length).toBeLessThanOrEqual(100);
      }
      expect(new Set(choices.map((c) => c.value)).size).toBe(25);
    } finally {
      h.briefing.suggestPeople = original;
    }
  });

  it('a failing lookup still answers, with no choices', async () => {
    const original = h.briefing.suggestPeople;
    h.briefing.suggestPeople = async () => {
      throw new Error('store closed');
    };
    try {
      const { callback } = await interact(h, focused('who', 'name', 'x'), { type: 4 });
      expect(callback.body).toEqual({ type: 8, data: { choices: [] } });
    } finally {
      h.briefing.suggestPeople = original;
    }
  });
});

describe('timezone autocomplete', () => {
  it('matches any segment of the zone name', async () => {
    const { callback } = await interact(h, focused('subscribe', 'timezone', 'lond', { time: '08:00' }, 'digest'), { type: 4 });
    expect((callback.body as any).data.choices).toEqual([{ name: 'Europe/London', value: 'Europe/London' }]);
  });

  it('treats spaces as underscores and caps at 25', () => {
    expect(timezoneChoices('new york').map((c) => c.value)).toEqual(['America/New_York']);
    expect(timezoneChoices('')).toHaveLength(25);
    expect(timezoneChoices('')[0]).toEqual({ name: 'UTC', value: 'UTC' });
  });
});
