// Registers `/brief`: guild-scoped when a guild id is configured (visible at once), global
// otherwise (Discord may take up to an hour to show it). Idempotent: the registered commands are
// fetched and compared after normalising Discord's server-side defaults; PUT only on change.
// The PUT is a bulk overwrite: the application's command list becomes exactly the definition.
import { ApplicationCommandOptionType as Opt, Routes, type REST } from 'discord.js';
import type { Logger } from '../../log.ts';
import { briefCommand } from './definition.ts';

export interface RegisterOptions {
  rest: REST;
  applicationId: string;
  guildId?: string | undefined;
  logger?: Logger;
  /** Defaults to the `/brief` definition. */
  commands?: readonly object[];
}

export interface RegisterResult {
  scope: 'guild' | 'global';
  /** True when the commands were (re)written. */
  changed: boolean;
  /** The registered command names after the call. */
  names: string[];
}

export async function registerCommands(opts: RegisterOptions): Promise<RegisterResult> {
  const commands = opts.commands ?? [briefCommand];
  const route = opts.guildId
    ? Routes.applicationGuildCommands(opts.applicationId, opts.guildId)
    : Routes.applicationCommands(opts.applicationId);
  const scope = opts.guildId ? 'guild' : 'global';
  const registered = (await opts.rest.get(route)) as object[];
  if (sameCommands(registered, commands)) {
    opts.logger?.info('discord commands already up to date', { scope, count: registered.length });
    return { scope, changed: false, names: registered.map(nameOf) };
  }
  const stored = (await opts.rest.put(route, { body: commands })) as object[];
  opts.logger?.info('discord commands registered', { scope, names: stored.map(nameOf) });
  return { scope, changed: true, names: stored.map(nameOf) };
}

/** Equal once each side is reduced to the fields we define, with Discord's defaults filled in. */
export function sameCommands(a: readonly object[], b: readonly object[]): boolean {
  const canon = (list: readonly object[]) =>
    JSON.stringify(list.map((c) => normaliseCommand(c as Rec)).sort((x, y) => String(x['name']).localeCompare(String(y['name']))));
  return canon(a) === canon(b);
}

type Rec = Record<string, unknown>;

function nameOf(c: object): string {
  return String((c as Rec)['name']);
}

export function normaliseCommand(c: Rec): Rec {
  return sorted({
    name: c['name'],
    description: c['description'] ?? '',
    type: c['type'] ?? 1,
    name_localizations: c['name_localizations'] ?? null,
    description_localizations: c['description_localizations'] ?? null,
    default_member_permissions: c['default_member_permissions'] ?? null,
    contexts: c['contexts'] ?? null,
    integration_types: c['integration_types'] ?? [0],
    nsfw: c['nsfw'] ?? false,
    options: ((c['options'] as Rec[] | undefined) ?? []).map(normaliseOption),
  });
}

function normaliseOption(o: Rec): Rec {
  const nested = o['type'] === Opt.Subcommand || o['type'] === Opt.SubcommandGroup;
  const choices = (o['choices'] as Rec[] | undefined) ?? [];
  return sorted({
    type: o['type'],
    name: o['name'],
    description: o['description'] ?? '',
    name_localizations: o['name_localizations'] ?? null,
    description_localizations: o['description_localizations'] ?? null,
    ...(nested
      ? { options: ((o['options'] as Rec[] | undefined) ?? []).map(normaliseOption) }
      : {
          required: o['required'] ?? false,
          autocomplete: o['autocomplete'] ?? false,
          choices: choices.map((ch) => sorted({ name: ch['name'], value: ch['value'], name_localizations: ch['name_localizations'] ?? null })),
          min_length: o['min_length'] ?? null,
          max_length: o['max_length'] ?? null,
          min_value: o['min_value'] ?? null,
          max_value: o['max_value'] ?? null,
          channel_types: o['channel_types'] ?? null,
        }),
  });
}

function sorted(r: Rec): Rec {
  return Object.fromEntries(Object.entries(r).sort(([a], [b]) => a.localeCompare(b)));
}
