// The `/brief` application command as Discord stores it, mapped from the command registry: each
// command's neutral options become string options, a command with actions a subcommand group.
// Registration compares this with what is registered; interaction handling validates incoming
// options against it (lengths, required), so a stale registration or a forged payload gets the
// same clear answer as a blank option.
import {
  ApplicationCommandOptionType as Opt,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandOption,
  type APIApplicationCommandSubcommandGroupOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { OPTION_LENGTH } from '../../core/commands/grammar.ts';
import { optionsUsage } from '../../core/commands/help.ts';
import type { ActionSpec, AnySpec, OptionSpec } from '../../core/commands/spec.ts';
import { SPECS, specOf } from '../../core/commands/specs/index.ts';
import type { CommandName } from '../../core/commands/types.ts';

export const COMMAND_NAME = 'brief';

/** Longest free-text option values we accept; Discord enforces them too once registered. */
export const MAX_LENGTH = OPTION_LENGTH;

function stringOption(o: OptionSpec): APIApplicationCommandBasicOption {
  const base = {
    type: Opt.String as const,
    name: o.name,
    description: o.description,
    ...(o.required ? { required: true } : {}),
    ...(o.minLength !== undefined ? { min_length: o.minLength } : {}),
    ...(o.maxLength !== undefined ? { max_length: o.maxLength } : {}),
  };
  // Discord takes autocomplete or fixed choices, not both.
  if (o.autocomplete) return { ...base, autocomplete: true };
  return o.choices ? { ...base, choices: o.choices.map((c) => ({ name: c, value: c })) } : base;
}

function subcommand(name: string, description: string, options: readonly OptionSpec[] | undefined): APIApplicationCommandSubcommandOption {
  return { type: Opt.Subcommand, name, description, ...(options?.length ? { options: options.map(stringOption) } : {}) };
}

function commandOption(spec: AnySpec): APIApplicationCommandSubcommandOption | APIApplicationCommandSubcommandGroupOption {
  const form = spec.options;
  const actions = form.actions as readonly ActionSpec[] | undefined;
  if (!actions) return subcommand(spec.name, form.description, form.options);
  return { type: Opt.SubcommandGroup, name: spec.name, description: form.description, options: actions.map((a) => subcommand(a.name, a.description, a.options)) };
}

export const briefCommand = {
  name: COMMAND_NAME,
  description: 'Question the news briefing: quotes with their speakers, facts, people, daily digest',
  type: ApplicationCommandType.ChatInput,
  // Guild channels only: digests are per channel and the bot runs with the Guilds intent alone.
  contexts: [InteractionContextType.Guild],
  integration_types: [ApplicationIntegrationType.GuildInstall],
  options: SPECS.map(commandOption),
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

interface OptionDef {
  type: number;
  name: string;
  required?: boolean;
  max_length?: number;
  options?: readonly OptionDef[];
}

/** The definition of `/brief [group] sub`, or undefined when it is not (or no longer) a command. */
export function findSubcommand(group: string | null, sub: string): OptionDef | undefined {
  const top = briefCommand.options as readonly OptionDef[];
  const parent = group ? top.find((o) => o.name === group && o.type === Opt.SubcommandGroup)?.options : top;
  return parent?.find((o) => o.name === sub && o.type === Opt.Subcommand);
}

/** The command spec and action behind `/brief [group] sub` (the definition is mapped from the specs). */
export function specAt(group: string | null, sub: string): { spec: AnySpec; action: ActionSpec | null } | undefined {
  if (!findSubcommand(group, sub)) return undefined;
  const spec = specOf((group ?? sub) as CommandName);
  const action = group ? ((spec.options.actions as readonly ActionSpec[]).find((a) => a.name === sub) ?? null) : null;
  return { spec, action };
}

/** One-line usage for a subcommand, from the registry: `/brief quotes [speaker:<speaker>] [about:<about>]`. */
export function usageOf(group: string | null, sub: string): string {
  if (!findSubcommand(group, sub)) return '/brief help';
  return group ? optionsUsage(group as CommandName, sub) : optionsUsage(sub as CommandName);
}
