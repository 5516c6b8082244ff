// The `/brief` application command as Discord stores it. Registration compares this with what is
// registered; interaction handling validates incoming options against it (lengths, required), so
// a stale registration or a forged payload gets the same clear answer as a blank option.
import { MAX_INPUT_CHARS } from '../../core/commands/parse.ts';
import {
  ApplicationCommandOptionType as Opt,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';

import { COMMAND_NAMES } from '../../core/commands/usage.ts';

export const COMMAND_NAME = 'brief';

/** Longest free-text option values we accept; Discord enforces them too once registered. */
// The question is sent to the core as `ask <question>`: its limit is the core's limit on command text.
export const MAX_LENGTH = { question: MAX_INPUT_CHARS - 'ask '.length, name: 100, topic: 200, time: 5, timezone: 64, days: 40, url: 1000 } as const;

export const briefCommand = {
  name: COMMAND_NAME,
  description: 'Question the news briefing: quotes with their speakers, facts, people, daily digest',
  type: ApplicationCommandType.ChatInput,
  // Guild channels only: digests are per channel and the bot runs with the Guilds intent alone.
  contexts: [InteractionContextType.Guild],
  integration_types: [ApplicationIntegrationType.GuildInstall],
  options: [
    {
      type: Opt.Subcommand,
      name: 'ask',
      description: 'Ask a question about the news',
      options: [
        { type: Opt.String, name: 'question', description: 'e.g. what did the prime minister say about troops', required: true, max_length: MAX_LENGTH.question },
      ],
    },
    {
      type: Opt.Subcommand,
      name: 'quotes',
      description: 'Quotes, by speaker and/or topic',
      options: [
        { type: Opt.String, name: 'speaker', description: 'Who said it', autocomplete: true, max_length: MAX_LENGTH.name },
        { type: Opt.String, name: 'about', description: 'Topic words, e.g. troops', max_length: MAX_LENGTH.topic },
      ],
    },
    {
      type: Opt.Subcommand,
      name: 'facts',
      description: 'Figures, dates, coming events and roles',
      options: [{ type: Opt.String, name: 'topic', description: 'Topic words, e.g. defence spending', max_length: MAX_LENGTH.topic }],
    },
    {
      type: Opt.Subcommand,
      name: 'who',
      description: 'Who is who: roles, aliases and where they appear',
      options: [{ type: Opt.String, name: 'name', description: 'A person in the news', required: true, autocomplete: true, max_length: MAX_LENGTH.name }],
    },
    {
      type: Opt.SubcommandGroup,
      name: 'digest',
      description: "This channel's daily digest",
      options: [
        { type: Opt.Subcommand, name: 'preview', description: 'Show what the next digest would contain' },
        {
          type: Opt.Subcommand,
          name: 'subscribe',
          description: 'Post a daily digest here (needs Manage Channels)',
          options: [
            { type: Opt.String, name: 'time', description: 'Local time HH:MM, e.g. 08:00', required: true, min_length: 4, max_length: MAX_LENGTH.time },
            { type: Opt.String, name: 'timezone', description: 'IANA timezone, e.g. Europe/London', autocomplete: true, max_length: MAX_LENGTH.timezone },
            { type: Opt.String, name: 'days', description: 'e.g. mon-fri or mon,wed,fri (default: weekdays)', max_length: MAX_LENGTH.days },
          ],
        },
        { type: Opt.Subcommand, name: 'unsubscribe', description: 'Stop the daily digest here (needs Manage Channels)' },
        { type: Opt.Subcommand, name: 'status', description: "Show this channel's digest schedule" },
      ],
    },
    {
      type: Opt.Subcommand,
      name: 'add',
      description: 'Add a news article from a link',
      options: [{ type: Opt.String, name: 'url', description: 'The article\'s address, e.g. https://www.example.com/news/story', required: true, max_length: MAX_LENGTH.url }],
    },
    {
      type: Opt.SubcommandGroup,
      name: 'feeds',
      description: 'The news feeds this channel follows',
      options: [
        {
          type: Opt.Subcommand,
          name: 'add',
          description: 'Follow a feed or a site here (needs Manage Channels)',
          options: [{ type: Opt.String, name: 'url', description: 'An RSS, Atom or JSON feed, or a site\'s home page', required: true, max_length: MAX_LENGTH.url }],
        },
        {
          type: Opt.Subcommand,
          name: 'remove',
          description: 'Stop following a feed here (needs Manage Channels)',
          options: [{ type: Opt.String, name: 'url', description: 'The feed, as feeds list shows it', required: true, max_length: MAX_LENGTH.url }],
        },
        { type: Opt.Subcommand, name: 'list', description: 'The feeds followed here, with their last fetch and errors' },
      ],
    },
    {
      type: Opt.Subcommand,
      name: 'help',
      description: 'How to use /brief',
      options: [
        {
          type: Opt.String,
          name: 'command',
          description: 'A command to explain',
          choices: COMMAND_NAMES.filter((c) => c !== 'help').map((c) => ({ name: c, value: c })),
        },
      ],
    },
  ],
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

/** Digest actions that change the channel's subscription, so need Manage Channels. */
export const MANAGE_ACTIONS: ReadonlySet<string> = new Set(['subscribe', 'unsubscribe']);
/** Feeds actions that change what the channel follows. */
export const MANAGE_FEEDS: ReadonlySet<string> = new Set(['add', 'remove']);

interface OptionDef {
  type: number;
  name: string;
  required?: boolean;
  max_length?: number;
  options?: readonly OptionDef[];
}

/** The definition of `/brief [group] sub`, or undefined when it is not (or no longer) a command. */
export function findSubcommand(group: string | null, sub: string): OptionDef | undefined {
  const top = briefCommand.options as readonly OptionDef[];
  const parent = group ? top.find((o) => o.name === group && o.type === Opt.SubcommandGroup)?.options : top;
  return parent?.find((o) => o.name === sub && o.type === Opt.Subcommand);
}

/** One-line usage for a subcommand, from its definition: `/brief quotes [speaker:<…>] [about:<…>]`. */
export function usageOf(group: string | null, sub: string): string {
  const def = findSubcommand(group, sub);
  if (!def) return '/brief help';
  const opts = (def.options ?? []).map((o) => (o.required ? `${o.name}:<${o.name}>` : `[${o.name}:<${o.name}>]`));
  return ['/brief', group, sub, ...opts].filter(Boolean).join(' ');
}
