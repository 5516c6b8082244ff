// A small structured logger. Secrets registered with `redact` are replaced wherever they appear,
// so a token can never reach a log line, even inside an error message.
export type Level = 'debug' | 'info' | 'warn' | 'error' | 'silent';
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(scope: string): Logger;
}

const secrets = new Set<string>();

/** Registers a secret value; it is masked in every later log line. Values shorter than 6 are ignored. */
export function redact(value: string | undefined): void {
  if (value && value.length >= 6) secrets.add(value);
}

export function mask(text: string): string {
  let out = text;
  for (const s of secrets) out = out.split(s).join('[redacted]');
  // Token shapes, in case one was never registered.
  return out.replace(/\b(xox[abpr]-|xapp-)[A-Za-z0-9-]{8,}/g, '$1[redacted]');
}

export interface LoggerOptions {
  level?: Level;
  scope?: string;
  write?: (line: string) => void;
}

export function createLogger(opts: LoggerOptions = {}): Logger {
  const level = opts.level ?? 'info';
  const write = opts.write ?? ((line: string) => process.stderr.write(line + '\n'));
  const emit = (lvl: Level, msg: string, fields?: Record<string, unknown>) => {
    if (ORDER[lvl] < ORDER[level]) return;
    const scope = opts.scope ? ` [${opts.scope}]` : '';
    const extra = fields && Object.keys(fields).length ? ' ' + safeJson(fields) : '';
    write(mask(`${new Date().toISOString()} ${lvl}${scope} ${msg}${extra}`));
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    child: (scope) => createLogger({ ...opts, scope: opts.scope ? `${opts.scope}:${scope}` : scope }),
  };
}

/**
 * An error as plain data for a log line: name, message, `code` (SQLITE_BUSY, ECONNRESET, a
 * platform's error code) when it has one, the stack, and its `cause` chain (and an
 * AggregateError's errors), so the line says where it came from and why.
 */
export function errorFields(err: Error, depth = 0): Record<string, unknown> {
  const out: Record<string, unknown> = { name: err.name, message: err.message };
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' || typeof code === 'number') out.code = code;
  if (err.stack) out.stack = err.stack;
  const { cause } = err as { cause?: unknown };
  if (cause !== undefined) out.cause = depth >= 4 ? String(cause) : cause instanceof Error ? errorFields(cause, depth + 1) : cause;
  if (err instanceof AggregateError && depth < 4) out.errors = err.errors.map((e) => (e instanceof Error ? errorFields(e, depth + 1) : e));
  return out;
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v, (_k, x) => (x instanceof Error ? errorFields(x) : x));
  } catch {
    return String(v);
  }
}

/** A logger that drops everything, for tests and one-shot CLI runs. */
export const silentLogger: Logger = createLogger({ level: 'silent' });
