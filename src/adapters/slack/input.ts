// What users type reaches us in Slack's markup: `&amp;`/`&lt;`/`&gt;` entities and `<…>`
// sequences for mentions, channels and links. The core wants plain text, so it is decoded here
// (and re-escaped by the renderer if it is ever echoed).
import { nearCommand } from '../../core/commands/parse.ts';
import { COMMAND_NAMES, COMMAND_WORDS } from '../../core/commands/usage.ts';
import type { Reply } from '../../core/reply/types.ts';

/** The longest command text we pass on; Slack allows far more, the grammar never needs it. */
/** The one limit on command text, the core's (issue: 1,000 here, 500 on Discord). */
export { MAX_INPUT_CHARS } from '../../core/commands/parse.ts';
import { MAX_INPUT_CHARS } from '../../core/commands/parse.ts';

export function fromSlackText(text: string): string {
  return text
    .replace(/<([^<>]*)>/g, (_m, inner: string) => decodeSequence(inner))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

function decodeSequence(inner: string): string {
  const bar = inner.indexOf('|');
  const target = bar < 0 ? inner : inner.slice(0, bar);
  const label = bar < 0 ? null : inner.slice(bar + 1);
  if (target.startsWith('@')) return '@' + (label ?? target.slice(1));
  if (target.startsWith('#')) return '#' + (label ?? target.slice(1));
  if (target.startsWith('!')) {
    // <!channel>, <!here>, <!subteam^S1|@team>, <!date^…|fallback>
    return label ?? '@' + target.slice(1).split('^')[0];
  }
  return label ?? target.replace(/^mailto:/, '');
}

/** Removes mentions of the bot (and a leading mention of anyone when we do not know our id). */
export function stripBotMention(text: string, botUserId: string | undefined): string {
  const own = botUserId ? new RegExp(`<@${botUserId}(\\|[^>]*)?>`, 'g') : null;
  const out = own ? text.replace(own, ' ') : text.replace(/^\s*<@[A-Z0-9]+(\|[^>]*)?>/, ' ');
  return out.trim();
}

/**
 * A mention is usually a plain question; anything not starting with a command's name is an `ask`.
 * A word one edit from a command (`quotse`) goes to the grammar as it is, so the mention gets the
 * same "did you mean 'quotes'" as /brief does, not an answer about "quotse".
 */
export function mentionToCommand(text: string): string {
  const first = text.split(/\s+/, 1)[0]?.toLowerCase() ?? '';
  if (text === '' || (COMMAND_NAMES as readonly string[]).includes(first)) return text;
  // An alias (`quote of the day`) stays a question; a near miss of a name does not.
  if (!COMMAND_WORDS.has(first) && nearCommand(first)) return text;
  return `ask ${text}`;
}

export function tooLongReply(length: number): Reply {
  return {
    tone: 'error',
    title: 'That request is too long',
    sections: [
      {
        items: [
          {
            type: 'text',
            text: `Your text is ${length.toLocaleString('en-GB')} characters; /brief takes at most ${MAX_INPUT_CHARS.toLocaleString('en-GB')}. Ask a shorter question.`,
          },
        ],
      },
    ],
    notes: [],
    more: 0,
  };
}

export function failedReply(): Reply {
  return {
    tone: 'error',
    title: 'Something went wrong',
    sections: [{ items: [{ type: 'text', text: 'I could not answer that just now. The error has been logged; please try again.' }] }],
    notes: [],
    more: 0,
  };
}
