// The command table: one entry per command, with its aliases, usage, summary and examples, and
// whether it is answered in an answer worker. The grammar's alias table and its "did you mean"
// list, error usages, `help`, Slack mentions, the answer pool and Discord's `help` choices are all
// derived from it, so a command's words are written once.
import type { CommandName } from './types.ts';

export const PREFIX = '/brief';

export interface CommandHelp {
  /** Other words for the command (`quote`, `whois`). The name itself always works. */
  aliases: readonly string[];
  usage: string;
  /** The usage in the one-line list of every command (default: `usage` without the prefix). */
  short?: string;
  summary: string;
  examples: string[];
  /** Answered from the knowledge alone, so an answer worker can take it (src/app/answers). */
  pooled: boolean;
  /** A word one edit away (`quotse`) gets "did you mean"; off for short names that are also common words. */
  suggest: boolean;
}

export const COMMAND_HELP: Record<CommandName, CommandHelp> = {
  ask: {
    aliases: [],
    usage: `${PREFIX} ask <question>`,
    summary: 'Answer a question from the articles, with quotes and facts and where they come from. A question on its own works too.',
    examples: ['ask what did the prime minister say about troops', 'who said Europe must step up'],
    pooled: true,
    suggest: false,
  },
  quotes: {
    aliases: ['quote'],
    usage: `${PREFIX} quotes [speaker] [about <topic>]`,
    summary: 'Quotes, best first, by one speaker, on one topic, or both.',
    examples: ['quotes Jane Doe', 'quotes about defence spending', 'quotes Jane Doe about troops'],
    pooled: true,
    suggest: true,
  },
  facts: {
    aliases: ['fact'],
    usage: `${PREFIX} facts [topic]`,
    summary: 'Figures, dates, coming events and who holds which role.',
    examples: ['facts', 'facts spending', 'facts talks'],
    pooled: true,
    suggest: true,
  },
  who: {
    aliases: ['whois'],
    usage: `${PREFIX} who <name>`,
    summary: 'Who someone is: role, other names, how often they are quoted, and their best quotes.',
    examples: ['who Jane Doe', 'who is the defence secretary'],
    pooled: true,
    suggest: false,
  },
  digest: {
    aliases: ['digests'],
    usage: `${PREFIX} digest preview | subscribe <HH:MM> [timezone] [days] | unsubscribe | status`,
    short: 'digest preview|subscribe|unsubscribe|status',
    summary: "This channel's daily digest: preview it, subscribe at a local time, stop it, or see its schedule.",
    examples: ['digest preview', 'digest subscribe 08:30 Europe/London mon-fri', 'digest status', 'digest unsubscribe'],
    pooled: false,
    suggest: true,
  },
  add: {
    aliases: [],
    usage: `${PREFIX} add <url>`,
    summary: 'Add a news article from the web: the page is fetched, its article found, and its quotes and facts added to the briefing.',
    examples: ['add https://www.example.com/news/2026/dec/01/story'],
    pooled: false,
    suggest: false,
  },
  feeds: {
    aliases: ['feed'],
    usage: `${PREFIX} feeds add <url> | remove <url> | list`,
    short: 'feeds add|remove|list',
    summary: "The feeds (RSS, Atom, JSON Feed, or a site's home page) this channel follows: new articles are added as they appear and go into its digest.",
    examples: ['feeds add https://www.example.com/rss', 'feeds add https://www.example.com/', 'feeds list', 'feeds remove https://www.example.com/rss'],
    pooled: false,
    suggest: true,
  },
  help: {
    aliases: ['--help', '-h', '?'],
    usage: `${PREFIX} help [command]`,
    summary: 'This list, or the details of one command.',
    examples: ['help', 'help quotes'],
    pooled: false,
    suggest: false,
  },
};

export const COMMAND_NAMES = Object.keys(COMMAND_HELP) as CommandName[];

/** Every word that names a command (names and aliases), to the command it names. */
export const COMMAND_WORDS: ReadonlyMap<string, CommandName> = new Map(COMMAND_NAMES.flatMap((n) => [[n, n] as const, ...COMMAND_HELP[n].aliases.map((a) => [a, n] as const)]));

/** Commands an answer worker may take. */
export const POOLED_COMMANDS: ReadonlySet<CommandName> = new Set(COMMAND_NAMES.filter((n) => COMMAND_HELP[n].pooled));

/** The usage of every command on one line, for errors not tied to one command. */
export const GENERAL_USAGE = `${PREFIX} ${COMMAND_NAMES.map((n) => COMMAND_HELP[n].short ?? COMMAND_HELP[n].usage.slice(PREFIX.length + 1)).join(' | ')}`;
