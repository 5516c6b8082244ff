// The one command grammar. Every platform hands the text after `/brief` to `parseCommand`
// (Discord first serialises its options with `formatCommand`), so a command means the same
// everywhere. Bad input becomes a one-line CommandError with the usage to show, never an exception.
import { canonicalZone, parseTime } from '../util/clock.ts';
import type { Command, CommandError, CommandName, Weekday } from './types.ts';
import { COMMAND_HELP, COMMAND_NAMES, COMMAND_WORDS, GENERAL_USAGE } from './usage.ts';
import { formatWeekdays, parseWeekdays } from '../util/weekdays.ts';
import { editDistance } from '../util/edit-distance.ts';

/** Longest input accepted, after whitespace is collapsed. Questions are short; this stops pastes. */
export const MAX_INPUT_CHARS = 1000;


/** Words after `who` that make the text a question about what someone did, not a name. */
const WHO_QUESTION_VERBS = new Set([
  'said', 'says', 'say', 'did', 'does', 'do', 'will', 'would', 'can', 'could', 'should', 'has', 'have',
  'had', 'warned', 'called', 'spoke', 'wants', 'wanted', 'announced', 'claimed', 'told', 'asked',
  'refused', 'met', 'criticised', 'criticized', 'backed', 'supports', 'opposed',
]);
/** `who is X` and `who was X` ask who X is. */
const WHO_COPULAS = new Set(['is', 'was', 'are', 'were', "who's", 'is:']);

// A Map, so words such as `constructor` or `__proto__` are not found on Object.prototype.
const ALIASES = COMMAND_WORDS;

const DETERMINERS = new Set(['the', 'a', 'an', 'this', 'that', 'our', 'their', 'his', 'her', 'its', 'mr', 'mrs', 'ms', 'dr', 'lord', 'lady', 'sir']);

const DIGEST_ACTIONS = ['preview', 'subscribe', 'unsubscribe', 'status'] as const;

const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;
const SPACE_LIKE = /[\t\n\r\v\f\u00A0\u2028\u2029]/g;
// C0/C1 controls and bidirectional overrides, which can make a message display differently from what it says.
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

export function isCommandError(x: Command | CommandError): x is CommandError {
  return 'error' in x;
}

function fail(error: string, name?: CommandName): CommandError {
  return { error, usage: name ? COMMAND_HELP[name].usage : GENERAL_USAGE };
}

/** Parses the text after `/brief` (a leading `/brief` is tolerated too). */
export function parseCommand(input: string): Command | CommandError {
  const cleaned = input.replace(ZERO_WIDTH, '').replace(SPACE_LIKE, ' ');
  const control = CONTROL.exec(cleaned);
  if (control) {
    const code = control[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    return fail(`the input contains a control character (U+${code}); send plain text`);
  }
  let text = cleaned.trim().replace(/\s+/g, ' ');
  if (text.length > MAX_INPUT_CHARS) {
    return fail(`the input is too long (${text.length.toLocaleString('en-GB')} characters; the limit is ${MAX_INPUT_CHARS.toLocaleString('en-GB')})`);
  }
  text = text.replace(/^\/brief(?:\s+|$)/i, '');
  if (!text) return { name: 'help' };

  const space = text.indexOf(' ');
  const word = (space < 0 ? text : text.slice(0, space)).toLowerCase();
  const rest = space < 0 ? '' : text.slice(space + 1);
  const name = ALIASES.get(word) ?? ALIASES.get(word.replace(/^\//, ''));
  if (!name) {
    const near = nearCommand(word.replace(/^\//, ''));
    if (near || word.startsWith('/') || word.startsWith('-')) {
      const hint = near ? ` (did you mean '${near}'?` + " To ask a question, start with 'ask'.)" : '';
      return fail(`unknown command '${clipWord(word)}'${hint}`);
    }
    return { name: 'ask', question: text };
  }
  switch (name) {
    case 'ask':
      return rest ? { name: 'ask', question: rest } : fail('ask needs a question, e.g. ask what was said about troops', 'ask');
    case 'quotes':
      return parseQuotes(rest);
    case 'facts':
      return parseFacts(rest);
    case 'who':
      return parseWho(rest, text);
    case 'digest':
      return parseDigest(rest);
    case 'add':
      return parseAdd(rest);
    case 'feeds':
      return parseFeeds(rest);
    case 'help':
      return parseHelp(rest);
  }
}

/** A link as pasted: Slack wraps links in <…> (and <url|label>); stray quotes or brackets are dropped. */
function linkArg(s: string): string {
  return s.trim().replace(/^<([^|>]*)(?:\|[^>]*)?>$/, '$1').replace(/^["“'(]+|["”')]+$/g, '');
}

function parseAdd(rest: string): Command | CommandError {
  const url = linkArg(rest);
  if (!url) return fail('add needs a link, e.g. add https://www.example.com/news/story', 'add');
  if (url.includes(' ')) return fail('add takes one link at a time (for a site or feed, use feeds add <url>)', 'add');
  return { name: 'add', url };
}

const FEEDS_ACTIONS = ['add', 'remove', 'list'] as const;

function parseFeeds(rest: string): Command | CommandError {
  const args = rest ? rest.split(' ') : [];
  const action = (args.shift() ?? 'list').toLowerCase();
  const verb = action === 'rm' || action === 'delete' || action === 'unsubscribe' ? 'remove' : action === 'subscribe' ? 'add' : action;
  if (!(FEEDS_ACTIONS as readonly string[]).includes(verb)) {
    return fail(`unknown feeds action '${clipWord(action)}' (use add, remove or list)`, 'feeds');
  }
  if (verb === 'list') {
    if (args.length) return fail(`feeds list takes no arguments (got '${clipWord(args.join(' '))}')`, 'feeds');
    return { name: 'feeds', action: 'list' };
  }
  const url = linkArg(args.join(' '));
  if (!url) return fail(`feeds ${verb} needs a link to a feed or a site, e.g. feeds ${verb} https://www.example.com/rss`, 'feeds');
  if (url.includes(' ')) return fail(`feeds ${verb} takes one link at a time`, 'feeds');
  return { name: 'feeds', action: verb as 'add' | 'remove', url };
}

function parseQuotes(rest: string): Command | CommandError {
  let s = rest.replace(/^(?:by|from)\s+/i, '');
  if (/^(?:by|from)$/i.test(s)) return fail(`quotes ${s} needs a speaker, e.g. quotes by Jane Doe`, 'quotes');
  let speaker = '';
  let topic: string | undefined;
  const quoted = leadingQuoted(s);
  if (quoted && (quoted.after === '' || /^about(\s|$)/i.test(quoted.after))) {
    speaker = quoted.inner;
    s = quoted.after;
    if (s) topic = s.replace(/^about\s*/i, '');
  } else {
    const m = /(?:^|\s)about(?:\s|$)/i.exec(s);
    if (m) {
      speaker = s.slice(0, m.index).trim();
      topic = s.slice(m.index + m[0].length).trim();
    } else {
      speaker = s;
    }
  }
  if (topic !== undefined) {
    topic = unwrap(topic);
    if (!topic) return fail('quotes … about needs a topic, e.g. quotes about troops', 'quotes');
  }
  const cmd: Command = { name: 'quotes' };
  if (speaker) cmd.speaker = speaker;
  if (topic) cmd.topic = topic;
  return cmd;
}

function parseFacts(rest: string): Command | CommandError {
  if (/^(?:about|on)$/i.test(rest)) return fail(`facts ${rest} needs a topic, e.g. facts spending`, 'facts');
  const topic = unwrap(rest.replace(/^(?:about|on)\s+/i, ''));
  return topic ? { name: 'facts', topic } : { name: 'facts' };
}

function parseWho(rest: string, whole: string): Command | CommandError {
  const missing = () => fail('who needs a name, e.g. who Jane Doe', 'who');
  if (!rest) return missing();
  const wrapped = unwrapped(rest);
  if (wrapped !== null) return wrapped ? { name: 'who', person: wrapped } : missing();
  const first = rest.split(' ', 1)[0]!.toLowerCase();
  if (WHO_QUESTION_VERBS.has(first)) return { name: 'ask', question: whole };
  let person = rest;
  if (WHO_COPULAS.has(first)) {
    person = person.slice(first.length).trim();
    // `who is the PM` names someone by role; `who is leading the talks` is a question.
    const next = person.split(' ', 1)[0]!;
    if (/^[a-z]/.test(next) && !DETERMINERS.has(next)) return { name: 'ask', question: whole };
  }
  person = person.replace(/[\s?!.]+$/, '');
  const inner = unwrapped(person);
  if (inner !== null) person = inner;
  return person ? { name: 'who', person } : missing();
}

function parseDigest(rest: string): Command | CommandError {
  const args = rest ? rest.split(' ') : [];
  const action = args.shift()?.toLowerCase();
  if (!action) return fail('digest needs an action: preview, subscribe, unsubscribe or status', 'digest');
  if (!(DIGEST_ACTIONS as readonly string[]).includes(action)) {
    return fail(`unknown digest action '${clipWord(action)}' (use preview, subscribe, unsubscribe or status)`, 'digest');
  }
  if (action !== 'subscribe') {
    if (args.length) return fail(`digest ${action} takes no arguments (got '${clipWord(args.join(' '))}')`, 'digest');
    return { name: 'digest', action: action as 'preview' | 'unsubscribe' | 'status' };
  }
  const timeArg = args.shift();
  if (!timeArg) return fail('digest subscribe needs a time, e.g. digest subscribe 08:30 Europe/London mon-fri', 'digest');
  const time = parseTime(timeArg);
  if (!time) return fail(`'${clipWord(timeArg)}' is not a time of day; use 24-hour HH:MM, e.g. 08:30`, 'digest');
  if (args.length > 2) return fail(`too many arguments after the time: '${clipWord(args.join(' '))}'`, 'digest');
  let timezone: string | undefined;
  let weekdays: Weekday[] | undefined;
  for (const arg of args) {
    const days = parseWeekdays(arg);
    if (days) {
      if (weekdays) return fail(`the days are given twice ('${clipWord(arg)}')`, 'digest');
      weekdays = days;
      continue;
    }
    const zone = canonicalZone(arg);
    if (zone) {
      if (timezone) return fail(`the timezone is given twice ('${clipWord(arg)}')`, 'digest');
      timezone = zone;
      continue;
    }
    if (arg.includes('/') || /^[A-Z]{2,5}$/.test(arg) || /^(?:utc|gmt)[+-]/i.test(arg)) {
      return fail(`'${clipWord(arg)}' is not an IANA timezone (e.g. Europe/London, America/New_York)`, 'digest');
    }
    return fail(`'${clipWord(arg)}' is neither a timezone (e.g. Europe/London) nor days (e.g. mon-fri, weekends, daily)`, 'digest');
  }
  const cmd: Command = { name: 'digest', action: 'subscribe', time };
  if (timezone) cmd.timezone = timezone;
  if (weekdays) cmd.weekdays = weekdays;
  return cmd;
}

function parseHelp(rest: string): Command | CommandError {
  if (!rest) return { name: 'help' };
  const word = rest.split(' ', 1)[0]!.toLowerCase().replace(/^\//, '');
  const about = ALIASES.get(word);
  if (!about || word.startsWith('-') || word === '?') {
    return fail(`there is no command '${clipWord(word)}'; the commands are ${COMMAND_NAMES.join(', ')}`, 'help');
  }
  return { name: 'help', about };
}

const SUGGESTED = COMMAND_NAMES.filter((n) => COMMAND_HELP[n].suggest);

/** A command word one edit away from a real one (`quotse`, `facst`, `digets`). Short words are left as questions. */
export function nearCommand(word: string): CommandName | null {
  if (word.length < 4) return null;
  for (const name of SUGGESTED) {
    if (editDistance(word.toLowerCase(), name, 1) === 1) return name;
  }
  return null;
}

function clipWord(s: string): string {
  return s.length > 40 ? s.slice(0, 39) + '…' : s;
}

const PAIRS: [string, string][] = [
  ['"', '"'],
  ['“', '”'],
];

/** The text inside one pair of quotation marks wrapping all of `s`, or null when `s` is not wrapped. */
function unwrapped(s: string): string | null {
  for (const [open, close] of PAIRS) {
    if (s.length >= 2 && s.startsWith(open) && s.endsWith(close)) {
      const inner = s.slice(open.length, s.length - close.length);
      if (!inner.includes(open) && !inner.includes(close)) return inner.trim();
    }
  }
  return null;
}

function unwrap(s: string): string {
  return unwrapped(s) ?? s;
}

/** A quoted argument at the start of `s` and the text after it. */
function leadingQuoted(s: string): { inner: string; after: string } | null {
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
function quoteIf(arg: string, ambiguous: boolean): string {
  if (!ambiguous && unwrapped(arg) === null) return arg;
  return arg.includes('"') ? `“${arg}”` : `"${arg}"`;
}

const firstWord = (s: string) => s.split(' ', 1)[0]!.toLowerCase();

/** The canonical text of a command. `parseCommand(formatCommand(c))` gives back `c`. */
export function formatCommand(cmd: Command): string {
  switch (cmd.name) {
    case 'ask':
      return `ask ${cmd.question}`;
    case 'quotes': {
      const parts = ['quotes'];
      if (cmd.speaker) {
        const s = cmd.speaker;
        parts.push(quoteIf(s, ['by', 'from', 'about'].includes(firstWord(s)) || /(?:^|\s)about(?:\s|$)/i.test(s)));
      }
      if (cmd.topic) parts.push('about', quoteIf(cmd.topic, false));
      return parts.join(' ');
    }
    case 'facts':
      return cmd.topic ? `facts ${quoteIf(cmd.topic, ['about', 'on'].includes(firstWord(cmd.topic)))}` : 'facts';
    case 'who': {
      const p = cmd.person;
      const w = firstWord(p);
      return `who ${quoteIf(p, WHO_QUESTION_VERBS.has(w) || WHO_COPULAS.has(w) || /[\s?!.]$/.test(p))}`;
    }
    case 'digest': {
      if (cmd.action !== 'subscribe') return `digest ${cmd.action}`;
      const parts = ['digest', 'subscribe', cmd.time];
      if (cmd.timezone) parts.push(cmd.timezone);
      if (cmd.weekdays) parts.push(formatWeekdays(cmd.weekdays));
      return parts.join(' ');
    }
    case 'add':
      return `add ${cmd.url}`;
    case 'feeds':
      return cmd.action === 'list' ? 'feeds list' : `feeds ${cmd.action} ${cmd.url}`;
    case 'help':
      return cmd.about ? `help ${cmd.about}` : 'help';
  }
}
export { canonicalZone, parseTime } from '../util/clock.ts';
