// One usage line and a short description per command: error replies show the usage line, and
// `help` is built from the same table, so the two never disagree.
import type { CommandName } from './types.ts';

export const PREFIX = '/brief';

export interface CommandHelp {
  usage: string;
  summary: string;
  examples: string[];
}

export const COMMAND_HELP: Record<CommandName, CommandHelp> = {
  ask: {
    usage: `${PREFIX} ask <question>`,
    summary: 'Answer a question from the articles, with quotes and facts and where they come from. A question on its own works too.',
    examples: ['ask what did the prime minister say about troops', 'who said Europe must step up'],
  },
  quotes: {
    usage: `${PREFIX} quotes [speaker] [about <topic>]`,
    summary: 'Quotes, best first, by one speaker, on one topic, or both.',
    examples: ['quotes Jane Doe', 'quotes about defence spending', 'quotes Jane Doe about troops'],
  },
  facts: {
    usage: `${PREFIX} facts [topic]`,
    summary: 'Figures, dates, coming events and who holds which role.',
    examples: ['facts', 'facts spending', 'facts talks'],
  },
  who: {
    usage: `${PREFIX} who <name>`,
    summary: 'Who someone is: role, other names, how often they are quoted, and their best quotes.',
    examples: ['who Jane Doe', 'who is the defence secretary'],
  },
  digest: {
    usage: `${PREFIX} digest preview | subscribe <HH:MM> [timezone] [days] | unsubscribe | status`,
    summary: "This channel's daily digest: preview it, subscribe at a local time, stop it, or see its schedule.",
    examples: ['digest preview', 'digest subscribe 08:30 Europe/London mon-fri', 'digest status', 'digest unsubscribe'],
  },
  add: {
    usage: `${PREFIX} add <url>`,
    summary: 'Add a news article from the web: the page is fetched, its article found, and its quotes and facts added to the briefing.',
    examples: ['add https://www.example.com/news/2026/dec/01/story'],
  },
  feeds: {
    usage: `${PREFIX} feeds add <url> | remove <url> | list`,
    summary: "The feeds (RSS, Atom, JSON Feed, or a site's home page) this channel follows: new articles are added as they appear and go into its digest.",
    examples: ['feeds add https://www.example.com/rss', 'feeds add https://www.example.com/', 'feeds list', 'feeds remove https://www.example.com/rss'],
  },
  help: {
    usage: `${PREFIX} help [command]`,
    summary: 'This list, or the details of one command.',
    examples: ['help', 'help quotes'],
  },
};

export const COMMAND_NAMES = Object.keys(COMMAND_HELP) as CommandName[];

/** The usage of every command on one line, for errors not tied to one command. */
export const GENERAL_USAGE = `${PREFIX} ask <question> | quotes [speaker] [about <topic>] | facts [topic] | who <name> | digest preview|subscribe|unsubscribe|status | add <url> | feeds add|remove|list | help [command]`;
