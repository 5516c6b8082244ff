// A title for an article without front matter: the first line when a blank line follows it
// (how PolNeAR and many scraped texts are laid out), otherwise its first sentence, clipped.
import type { Span } from '../model.ts';
import { clip } from '../reply/fit.ts';
import { segment, trim } from '../text/segment.ts';

const MAX_TITLE = 120;

export function titleFromText(text: string, from: number): { title: string; span: Span | null; bodyStart: number } {
  let i = from;
  while (i < text.length && /\s/.test(text[i]!)) i++;
  // A line ends at LF, CRLF, a lone CR, or U+2028/U+2029.
  const eol = /\r\n?|[\n\u2028\u2029]/g;
  eol.lastIndex = i;
  const nl = eol.exec(text);
  if (nl) {
    const after = /^(?:\r\n?|[\n\u2028\u2029])[ \t]*(?:\r\n?|[\n\u2028\u2029])/.exec(text.slice(nl.index, nl.index + 8));
    const line = trim(text, i, nl.index);
    if (after && line && line.end - line.start <= 300) {
      const title = text.slice(line.start, line.end).replace(/^#+\s*/, '');
      return { title, span: line, bodyStart: nl.index + nl[0].length };
    }
  }
  const first = segment(text, from, Math.min(text.length, from + 2000)).sentences[0];
  const sentence = first ? text.slice(first.start, first.end) : text.slice(i, i + MAX_TITLE);
  return { title: clip(sentence.replace(/\s+/g, ' ').replace(/^#+\s*/, ''), MAX_TITLE), span: null, bodyStart: from };
}
