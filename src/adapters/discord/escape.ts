// Article and user text shown in Discord markdown. allowedMentions stops pings; this also stops
// `@everyone` or `<@123>` from *displaying* as a mention, and text from turning into formatting.
import { escapeMarkdown as escapeDiscordMarkdown } from 'discord.js';

// Line starts discord.js's escaper leaves alone or over-escapes. Block quotes and subtext (`> `,
// `>>> `, `-# `) it does not escape; a numbered list it escapes even with no space after the dot,
// so a paragraph opening "2.5% of GDP" would change. Discord reads all three only before a space.
const QUOTE_OR_SUBTEXT = /^(\s*)(>>>|>|-#)(?=\s)/gm;
const NUMBERED_ITEM = /^( *\d+)\.(?=\s)/gm;

/**
 * Escapes Discord markdown (discord.js's escaper, with headings, bullets and masked links on) and
 * neutralises mentions in plain text. A list number keeps its digits: `1. x` becomes `1\. x`
 * (a backslash before a digit is not an escape in Discord, and would show).
 */
export function escapeMarkdown(text: string): string {
  const escaped = escapeDiscordMarkdown(text, { heading: true, bulletedList: true, maskedLink: true });
  return neutraliseMentions(escaped.replace(QUOTE_OR_SUBTEXT, '$1\\$2').replace(NUMBERED_ITEM, '$1\\.'));
}

/** For places that render no markdown (footers, author names, choice names): mentions only. */
export function neutraliseMentions(text: string): string {
  return text.replace(/@(everyone|here)\b/gi, '@\u200b$1').replace(/<(@[!&]?|#)(\d+)>/g, '<\u200b$1$2>');
}

/** For inline code spans: backticks cannot be escaped inside them, so they are swapped. */
export function codeSafe(text: string): string {
  return neutraliseMentions(text.replace(/`/g, 'ˋ'));
}
