// Making text safe for Slack's mrkdwn. Slack only parses control sequences inside `<…>`
// (`<!channel>`, `<@U123>`, `<http://x|y>`), and `&` starts an entity, so escaping these three
// characters makes any echoed user or article text inert.
import { clip } from '../../core/reply/fit.ts';

export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Escapes `text` and shortens it so the escaped form is at most `max` characters. Clipping the raw
 * text first means an entity (`&amp;`) is never cut in half.
 */
export function fitEscaped(text: string, max: number): string {
  let room = max;
  for (;;) {
    const out = escapeMrkdwn(clip(text, room));
    if (out.length <= max || room <= 1) return out.length <= max ? out : '';
    // Escaping grows the text unevenly; shrink in proportion, and by at least one character.
    room = Math.min(room - 1, Math.floor((room * max) / out.length));
  }
}

/** A link only for plain http(s) URLs; anything else is shown as escaped text. */
export function link(url: string | null, label: string): string {
  const safeLabel = escapeMrkdwn(label).replace(/\|/g, '¦');
  if (!url || !/^https?:\/\/[^\s<>|]+$/i.test(url)) return safeLabel;
  return `<${url.replace(/&/g, '&amp;')}|${safeLabel}>`;
}

/** Puts `>` in front of every line, so multi-line text stays inside the block quote. */
export function blockQuote(escaped: string): string {
  return escaped
    .split('\n')
    .map((line) => `>${line}`)
    .join('\n');
}
