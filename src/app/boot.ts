// Loading the config for a CLI command: a bad value prints every problem (key and fix) and
// gives the exit code, instead of a stack trace.
import { ConfigError, loadConfig, type LoadedConfig } from '../config/load.ts';
import type { CliIo } from '../cli/main.ts';

/** EX_CONFIG from sysexits.h: the configuration is wrong. */
export const EXIT_CONFIG = 78;

export function loadConfigOrReport(io: CliIo, env: Record<string, string | undefined> = process.env): LoadedConfig | null {
  try {
    return loadConfig({ env });
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    io.err(`${err.message}\n`);
    return null;
  }
}
