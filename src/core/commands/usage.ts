// Tables derived from the command registry (specs/): the words that name each command, its usage,
// the pooled set and the one-line list of every command. Nothing here is written by hand.
import { PREFIX } from './grammar.ts';
import type { AnySpec } from './spec.ts';
import { SPECS } from './specs/index.ts';
import type { CommandName } from './types.ts';

export { PREFIX };

/** A command's words, as help and the adapters read them. */
export type CommandHelp = Pick<AnySpec, 'aliases' | 'usage' | 'short' | 'summary' | 'examples' | 'pooled' | 'suggest'>;

export const COMMAND_HELP: Readonly<Record<CommandName, CommandHelp>> = Object.fromEntries(SPECS.map((s) => [s.name, s])) as Record<CommandName, CommandHelp>;

export const COMMAND_NAMES: readonly CommandName[] = SPECS.map((s) => s.name as CommandName);

/** Every word that names a command (names and aliases), to the command it names. */
export const COMMAND_WORDS: ReadonlyMap<string, CommandName> = new Map(SPECS.flatMap((s) => [s.name, ...s.aliases].map((w) => [w, s.name as CommandName] as const)));

/** Commands an answer worker may take. */
export const POOLED_COMMANDS: ReadonlySet<CommandName> = new Set(SPECS.filter((s) => s.pooled).map((s) => s.name as CommandName));

/** Commands that get "did you mean" when a word is one edit away. */
export const SUGGESTED_COMMANDS: readonly CommandName[] = SPECS.filter((s) => s.suggest).map((s) => s.name as CommandName);

/** The usage of every command on one line, for errors not tied to one command. */
export const GENERAL_USAGE = `${PREFIX} ${SPECS.map((s) => s.short ?? s.usage.slice(PREFIX.length + 1)).join(' | ')}`;
