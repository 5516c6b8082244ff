// Pieces of the text grammar that several commands share: quoting, links, errors and lengths.
import type { CommandError, CommandName } from './types.ts';

export const PREFIX = '/brief';

/** Longest input accepted, after whitespace is collapsed. Questions are short; this stops pastes. */
export const MAX_INPUT_CHARS = 1000;

/** Longest option values, where a platform takes options (Discord enforces them once registered). */
// The question is sent to the core as `ask <question>`: its limit is the core's limit on command text.
export const OPTION_LENGTH = { question: MAX_INPUT_CHARS - 'ask '.length, name: 100, topic: 200, time: 5, timezone: 64, days: 40, url: 1000 } as const;

/** A parse error with the usage of the command it concerns (`usage` set by the caller when general). */
export function fail(error: string, usage: string, command?: CommandName): CommandError {
  return command ? { error, usage, command } : { error, usage };
}

export function clipWord(s: string): string {
  return s.length > 40 ? s.slice(0, 39) + '…' : s;
}

export const firstWord = (s: string) => s.split(' ', 1)[0]!.toLowerCase();

const PAIRS: [string, string][] = [
  ['"', '"'],
  ['“', '”'],
];

/** The text inside one pair of quotation marks wrapping all of `s`, or null when `s` is not wrapped. */
export function unwrapped(s: string): string | null {
  for (const [open, close] of PAIRS) {
    if (s.length >= 2 && s.startsWith(open) && s.endsWith(close)) {
      const inner = s.slice(open.length, s.length - close.length);
      if (!inner.includes(open) && !inner.includes(close)) return inner.trim();
    }
  }
  return null;
}

export function unwrap(s: string): string {
  return unwrapped(s) ?? s;
}

/** A quoted argument at the start of `s` and the text after it. */
export function leadingQuoted(s: string): { inner: string; after: string } | null {
  for (const [open, close] of PAIRS) {
    if (!s.startsWith(open)) continue;
    const end = s.indexOf(close, open.length);
    if (end < 0) return null;
    const inner = s.slice(open.length, end);
    if (inner.includes(open)) return null;
    return { inner: inner.trim(), after: s.slice(end + close.length).trim() };
  }
  return null;
}

/** Wraps an argument in quotation marks when the grammar would otherwise read it differently. */
export function quoteIf(arg: string, ambiguous: boolean): string {
  if (!ambiguous && unwrapped(arg) === null) return arg;
  return arg.includes('"') ? `“${arg}”` : `"${arg}"`;
}

/** A link as pasted: Slack wraps links in <…> (and <url|label>); stray quotes or brackets are dropped. */
export function linkArg(s: string): string {
  return s.trim().replace(/^<([^|>]*)(?:\|[^>]*)?>$/, '$1').replace(/^["“'(]+|["”')]+$/g, '');
}

/** `a`, `a or b`, `a, b or c`. */
export function orList(names: string[]): string {
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}
