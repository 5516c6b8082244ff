// The registry: every command, in the order help and Discord list them. A new command is its
// spec file, one line here, and its test.
import type { AnySpec } from '../spec.ts';
import type { CommandName } from '../types.ts';
import add from './add.ts';
import ask from './ask.ts';
import digest from './digest.ts';
import facts from './facts.ts';
import feeds from './feeds.ts';
import { helpCommand } from './help.ts';
import quotes from './quotes.ts';
import speakers from './speakers.ts';
import who from './who.ts';

const COMMANDS: readonly AnySpec[] = [ask, quotes, facts, who, speakers, digest, add, feeds];

export const SPECS: readonly AnySpec[] = [...COMMANDS, helpCommand(COMMANDS)];

const BY_NAME: ReadonlyMap<string, AnySpec> = new Map(SPECS.map((s) => [s.name, s]));

/** The spec of a command by its name. */
export function specOf(name: CommandName): AnySpec {
  const spec = BY_NAME.get(name);
  if (!spec) throw new Error(`no command '${name}' in the registry`);
  return spec;
}
