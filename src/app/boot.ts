// Loading the config for a CLI command: a bad value prints every problem (key and fix) and
// gives the exit code, instead of a stack trace.
import { ConfigError, loadConfig, type LoadedConfig } from '../config/load.ts';

/** EX_CONFIG from sysexits.h: the configuration is wrong. */
export const EXIT_CONFIG = 78;

/** Where the problems go: the CLI's stderr (structurally the CLI's CliIo, which the app does not import). */
export interface ReportIo {
  err: (text: string) => void;
}

export function loadConfigOrReport(io: ReportIo, env: Record<string, string | undefined> = process.env): LoadedConfig | null {
  try {
    return loadConfig({ env });
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    io.err(`${err.message}\n`);
    return null;
  }
}
