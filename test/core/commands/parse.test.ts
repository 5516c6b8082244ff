import { describe, expect, it } from 'vitest';
import { formatCommand, isCommandError, MAX_INPUT_CHARS, parseCommand } from '../../../src/core/commands/parse.ts';
import type { Command, CommandError } from '../../../src/core/commands/types.ts';
import { COMMAND_HELP, GENERAL_USAGE } from '../../../src/core/commands/usage.ts';

function ok(input: string): Command {
  const r = parseCommand(input);
  if (isCommandError(r)) throw new Error(`expected a command for ${JSON.stringify(input)}, got: ${r.error}`);
  return r;
}
function bad(input: string): CommandError {
  const r = parseCommand(input);
  if (!isCommandError(r)) throw new Error(`expected an error for ${JSON.stringify(input)}, got ${JSON.stringify(r)}`);
  expect(r.error).not.toMatch(/\n/);
  expect(r.usage).not.toMatch(/\n/);
  return r;
}

describe('parseCommand: ask', () => {
  it('parses ask with a question', () => {
    expect(ok('ask what did Jane Doe say about troops')).toEqual({ name: 'ask', question: 'what did Jane Doe say about troops' });
  });
  it('treats text that is not a subcommand as a question', () => {
    expect(ok('what did the PM say about troops?')).toEqual({ name: 'ask', question: 'what did the PM say about troops?' });
    expect(ok('why is spending up')).toEqual({ name: 'ask', question: 'why is spending up' });
    expect(ok('Starmer')).toEqual({ name: 'ask', question: 'Starmer' });
  });
  it('tolerates a leading /brief, extra whitespace and case', () => {
    expect(ok('  /brief   ASK   what   about\tthe  talks ')).toEqual({ name: 'ask', question: 'what about the talks' });
    expect(ok('/BRIEF quotes Lavrov')).toEqual({ name: 'quotes', speaker: 'Lavrov' });
  });
  it('rejects ask without a question', () => {
    const e = bad('ask');
    expect(e.error).toBe('ask needs a question, e.g. ask what was said about troops');
    expect(e.usage).toBe('/brief ask <question>');
  });
  it('reads "who said …" and "who is <doing> …" as questions, not names', () => {
    expect(ok('who said Europe must step up')).toEqual({ name: 'ask', question: 'who said Europe must step up' });
    expect(ok('who is leading the talks?')).toEqual({ name: 'ask', question: 'who is leading the talks?' });
    expect(ok('who is in charge')).toEqual({ name: 'ask', question: 'who is in charge' });
  });
});

describe('parseCommand: quotes', () => {
  it.each([
    ['quotes', { name: 'quotes' }],
    ['quotes Lavrov', { name: 'quotes', speaker: 'Lavrov' }],
    ['quotes Mark Rutte', { name: 'quotes', speaker: 'Mark Rutte' }],
    ['quotes about troops', { name: 'quotes', topic: 'troops' }],
    ['quotes Lavrov about troops', { name: 'quotes', speaker: 'Lavrov', topic: 'troops' }],
    ['quotes by Keir Starmer about defence spending', { name: 'quotes', speaker: 'Keir Starmer', topic: 'defence spending' }],
    ['quote from Lavrov ABOUT talks in Riyadh', { name: 'quotes', speaker: 'Lavrov', topic: 'talks in Riyadh' }],
    ['quotes "No10" about troops', { name: 'quotes', speaker: 'No10', topic: 'troops' }],
    ['quotes about what he thinks about Europe', { name: 'quotes', topic: 'what he thinks about Europe' }],
  ] as const)('%s', (input, expected) => {
    expect(ok(input)).toEqual(expected);
  });
  it('rejects about without a topic', () => {
    expect(bad('quotes Lavrov about').error).toBe('quotes … about needs a topic, e.g. quotes about troops');
    expect(bad('quotes about').usage).toBe(COMMAND_HELP.quotes.usage);
  });
});

describe('parseCommand: facts, who, help', () => {
  it.each([
    ['facts', { name: 'facts' }],
    ['facts spending', { name: 'facts', topic: 'spending' }],
    ['Facts about the talks', { name: 'facts', topic: 'the talks' }],
    ['fact on GDP', { name: 'facts', topic: 'GDP' }],
    ['who Mark Rutte', { name: 'who', person: 'Mark Rutte' }],
    ['who is Mark Rutte?', { name: 'who', person: 'Mark Rutte' }],
    ['who was the PM', { name: 'who', person: 'the PM' }],
    ['who is lord Dannatt', { name: 'who', person: 'lord Dannatt' }],
    ['who leading light', { name: 'who', person: 'leading light' }],
    ['who "Is"', { name: 'who', person: 'Is' }],
    ['help', { name: 'help' }],
    ['', { name: 'help' }],
    ['/brief', { name: 'help' }],
    ['--help', { name: 'help' }],
    ['help quotes', { name: 'help', about: 'quotes' }],
    ['HELP Digest subscribe', { name: 'help', about: 'digest' }],
  ] as const)('%j', (input, expected) => {
    expect(ok(input)).toEqual(expected);
  });
  it('rejects who without a name', () => {
    expect(bad('who')).toEqual({ error: 'who needs a name, e.g. who Jane Doe', usage: '/brief who <name>', command: 'who' });
    expect(bad('who is ?').error).toBe('who needs a name, e.g. who Jane Doe');
  });
  it('rejects help for an unknown command', () => {
    expect(bad('help frobnicate').error).toBe("there is no command 'frobnicate'; the commands are ask, quotes, facts, who, speakers, digest, add, feeds, help");
  });
  it('rejects misspelt commands instead of asking them', () => {
    const e = bad('quotse Lavrov');
    expect(e.error).toBe("unknown command 'quotse' (did you mean 'quotes'? To ask a question, start with 'ask'.)");
    expect(e.usage).toBe(GENERAL_USAGE);
    expect(bad('digets status').error).toMatch(/did you mean 'digest'/);
    expect(bad('/frobnicate').error).toBe("unknown command '/frobnicate'");
  });
});

describe('parseCommand: digest', () => {
  it.each([
    ['digest preview', { name: 'digest', action: 'preview' }],
    ['digest status', { name: 'digest', action: 'status' }],
    ['digest UNSUBSCRIBE', { name: 'digest', action: 'unsubscribe' }],
    ['digest subscribe 08:30', { name: 'digest', action: 'subscribe', time: '08:30' }],
    ['digest subscribe 8:05', { name: 'digest', action: 'subscribe', time: '08:05' }],
    ['digest subscribe 23:59 Europe/London', { name: 'digest', action: 'subscribe', time: '23:59', timezone: 'Europe/London' }],
    ['digest subscribe 07:00 america/new_york mon-fri', { name: 'digest', action: 'subscribe', time: '07:00', timezone: 'America/New_York', weekdays: [1, 2, 3, 4, 5] }],
    ['digest subscribe 07:00 weekends UTC', { name: 'digest', action: 'subscribe', time: '07:00', timezone: 'UTC', weekdays: [6, 7] }],
    ['digest subscribe 00:00 weekdays', { name: 'digest', action: 'subscribe', time: '00:00', weekdays: [1, 2, 3, 4, 5] }],
    ['digest subscribe 09:00 daily', { name: 'digest', action: 'subscribe', time: '09:00', weekdays: [1, 2, 3, 4, 5, 6, 7] }],
    ['digest subscribe 09:00 mon,wed,fri', { name: 'digest', action: 'subscribe', time: '09:00', weekdays: [1, 3, 5] }],
    ['digest subscribe 09:00 fri-mon', { name: 'digest', action: 'subscribe', time: '09:00', weekdays: [1, 5, 6, 7] }],
    ['digest subscribe 09:00 Monday,Thursday', { name: 'digest', action: 'subscribe', time: '09:00', weekdays: [1, 4] }],
  ] as const)('%s', (input, expected) => {
    expect(ok(input)).toEqual(expected);
  });

  it.each([
    ['digest', 'digest needs an action: preview, subscribe, unsubscribe or status'],
    ['digest frobnicate', "unknown digest action 'frobnicate' (use preview, subscribe, unsubscribe or status)"],
    ['digest subscribe', 'digest subscribe needs a time, e.g. digest subscribe 08:30 Europe/London mon-fri'],
    ['digest subscribe 25:00', "'25:00' is not a time of day; use 24-hour HH:MM, e.g. 08:30"],
    ['digest subscribe 24:61', "'24:61' is not a time of day; use 24-hour HH:MM, e.g. 08:30"],
    ['digest subscribe 24:00', "'24:00' is not a time of day; use 24-hour HH:MM, e.g. 08:30"],
    ['digest subscribe 8am', "'8am' is not a time of day; use 24-hour HH:MM, e.g. 08:30"],
    ['digest subscribe 08:30 Mars/Base', "'Mars/Base' is not an IANA timezone (e.g. Europe/London, America/New_York)"],
    ['digest subscribe 08:30 Europe/London sometimes', "'sometimes' is neither a timezone (e.g. Europe/London) nor days (e.g. mon-fri, weekends, daily)"],
    ['digest subscribe 08:30 UTC Europe/London', "the timezone is given twice ('Europe/London')"],
    ['digest subscribe 08:30 mon-fri weekends', "the days are given twice ('weekends')"],
    ['digest subscribe 08:30 UTC mon-fri extra', "too many arguments after the time: 'UTC mon-fri extra'"],
    ['digest status now', "digest status takes no arguments (got 'now')"],
  ])('%s', (input, error) => {
    const e = bad(input);
    expect(e.error).toBe(error);
    expect(e.usage).toBe(COMMAND_HELP.digest.usage);
  });
});

describe('parseCommand: hostile input', () => {
  it('rejects 10,000 characters with a clear one-line message', () => {
    const e = bad('ask ' + 'a'.repeat(9996));
    expect(e.error).toBe('the input is too long (10,000 characters; the limit is 1,000)');
    expect(e.usage).toBe(GENERAL_USAGE);
  });
  it('accepts input at the limit', () => {
    const q = 'b'.repeat(MAX_INPUT_CHARS - 4);
    expect(ok('ask ' + q)).toEqual({ name: 'ask', question: q });
  });
  it('rejects control characters', () => {
    expect(bad('quotes Lav\u0007rov').error).toBe('the input contains a control character (U+0007); send plain text');
    expect(bad('ask \u001b[31mred').error).toMatch(/U\+001B/);
    expect(bad('who \u202Eevil').error).toMatch(/U\+202E/);
  });
  it('treats newlines and tabs as spaces and drops zero-width characters', () => {
    expect(ok('quotes\nLav\u200Brov\r\nabout\ttroops')).toEqual({ name: 'quotes', speaker: 'Lavrov', topic: 'troops' });
  });
  it('does not mistake Object.prototype names for commands', () => {
    expect(ok('constructor of peace')).toEqual({ name: 'ask', question: 'constructor of peace' });
    expect(ok('toString')).toEqual({ name: 'ask', question: 'toString' });
    expect(ok('__proto__')).toEqual({ name: 'ask', question: '__proto__' });
    expect(bad('help constructor').error).toMatch(/^there is no command 'constructor'/);
    expect(bad('digest subscribe 08:00 constructor').error).toMatch(/^'constructor' is neither a timezone/);
    expect(bad('digest subscribe 08:00 mon,__proto__').error).toMatch(/^'mon,__proto__' is neither/);
  });
  it('never throws on arbitrary input, and round-trips whatever it accepts', () => {
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const alphabet = ['ask', 'quotes', 'about', 'who', 'is', 'digest', 'subscribe', '08:00', 'help', 'constructor', '"', '“', '”', ' ', ':', '/', ',', '-', 'mon-fri', 'UTC', '25:00', '?', 'x', '\n', '\u0000', 'é'];
    for (let i = 0; i < 5000; i++) {
      const s = Array.from({ length: Math.floor(rand() * 12) }, () => alphabet[Math.floor(rand() * alphabet.length)]).join(rand() < 0.5 ? ' ' : '');
      const r = parseCommand(s);
      if (isCommandError(r)) {
        expect(r.error).not.toMatch(/\n/);
      } else {
        // Whatever the parser accepts, its canonical text parses back to the same command.
        expect(parseCommand(formatCommand(r)), JSON.stringify(s)).toStrictEqual(r);
      }
    }
  });
});

describe('formatCommand', () => {
  const commands: Command[] = [
    { name: 'ask', question: 'what did the PM say about troops?' },
    { name: 'ask', question: 'quotes are what?' },
    { name: 'ask', question: 'who said that' },
    { name: 'quotes' },
    { name: 'quotes', speaker: 'Lavrov' },
    { name: 'quotes', speaker: 'Mark Rutte', topic: 'troops' },
    { name: 'quotes', topic: 'what he thinks about Europe' },
    { name: 'quotes', speaker: 'Talk About Town', topic: 'news' },
    { name: 'quotes', speaker: 'From Here' },
    { name: 'quotes', speaker: '"No10"' },
    { name: 'quotes', speaker: 'the "hawks"', topic: '"backstop"' },
    { name: 'facts' },
    { name: 'facts', topic: 'GDP' },
    { name: 'facts', topic: 'about face' },
    { name: 'who', person: 'Mark Rutte' },
    { name: 'who', person: 'Is Real' },
    { name: 'who', person: 'Said Ahmed' },
    { name: 'who', person: 'Yahoo!' },
    { name: 'digest', action: 'preview' },
    { name: 'digest', action: 'status' },
    { name: 'digest', action: 'unsubscribe' },
    { name: 'digest', action: 'subscribe', time: '08:30' },
    { name: 'digest', action: 'subscribe', time: '08:30', timezone: 'Asia/Kolkata', weekdays: [1, 3, 5] },
    { name: 'digest', action: 'subscribe', time: '08:30', weekdays: [1, 2, 3, 4, 5] },
    { name: 'digest', action: 'subscribe', time: '08:30', weekdays: [1, 2, 3, 4, 5, 6, 7] },
    { name: 'digest', action: 'subscribe', time: '08:30', weekdays: [1, 2, 4, 6, 7] },
    { name: 'help' },
    { name: 'help', about: 'digest' },
  ];
  it.each(commands.map((c) => [formatCommand(c), c] as const))('round-trips %s', (text, cmd) => {
    expect(parseCommand(text)).toStrictEqual(cmd);
  });
  it('writes the canonical forms Discord sends', () => {
    expect(formatCommand({ name: 'quotes', speaker: 'Lavrov', topic: 'troops' })).toBe('quotes Lavrov about troops');
    expect(formatCommand({ name: 'digest', action: 'subscribe', time: '07:00', timezone: 'Europe/Paris', weekdays: [1, 2, 3, 4, 5] })).toBe(
      'digest subscribe 07:00 Europe/Paris mon-fri',
    );
    expect(formatCommand({ name: 'quotes', speaker: 'Talk About Town' })).toBe('quotes "Talk About Town"');
  });
  it('is a fixed point on anything the parser accepts', () => {
    for (const input of ['quotes by X about Y', 'who is the PM?', 'facts on GDP', 'digest subscribe 7:00 weekdays utc', 'FACT "on"']) {
      const first = parseCommand(input) as Command;
      expect(isCommandError(first)).toBe(false);
      expect(parseCommand(formatCommand(first))).toStrictEqual(first);
    }
  });
});
