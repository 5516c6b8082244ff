// `briefing <command> …`: each command is listed in cli/commands/index.ts (summary, usage, options)
// and lives in cli/commands/<command>.ts. Options are parsed here, strictly, before the command's
// module is imported: an unknown option or a missing value stops with exit 2 and the usage.
import { parseArgs } from 'node:util';
import { CLI_COMMANDS, type CliSpec } from './commands/index.ts';

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

export const stdio: CliIo = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
};

/** What a command is given: its options by name (strings and booleans) and the other words. */
export interface CliArgs {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/** A CLI command module. Returns the process exit code. */
export interface CliCommand {
  run(args: CliArgs, io: CliIo, spec: CliSpec): Promise<number>;
}

/** Exit code for a command line that cannot be run as written (EX_USAGE is 64; 2 is what shells and tools use). */
export const EXIT_USAGE = 2;

export function helpText(): string {
  const names = Object.keys(CLI_COMMANDS).sort();
  return `usage: briefing <command> [options]\n\ncommands:\n${names.map((n) => `  ${n.padEnd(10)} ${CLI_COMMANDS[n]!.summary}\n`).join('')}`;
}

/** The options of `spec`, or the reason they cannot be read (named the way the user typed them). */
export function parseCommandLine(spec: CliSpec, argv: string[]): CliArgs | string {
  try {
    const { values, positionals } = parseArgs({ args: argv, options: spec.options, strict: true, allowPositionals: spec.positionals });
    return { values: values as CliArgs['values'], positionals };
  } catch (err) {
    return describeParseError(err as Error & { code?: string }, spec);
  }
}

function describeParseError(err: Error & { code?: string }, spec: CliSpec): string {
  const quoted = /'(-{1,2}[^' ]+)/.exec(err.message)?.[1];
  switch (err.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': {
      const known = Object.keys(spec.options).map((o) => `--${o}`);
      return `unknown option ${quoted ?? err.message}${known.length ? ` (options: ${known.join(', ')})` : ' (it takes no options)'}`;
    }
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      // A value given to a flag (`--json=yes`) or a missing one (`--speaker` at the end).
      return quoted && spec.options[quoted.replace(/^-+/, '')]?.type === 'boolean' ? `${quoted} takes no value` : `${quoted ?? 'an option'} needs a value`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument ${/'([^']*)'/.exec(err.message)?.[0] ?? ''} (it takes only options)`.replace('  ', ' ');
    default:
      return err.message;
  }
}

export async function main(argv: string[], io: CliIo = stdio): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    (name ? io.out : io.err)(helpText());
    return name ? 0 : EXIT_USAGE;
  }
  const spec = Object.hasOwn(CLI_COMMANDS, name) ? CLI_COMMANDS[name] : undefined;
  if (!spec) {
    io.err(`briefing: unknown command '${name}'. Run 'briefing help' for the list.\n`);
    return EXIT_USAGE;
  }
  // `briefing quotes --help`: the usage, unless `--help` is a word after `--`.
  const end = rest.includes('--') ? rest.indexOf('--') : rest.length;
  if (rest.slice(0, end).some((a) => a === '--help' || a === '-h')) {
    io.out(`usage: ${spec.usage}\n${spec.summary}\n`);
    return 0;
  }
  const args = parseCommandLine(spec, rest);
  if (typeof args === 'string') {
    io.err(`briefing ${name}: ${args}\nusage: ${spec.usage}\n`);
    return EXIT_USAGE;
  }
  try {
    const cmd = await spec.load();
    return await cmd.run(args, io, spec);
  } catch (err) {
    io.err(`briefing ${name}: ${(err as Error).message}\n`);
    // Any command that reads the configuration stops the same way on a bad value. (Imported here:
    // `briefing help` and a bad option load no configuration code.)
    const { ConfigError } = await import('../config/load.ts');
    const { EXIT_CONFIG } = await import('../app/boot.ts');
    if (err instanceof ConfigError) return EXIT_CONFIG;
    // The database cannot be used (full disk, newer schema, not a database): exit 3, as documented.
    const { StoreError } = await import('../store/sqlite/db.ts');
    return err instanceof StoreError ? 3 : 1;
  }
}
