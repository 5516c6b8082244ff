// The one command grammar. Every platform hands the text after `/brief` to `parseCommand`
// (Discord first turns its options into text through each command's spec), so a command means the
// same everywhere. Bad input becomes a one-line CommandError with the usage to show, never an
// exception. What each command's words mean is its spec's (specs/); this file finds the command.
import { editDistance } from '../util/edit-distance.ts';
import { clipWord, fail, MAX_INPUT_CHARS } from './grammar.ts';
import { specOf } from './specs/index.ts';
import type { Command, CommandError, CommandName } from './types.ts';
import { COMMAND_WORDS, GENERAL_USAGE, SUGGESTED_COMMANDS } from './usage.ts';

export { MAX_INPUT_CHARS };

const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;
const SPACE_LIKE = /[\t\n\r\v\f\u00A0\u2028\u2029]/g;
// C0/C1 controls and bidirectional overrides, which can make a message display differently from what it says.
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

export function isCommandError(x: Command | CommandError): x is CommandError {
  return 'error' in x;
}

/** Parses the text after `/brief` (a leading `/brief` is tolerated too). */
export function parseCommand(input: string): Command | CommandError {
  const cleaned = input.replace(ZERO_WIDTH, '').replace(SPACE_LIKE, ' ');
  const control = CONTROL.exec(cleaned);
  if (control) {
    const code = control[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    return fail(`the input contains a control character (U+${code}); send plain text`, GENERAL_USAGE);
  }
  let text = cleaned.trim().replace(/\s+/g, ' ');
  if (text.length > MAX_INPUT_CHARS) {
    return fail(`the input is too long (${text.length.toLocaleString('en-GB')} characters; the limit is ${MAX_INPUT_CHARS.toLocaleString('en-GB')})`, GENERAL_USAGE);
  }
  text = text.replace(/^\/brief(?:\s+|$)/i, '');
  if (!text) return { name: 'help' };

  const space = text.indexOf(' ');
  const word = (space < 0 ? text : text.slice(0, space)).toLowerCase();
  const rest = space < 0 ? '' : text.slice(space + 1);
  const name = COMMAND_WORDS.get(word) ?? COMMAND_WORDS.get(word.replace(/^\//, ''));
  if (!name) {
    const near = nearCommand(word.replace(/^\//, ''));
    if (near || word.startsWith('/') || word.startsWith('-')) {
      const hint = near ? ` (did you mean '${near}'?` + " To ask a question, start with 'ask'.)" : '';
      return fail(`unknown command '${clipWord(word)}'${hint}`, GENERAL_USAGE);
    }
    return { name: 'ask', question: text };
  }
  return specOf(name).parse(rest, text);
}

/** A command word one edit away from a real one (`quotse`, `facst`, `digets`). Short words are left as questions. */
export function nearCommand(word: string): CommandName | null {
  if (word.length < 4) return null;
  for (const name of SUGGESTED_COMMANDS) {
    if (editDistance(word.toLowerCase(), name, 1) === 1) return name;
  }
  return null;
}

/** The canonical text of a command. `parseCommand(formatCommand(c))` gives back `c`. */
export function formatCommand(cmd: Command): string {
  return specOf(cmd.name).format(cmd);
}
export { canonicalZone, parseTime } from '../util/clock.ts';
