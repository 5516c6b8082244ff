// Every `briefing <command>`: its summary, usage and options, and the module that runs it. Only
// this file is read for `briefing help` or a bad option: a command's module (and the libraries it
// needs, such as Bolt or discord.js) is imported only when that command runs.
import type { ParseArgsConfig } from 'node:util';
import type { CliCommand } from '../main.ts';

export interface CliSpec {
  summary: string;
  usage: string;
  /** Options for `node:util` parseArgs (strict): anything else is refused with exit 2. */
  options: NonNullable<ParseArgsConfig['options']>;
  /** Whether words besides the options are taken (a question, paths, an action). */
  positionals: boolean;
  load(): Promise<CliCommand>;
}

const json = { type: 'boolean' } as const;

export const CLI_COMMANDS: Record<string, CliSpec> = {
  ask: {
    summary: 'ask the briefing a question (what did X say about Y, who is X, figures, dates, summary)',
    usage: 'briefing ask "<question>" [--json] [--limit N] [--db PATH] [--content DIR] [--no-sync]',
    options: { json, limit: { type: 'string' }, db: { type: 'string' }, content: { type: 'string' }, 'no-sync': { type: 'boolean' } },
    positionals: true,
    load: async () => (await import('./ask.ts')).command,
  },
  brief: {
    summary: 'answer one bot command and exit, e.g. briefing brief "quotes about troops"',
    usage: 'briefing brief "<command>" [--json]   (commands: briefing brief help)',
    options: { json },
    positionals: true,
    load: async () => (await import('./brief.ts')).command,
  },
  digest: {
    summary: 'preview a digest, post the digests that are due (for cron), or list subscriptions',
    usage: 'briefing digest --preview [--channel platform:workspace:channel] | --run-due | --list',
    options: { preview: { type: 'boolean' }, 'run-due': { type: 'boolean' }, list: { type: 'boolean' }, channel: { type: 'string' } },
    positionals: false,
    load: async () => (await import('./digest.ts')).command,
  },
  discord: {
    summary: 'Discord tools: `discord register` registers the /brief command',
    usage: 'briefing discord register',
    options: {},
    positionals: true,
    load: async () => (await import('./discord.ts')).command,
  },
  extract: {
    summary: 'extract quotes, speakers, people and facts from article files',
    usage: 'briefing extract <file|dir>... [--json] [--strict]',
    options: { json, strict: { type: 'boolean' } },
    positionals: true,
    load: async () => (await import('./extract.ts')).command,
  },
  facts: {
    summary: 'list figures, dates, events and roles found in the articles in content/',
    usage: 'briefing facts [--json] [--kind figure|date|event|role] [--upcoming]',
    options: { json, kind: { type: 'string' }, upcoming: { type: 'boolean' } },
    positionals: false,
    load: async () => (await import('./facts.ts')).command,
  },
  people: {
    summary: 'list the people named in content/ with roles, aliases and counts',
    usage: 'briefing people [--json]',
    options: { json },
    positionals: false,
    load: async () => (await import('./people.ts')).command,
  },
  quotes: {
    summary: 'list quotes in content/ with their speakers',
    usage: 'briefing quotes [--speaker NAME] [--json]',
    options: { json, speaker: { type: 'string' } },
    positionals: false,
    load: async () => (await import('./quotes.ts')).command,
  },
  start: {
    summary: 'run the bot: Slack/Discord when configured, else an interactive console',
    usage: 'briefing start',
    options: {},
    positionals: false,
    load: async () => (await import('./start.ts')).command,
  },
};
