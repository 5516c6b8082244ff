// The text the extractor reads, derived from the file's text without losing the way back:
// - every line break is "\n" (a lone CR, U+2028 and U+2029 separate lines too);
// - markup is blanked: HTML tags (block tags become line breaks), <script>/<style> bodies, Markdown
//   fenced code blocks and inline code that holds a quotation mark. Nothing inside them is prose;
// - names are in one form: NFC ("José" typed as e + U+0301 is the same person as "José"), and
//   zero-width characters and soft hyphens inside words are dropped.
// The first two keep every offset. The last changes lengths, so the view carries maps back to the
// file's offsets: what the extractor reports still points at the file's own text.

export interface TextView {
  /** The text to extract from. */
  text: string;
  /** File offset of a view offset where a span starts / ends. */
  start(viewOffset: number): number;
  end(viewOffset: number): number;
  /** View offset of a file offset. */
  fromOriginal(offset: number): number;
}

const LINE_BREAKS = /\r\n?|[\u2028\u2029]/g;
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/;
const INVISIBLE_CHAR = (c: number) => c === 0xad || (c >= 0x200b && c <= 0x200d) || c === 0x2060 || c === 0xfeff;
/** A start or end tag with its attributes (which may span lines), or a comment. */
const TAG = /<!--[\s\S]*?-->|<\/?[A-Za-z][\w:-]*(?:\s(?:[^<>"']|"[^"]*"|'[^']*')*)?\/?>/g;
const BLOCK_TAG = /^<\/?(?:p|div|br|hr|li|ul|ol|h[1-6]|tr|td|th|table|blockquote|section|article|header|footer|aside|nav|pre|figure|figcaption|tweet)\b/i;
const RAW_BODY = /<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
const FENCE = /^[ \t]{0,3}(`{3,}|~{3,})[^\n]*\n[\s\S]*?(?:^[ \t]{0,3}\1[`~]*[ \t]*$|(?![\s\S]))/gm;
const INLINE_CODE = /(?<!`)`([^`\n]+)`(?!`)/g;
const QUOTE_MARK = /["“”„«»]/;

/** The extraction view of `text`, or null when the text is already in that form (the usual case). */
export function prepareText(text: string): TextView | null {
  let t = text;
  if (t.includes('\r') || t.includes('\u2028') || t.includes('\u2029')) t = t.replace(LINE_BREAKS, (m) => (m.length === 2 ? ' \n' : '\n'));
  if (t.includes('<')) t = blankMarkup(t);
  if (t.includes('```') || t.includes('~~~')) t = t.replace(FENCE, blank);
  if (t.includes('`')) t = t.replace(INLINE_CODE, (m, body: string) => (QUOTE_MARK.test(body) ? blank(m) : m));
  const remap = INVISIBLE.test(t) || t.normalize('NFC') !== t;
  if (!remap) return t === text ? null : sameOffsets(t);
  return remapped(t);
}

/** True when a text looks like an HTML page rather than an article (for a warning at load time). */
export function looksLikeHtmlPage(text: string): boolean {
  const head = text.slice(0, 2000);
  if (/^\s*(?:<!doctype\s+html|<html[\s>])/i.test(head) || /<(?:head|body)[\s>]/i.test(head)) return true;
  // Prose with a tag here and there is not a page; a page is mostly tags.
  let tags = 0;
  TAG.lastIndex = 0;
  for (let m = TAG.exec(head); m; m = TAG.exec(head)) if (/^<\/?(?:p|div|span|a|li|td|meta|link|script)\b/i.test(m[0])) tags++;
  return tags >= 8;
}

function blankMarkup(t: string): string {
  let out = t;
  if (/<(?:script|style)\b/i.test(out)) out = out.replace(RAW_BODY, blank);
  return out.replace(TAG, (m) => (BLOCK_TAG.test(m) ? `\n${blank(m.slice(1))}` : blank(m)));
}

/** Spaces of the same length, keeping line breaks (so lines and offsets stay where they were). */
function blank(m: string): string {
  return m.replace(/[^\n]/g, ' ');
}

function sameOffsets(text: string): TextView {
  return { text, start: (o) => o, end: (o) => o, fromOriginal: (o) => o };
}

/** Drops invisible characters and composes to NFC, keeping maps between the two offset systems. */
function remapped(src: string): TextView {
  const n = src.length;
  const parts: string[] = [];
  const startAt: number[] = []; // per view char: file offset where its source begins
  const endAt: number[] = []; // per view char: file offset where its source ends
  const forward = new Int32Array(n + 1);
  let viewLen = 0;
  let copyFrom = 0;
  const flush = (to: number) => {
    if (to <= copyFrom) return;
    parts.push(src.slice(copyFrom, to));
    for (let k = copyFrom; k < to; k++) {
      forward[k] = viewLen;
      startAt.push(k);
      endAt.push(k + 1);
      viewLen++;
    }
  };
  let i = 0;
  while (i < n) {
    const c = src.charCodeAt(i);
    if (INVISIBLE_CHAR(c)) {
      flush(i);
      forward[i] = viewLen;
      copyFrom = ++i;
      continue;
    }
    // A base character (a surrogate pair counts as one) and the combining marks after it.
    let j = i + (c >= 0xd800 && c <= 0xdbff && i + 1 < n ? 2 : 1);
    while (j < n && isMark(src, j)) j++;
    const chunk = src.slice(i, j);
    if (j - i === 1 && c < 0x300) {
      i = j;
      continue;
    }
    const nfc = chunk.normalize('NFC');
    if (nfc === chunk) {
      i = j;
      continue;
    }
    flush(i);
    parts.push(nfc);
    for (let k = i; k < j; k++) forward[k] = viewLen;
    for (let k = 0; k < nfc.length; k++) {
      startAt.push(i);
      endAt.push(j);
      viewLen++;
    }
    copyFrom = i = j;
  }
  flush(n);
  forward[n] = viewLen;
  const text = parts.join('');
  return {
    text,
    start: (o) => (o >= viewLen ? n : o <= 0 ? 0 : startAt[o]!),
    end: (o) => (o <= 0 ? 0 : o > viewLen ? n : endAt[o - 1]!),
    fromOriginal: (o) => forward[Math.max(0, Math.min(n, o))]!,
  };
}

const MARK = /\p{M}/u;

function isMark(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c < 0x300) return false;
  if (c <= 0x36f) return true;
  return MARK.test(s[i]!);
}
