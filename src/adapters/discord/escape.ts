// Article and user text shown in Discord markdown. allowedMentions stops pings; this also stops
// `@everyone` or `<@123>` from *displaying* as a mention, and text from turning into formatting.

const INLINE = /[\\*_~`|[\]]/g;
// Block syntax only counts at a line start followed by a space (`> `, `# `, `-# `, `- `, `1. `).
const LINE_START = /^(\s*)(>>>|>|#{1,3}|-#|[-+]|\d+\.)(?=\s)/gm;

/** Escapes Discord markdown and neutralises mentions in plain text. */
export function escapeMarkdown(text: string): string {
  return neutraliseMentions(text.replace(INLINE, '\\$&').replace(LINE_START, '$1\\$2'));
}

/** For places that render no markdown (footers, author names, choice names): mentions only. */
export function neutraliseMentions(text: string): string {
  return text.replace(/@(everyone|here)\b/gi, '@\u200b$1').replace(/<(@[!&]?|#)(\d+)>/g, '<\u200b$1$2>');
}

/** Text for inline code spans: backticks cannot be escaped inside them, so they are swapped. */
export function codeSafe(text: string): string {
  return neutraliseMentions(text.replace(/`/g, 'ˋ'));
}
