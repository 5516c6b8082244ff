import { describe, expect, it } from 'vitest';
import { createLogger, redact } from '../src/log.ts';

function capture() {
  const lines: string[] = [];
  return { lines, logger: createLogger({ level: 'debug', write: (l) => lines.push(l) }) };
}

describe('logger', () => {
  it('keeps an error\'s stack, code and cause chain (they were dropped: only name and message were logged)', () => {
    const { lines, logger } = capture();
    const root = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    logger.error('sync failed', { error: new Error('could not open the store', { cause: root }) });
    const fields = JSON.parse(lines[0]!.slice(lines[0]!.indexOf('{'))) as { error: Record<string, any> };
    expect(fields.error.name).toBe('Error');
    expect(fields.error.message).toBe('could not open the store');
    expect(fields.error.stack).toMatch(/^Error: could not open the store\n\s+at .*log\.test\.ts/);
    expect(fields.error.cause).toMatchObject({ name: 'Error', message: 'connect ECONNREFUSED 127.0.0.1:5432', code: 'ECONNREFUSED' });
    expect(fields.error.cause.stack).toMatch(/^Error: connect ECONNREFUSED/);
  });

  it('logs a non-error cause as it is, and the errors of an AggregateError', () => {
    const { lines, logger } = capture();
    logger.warn('x', { err: new Error('outer', { cause: { status: 503 } }), all: new AggregateError([new Error('a'), new Error('b')], 'both failed') });
    const f = JSON.parse(lines[0]!.slice(lines[0]!.indexOf('{'))) as Record<string, any>;
    expect(f.err.cause).toEqual({ status: 503 });
    expect(f.all.errors.map((e: { message: string }) => e.message)).toEqual(['a', 'b']);
  });

  it('masks secrets inside stacks and causes too', () => {
    const { lines, logger } = capture();
    redact('xoxb-very-secret-token-1234');
    logger.error('slack failed', { error: new Error('bad', { cause: new Error('token xoxb-very-secret-token-1234 refused') }) });
    expect(lines[0]).not.toContain('xoxb-very-secret-token-1234');
    expect(lines[0]).toContain('token [redacted] refused');
  });

  it('scopes child loggers once per level', () => {
    const { lines, logger } = capture();
    logger.child('discord').info('connected');
    logger.child('app').child('answers').info('ready');
    expect(lines[0]).toMatch(/ info \[discord\] connected$/);
    expect(lines[1]).toMatch(/ info \[app:answers\] ready$/);
  });
});
