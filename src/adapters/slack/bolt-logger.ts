// Bolt, its WebClient and the Socket Mode client log through this adapter, so their lines go
// through our logger (and so through `mask`). Socket Mode logs whole payloads at debug level;
// those carry Slack's legacy verification `token`, which no registered secret would catch.
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../log.ts';

const TOKEN_FIELD = /("token"\s*:\s*")[^"]*(")/g;
const TOKEN_PARAM = /(\btoken=)[^&\s]+/g;

export function scrub(text: string): string {
  return text.replace(TOKEN_FIELD, '$1[redacted]$2').replace(TOKEN_PARAM, '$1[redacted]');
}

export function boltLogger(logger: Logger): BoltLogger {
  // Bolt asks for a level; ours filters by its own, so forward everything.
  let level: LogLevel = LogLevel.DEBUG;
  let name = 'bolt';
  const line = (parts: unknown[]) => scrub(`${name}: ${parts.map(show).join(' ')}`);
  return {
    debug: (...m: unknown[]) => logger.debug(line(m)),
    info: (...m: unknown[]) => logger.info(line(m)),
    warn: (...m: unknown[]) => logger.warn(line(m)),
    error: (...m: unknown[]) => logger.error(line(m)),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
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
