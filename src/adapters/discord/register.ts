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
  /** Server mode: also remove a global copy of our commands (`briefing discord register --remove-global`). */
  removeGlobal?: boolean;
}

export interface RegisterResult {
  scope: 'guild' | 'global';
  /** True when the commands were (re)written. */
  changed: boolean;
  /** The registered command names after the call. */
  names: string[];
  /** Global mode: servers whose leftover server-scoped copy was removed (it listed /brief twice). */
  removedFrom?: string[];
  /** Server mode: the command is also registered globally, so that server lists it twice. */
  alsoGlobal?: true;
}

/** What the operator is told when a server-scoped registration finds a global copy too. */
export function alsoGlobalWarning(guildId: string): string {
  return `/brief is also registered globally, so server ${guildId} lists it twice. To serve only this server, remove the global copy with \`briefing discord register --remove-global\`; to serve every server, unset DISCORD_GUILD_ID (the server copy is then removed).`;
}

export async function registerCommands(opts: RegisterOptions): Promise<RegisterResult> {
  const commands = opts.commands ?? [briefCommand];
  const route = opts.guildId
    ? Routes.applicationGuildCommands(opts.applicationId, opts.guildId)
    : Routes.applicationCommands(opts.applicationId);
  const scope = opts.guildId ? 'guild' : 'global';
  const registered = (await opts.rest.get(route)) as object[];
  let result: RegisterResult;
  if (sameCommands(registered, commands)) {
    opts.logger?.info('discord commands already up to date', { scope, count: registered.length });
    result = { scope, changed: false, names: registered.map(nameOf) };
  } else {
    const stored = (await opts.rest.put(route, { body: commands })) as object[];
    opts.logger?.info('discord commands registered', { scope, names: stored.map(nameOf) });
    result = { scope, changed: true, names: stored.map(nameOf) };
  }
  await otherScope(opts, commands.map(nameOf), result);
  return result;
}

/**
 * Switching scope leaves the other scope's copy behind and members see /brief twice. Global mode
 * removes our commands from every server the bot is in (the global ones serve them); server mode
 * cannot remove the global copy without taking /brief from other servers, so it says so, unless
 * asked to (`removeGlobal`). A failure here is logged: the registration itself stands.
 */
async function otherScope(opts: RegisterOptions, ours: string[], result: RegisterResult): Promise<void> {
  const mine = (c: object) => ours.includes(nameOf(c));
  try {
    if (opts.guildId) {
      const globalRoute = Routes.applicationCommands(opts.applicationId);
      const global = (await opts.rest.get(globalRoute)) as object[];
      if (!global.some(mine)) return;
      if (opts.removeGlobal) {
        await opts.rest.put(globalRoute, { body: global.filter((c) => !mine(c)).map(definitionOf) });
        opts.logger?.info('removed the global copy of the discord commands', { names: ours });
        return;
      }
      result.alsoGlobal = true;
      opts.logger?.warn(alsoGlobalWarning(opts.guildId));
      return;
    }
    const guilds = (await opts.rest.get(Routes.userGuilds(), { query: new URLSearchParams({ limit: '200' }) })) as { id: string }[];
    for (const g of guilds) {
      const route = Routes.applicationGuildCommands(opts.applicationId, g.id);
      const there = (await opts.rest.get(route)) as object[];
      if (!there.some(mine)) continue;
      await opts.rest.put(route, { body: there.filter((c) => !mine(c)).map(definitionOf) });
      (result.removedFrom ??= []).push(g.id);
      opts.logger?.info('removed a leftover server copy of the discord commands (the global ones serve it)', { guild: g.id, names: ours });
    }
  } catch (err) {
    opts.logger?.warn('could not check the other registration scope for duplicate commands', { error: err instanceof Error ? err.message : String(err) });
  }
}

/** A registered command as a definition to PUT back (without the fields Discord adds). */
function definitionOf(c: object): object {
  const { id: _id, application_id: _a, version: _v, guild_id: _g, ...rest } = c as Rec;
  return rest;
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
