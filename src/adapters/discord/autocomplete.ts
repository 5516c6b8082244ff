// Autocomplete for `/brief`: people (speaker, name) from the briefing, fuzzily; IANA timezones.
// Discord allows 25 choices, each name and value at most 100 characters.
import type { AutocompleteInteraction } from 'discord.js';
import type { Briefing } from '../../core/commands/types.ts';
import { clip } from '../../core/reply/fit.ts';
import type { Logger } from '../../log.ts';
import { neutraliseMentions } from './escape.ts';

export const MAX_CHOICES = 25;
const CHOICE_MAX = 100;

export interface Choice {
  name: string;
  value: string;
}

/** The guild asking (null in a DM): people are suggested only from what it may see. */
export type Guild = string | null;

export async function peopleChoices(briefing: Briefing, query: string, guild: Guild = null): Promise<Choice[]> {
  const seen = new Set<string>();
  const out: Choice[] = [];
  for (const p of await briefing.suggestPeople(query.trim().slice(0, CHOICE_MAX), MAX_CHOICES, { platform: 'discord', workspace: guild ?? 'dm' })) {
    const value = p.name.slice(0, CHOICE_MAX);
    if (!value || seen.has(value)) continue;
    seen.add(value);
    out.push({ name: clip(neutraliseMentions(p.role ? `${p.name} — ${p.role}` : p.name), CHOICE_MAX), value });
    if (out.length === MAX_CHOICES) break;
  }
  return out;
}

let zones: string[] | undefined;

/** Timezones containing the query (prefix matches of any path segment first). */
export function timezoneChoices(query: string): Choice[] {
  zones ??= ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')];
  const q = query.trim().toLowerCase().replace(/\s+/g, '_');
  const scored = zones
    .map((z) => {
      const l = z.toLowerCase();
      const rank = !q ? 1 : l.startsWith(q) || l.split('/').some((seg) => seg.startsWith(q)) ? 0 : l.includes(q) ? 1 : -1;
      return { z, rank };
    })
    .filter((x) => x.rank >= 0)
    .sort((a, b) => a.rank - b.rank);
  return scored.slice(0, MAX_CHOICES).map(({ z }) => ({ name: z, value: z }));
}

/** The choices for the focused option `name` holding `value` (empty for options without autocomplete). */
export async function autocompleteChoices(briefing: Briefing, name: string, value: string, guild: Guild = null): Promise<Choice[]> {
  if (name === 'speaker' || name === 'name') return peopleChoices(briefing, value, guild);
  if (name === 'timezone') return timezoneChoices(value);
  return [];
}

export async function handleAutocomplete(interaction: AutocompleteInteraction, briefing: Briefing, logger: Logger): Promise<void> {
  let choices: Choice[] = [];
  try {
    const focused = interaction.options.getFocused(true);
    choices = await autocompleteChoices(briefing, focused.name, String(focused.value ?? ''), interaction.guildId);
  } catch (err) {
    logger.warn('autocomplete failed', { err });
  }
  try {
    await interaction.respond(choices);
  } catch (err) {
    logger.warn('autocomplete response failed', { id: interaction.id, err });
  }
}
