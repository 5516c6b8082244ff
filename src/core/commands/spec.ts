// What one command is, in one place: its words (aliases, usage, summary, examples), its grammar
// (parse and format), what it does (execute), whether an answer worker may run it, and its
// command as named options for platforms that take options rather than text (Discord). Each
// command is one file under specs/; the registry (specs/index.ts) lists them, and usage, help,
// the "did you mean" list, the answer pool and Discord's command definition are derived from it.
import type { AskAnswer, Knowledge, PersonProfile } from '../ask/types.ts';
import type { Reply } from '../reply/types.ts';
import type { PeopleIndex } from './people.ts';
import type { ChannelContext, Command, CommandError, CommandName, DigestCommands, WebCommands } from './types.ts';

/** One named option of a command, as neutral data (the Discord adapter maps it to a string option). */
export interface OptionSpec {
  name: string;
  description: string;
  required?: boolean;
  minLength?: number;
  maxLength?: number;
  /** Values are suggested as the user types (people, timezones). */
  autocomplete?: boolean;
  /** The only values allowed. */
  choices?: readonly string[];
}

/** One action of a command with several (`digest subscribe`, `feeds add`). */
export interface ActionSpec {
  name: string;
  description: string;
  options?: readonly OptionSpec[];
  /** It changes the channel, so it needs the permission to manage the channel. */
  manages?: boolean;
}

/** A command given as options, and its two conversions to and from the grammar. */
export interface OptionsForm<C extends Command> {
  description: string;
  /** The options of a command without actions (`quotes speaker: about:`)… */
  options?: readonly OptionSpec[];
  /** …or its actions, each with its own options. */
  actions?: readonly ActionSpec[];
  /** The grammar's text for the options given (trimmed, one line, only those not blank). */
  toText(values: ReadonlyMap<string, string>, action: string | null): string;
  /** The options that give `cmd`, to show an example in the options grammar. */
  fromCommand(cmd: C): { action: string | null; values: [string, string][] };
}

/** What a command may use to answer; built per call, for the channel asking. */
export interface CommandDeps {
  knowledge: Knowledge;
  digests?: DigestCommands;
  web?: WebCommands;
  people: PeopleIndex;
  /** How many results to ask the knowledge for (more when some articles are hidden here). */
  limits: { ask: number; list: number };
  /** Whether this channel may see an article (what another workspace added from the web it may not). */
  sees(articleId: string): boolean;
  /** True when this channel may see every article (nothing anywhere is limited to a workspace). */
  seesEverything: boolean;
  /** Drops what this channel may not see and cuts to the shown limit. */
  keep<T extends AskAnswer>(answer: T, kind: 'ask' | 'list'): T;
  /** Drops from a profile what this channel may not see; null when nothing is left. */
  keepProfile(profile: PersonProfile): PersonProfile | null;
  /** Help, in the grammar of the platform asking. */
  help(about: CommandName | undefined, ctx: ChannelContext): Reply;
}

export interface CommandSpec<C extends Command = Command> {
  name: C['name'];
  /** Other words for the command (`quote`, `whois`). The name itself always works. */
  aliases: readonly string[];
  /** Text grammar, with the prefix: `/brief quotes [speaker] [about <topic>]`. */
  usage: string;
  /** The usage in the one-line list of every command (default: `usage` without the prefix). */
  short?: string;
  /** What it does, true in every grammar. */
  summary: string;
  /**
   * What only the text grammar allows, added to the summary there (a bare question is an `ask`).
   * The options grammar (Discord) names a command in every call, so it never shows this.
   */
  textSummary?: string;
  /** In the text grammar, without the prefix; each must parse to this command (or to ask). */
  examples: readonly string[];
  /** Answered from the knowledge alone, so an answer worker can take it (src/app/answers). */
  pooled: boolean;
  /** A word one edit away (`quotse`) gets "did you mean"; off for short names that are also common words. */
  suggest: boolean;
  /** The text after the command word; `whole` is all of it, command word included. */
  parse(rest: string, whole: string): Command | CommandError;
  /** The canonical text; parsing it gives back `cmd`. */
  format(cmd: C): string;
  execute(cmd: C, ctx: ChannelContext, deps: CommandDeps): Promise<Reply>;
  options: OptionsForm<C>;
}

/** A spec of any command, as the registry holds them. */
// Each spec is checked against its own command type by defineCommand; held together they are
// looked up by name, so the command handed to a spec is always its own.
export type AnySpec = CommandSpec<any>;

/** Identity with the type checked: `export default defineCommand<QuotesCommand>({ … })`. */
export function defineCommand<C extends Command>(spec: CommandSpec<C>): CommandSpec<C> {
  return spec;
}
