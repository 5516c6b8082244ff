// `briefing <command> …`: each command lives in cli/commands/<command>.ts and exports `run(args)`.
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { EXIT_CONFIG } from '../app/boot.ts';
import { ConfigError } from '../config/load.ts';

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

export const stdio: CliIo = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
};

/** A CLI command module. Returns the process exit code. */
export interface CliCommand {
  summary: string;
  usage: string;
  run(args: string[], io: CliIo): Promise<number>;
}

const commandsDir = fileURLToPath(new URL('./commands/', import.meta.url));

function commandNames(): string[] {
  if (!existsSync(commandsDir)) return [];
  return readdirSync(commandsDir)
    .filter((f) => f.endsWith('.ts') && !f.startsWith('_'))
    .map((f) => f.slice(0, -3))
    .sort();
}

async function load(name: string): Promise<CliCommand | undefined> {
  const mod = (await import(`./commands/${name}.ts`)) as { command?: CliCommand };
  return mod.command;
}

export async function main(argv: string[], io: CliIo = stdio): Promise<number> {
  const [name, ...rest] = argv;
  const names = commandNames();
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    io.out('usage: briefing <command> [options]\n\ncommands:\n');
    for (const n of names) {
      // Helper modules shared by several commands sit beside them without a `command` export.
      const cmd = await load(n);
      if (cmd) io.out(`  ${n.padEnd(10)} ${cmd.summary}\n`);
    }
    return name ? 0 : 2;
  }
  const cmd = names.includes(name) ? await load(name) : undefined;
  if (!cmd) {
    io.err(`briefing: unknown command '${name}'. Run 'briefing help' for the list.\n`);
    return 2;
  }
  try {
    return await cmd.run(rest, io);
  } catch (err) {
    io.err(`briefing ${name}: ${(err as Error).message}\n`);
    // Any command that reads the configuration stops the same way on a bad value.
    return err instanceof ConfigError ? EXIT_CONFIG : 1;
  }
}
