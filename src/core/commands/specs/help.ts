// `help [command]`: every command, or one in detail, in the grammar of the platform asking
// (rendered by ../help.ts). Built from the other commands, since it names them.
import { clipWord, fail, PREFIX } from '../grammar.ts';
import { defineCommand, type AnySpec, type CommandSpec } from '../spec.ts';
import type { CommandName } from '../types.ts';

export interface HelpCommand {
  name: 'help';
  about?: CommandName;
}

declare module '../types.ts' {
  interface CommandTypes {
    help: HelpCommand;
  }
}

const usage = `${PREFIX} help [command]`;
const ALIASES = ['--help', '-h', '?'] as const;

export function helpCommand(others: readonly AnySpec[]): CommandSpec<HelpCommand> {
  // A Map, so words such as `constructor` are not found on Object.prototype.
  const words = new Map<string, CommandName>([['help', 'help'], ...ALIASES.map((a) => [a, 'help'] as const)]);
  for (const s of others) for (const w of [s.name, ...s.aliases]) words.set(w, s.name);
  const names = [...others.map((s) => s.name as CommandName), 'help'];
  return defineCommand<HelpCommand>({
    name: 'help',
    aliases: ALIASES,
    usage,
    summary: 'This list, or the details of one command.',
    examples: ['help', 'help quotes'],
    pooled: false,
    suggest: false,
    parse(rest) {
      if (!rest) return { name: 'help' };
      const word = rest.split(' ', 1)[0]!.toLowerCase().replace(/^\//, '');
      const about = words.get(word);
      if (!about || word.startsWith('-') || word === '?') {
        return fail(`there is no command '${clipWord(word)}'; the commands are ${names.join(', ')}`, usage, 'help');
      }
      return { name: 'help', about };
    },
    format: (cmd) => (cmd.about ? `help ${cmd.about}` : 'help'),
    execute: async (cmd, ctx, deps) => deps.help(cmd.about, ctx),
    options: {
      description: 'How to use /brief',
      options: [{ name: 'command', description: 'A command to explain', choices: others.map((s) => s.name as string) }],
      toText: (v) => (v.get('command') ? `help ${v.get('command')}` : 'help'),
      fromCommand: (cmd) => ({ action: null, values: cmd.about ? [['command', cmd.about]] : [] }),
    },
  });
}
