// Bolt, its WebClient and the Socket Mode client log through this adapter, so their lines go
// through our logger (and so through `mask`). Socket Mode logs whole payloads at debug level;
// those carry Slack's legacy verification `token`, which no registered secret would catch.
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Level, Logger } from '../../log.ts';

const TOKEN_FIELD = /("token"\s*:\s*")[^"]*(")/g;
const TOKEN_PARAM = /(\btoken=)[^&\s]+/g;

export function scrub(text: string): string {
  return text.replace(TOKEN_FIELD, '$1[redacted]$2').replace(TOKEN_PARAM, '$1[redacted]');
}

const BOLT_LEVEL: Record<Level, LogLevel> = { debug: LogLevel.DEBUG, info: LogLevel.INFO, warn: LogLevel.WARN, error: LogLevel.ERROR, silent: LogLevel.ERROR };
const RANK: Record<LogLevel, number> = { [LogLevel.DEBUG]: 0, [LogLevel.INFO]: 1, [LogLevel.WARN]: 2, [LogLevel.ERROR]: 3 };

/**
 * `level` is our logger's level, when known: Bolt and the Socket Mode client check it to skip
 * building debug lines. Bolt's own `setLevel` calls are ignored; ours decides.
 */
export function boltLogger(logger: Logger, level: Level = 'debug'): BoltLogger {
  const min = BOLT_LEVEL[level];
  let name = 'bolt';
  const line = (parts: unknown[]) => scrub(`${name}: ${parts.map(show).join(' ')}`);
  const on = (l: LogLevel) => RANK[l] >= RANK[min];
  return {
    debug: (...m: unknown[]) => on(LogLevel.DEBUG) && logger.debug(line(m)),
    info: (...m: unknown[]) => on(LogLevel.INFO) && logger.info(line(m)),
    warn: (...m: unknown[]) => on(LogLevel.WARN) && logger.warn(line(m)),
    error: (...m: unknown[]) => logger.error(line(m)),
    setLevel: () => {},
    getLevel: () => min,
    setName: (n: string) => {
      name = n;
    },
  };
}

function show(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v instanceof Error) return `${v.name}: ${v.message}`;
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
}
