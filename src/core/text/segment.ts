// Paragraphs and sentences as offsets into the article text. Linear, regex-driven: a paragraph is a
// non-blank line (single newlines separate paragraphs in scraped text, blank lines in others);
// debris lines (stray brackets, photo credits) are neither paragraphs nor sentences.
import type { Segmentation, Sentence, Span } from '../model.ts';
import { ABBREVIATIONS, SENTENCE_OPENERS } from './abbreviations.ts';
import { isDebrisLine } from './debris.ts';

/** A terminator run, its closing quotes/brackets, then whitespace before a likely sentence start. */
const BOUNDARY = /([.!?…]+)["'”’)\]]*(?=\s+["'“‘(\[]?[A-Z0-9])/g;
const WORD_BEFORE = /([A-Za-z][A-Za-z.]*)$/;

export function segment(text: string, from = 0, to = text.length): Segmentation {
  const paragraphs: Span[] = [];
  const sentences: Sentence[] = [];
  let lineStart = from;
  while (lineStart < to) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1 || lineEnd > to) lineEnd = to;
    const span = trim(text, lineStart, lineEnd);
    if (span && !isDebrisLine(text.slice(span.start, span.end))) {
      const index = paragraphs.length;
      paragraphs.push(span);
      splitSentences(text, span.start, span.end, index, sentences);
    }
    lineStart = lineEnd + 1;
  }
  return { paragraphs, sentences };
}

/** Appends the sentences of one paragraph. */
export function splitSentences(text: string, start: number, end: number, paragraph: number, out: Sentence[]): void {
  const para = text.slice(start, end);
  let sentStart = 0;
  BOUNDARY.lastIndex = 0;
  for (let m = BOUNDARY.exec(para); m; m = BOUNDARY.exec(para)) {
    const stopEnd = m.index + m[0].length;
    if (!isBoundary(para, m.index, m[1] ?? '', stopEnd)) continue;
    pushTrimmed(text, start + sentStart, start + stopEnd, paragraph, out);
    sentStart = stopEnd;
  }
  pushTrimmed(text, start + sentStart, end, paragraph, out);
}

function isBoundary(para: string, at: number, stops: string, after: number): boolean {
  const next = /^\s+["'“‘(\[]?([A-Za-z0-9]+)/.exec(para.slice(after, after + 40));
  const nextWord = next?.[1] ?? '';
  if (stops === '.') {
    const before = WORD_BEFORE.exec(para.slice(Math.max(0, at - 20), at))?.[1] ?? '';
    if (before) {
      const lower = before.toLowerCase();
      // Initials ("J. Smith") and dotted acronyms ("U.S.") end a sentence only before a common opener.
      const dotted = before.includes('.') || /^[A-Z]$/.test(before);
      if (dotted) return SENTENCE_OPENERS.has(nextWord) && before.length > 1;
      if (ABBREVIATIONS.has(lower)) {
        // "No. 10", "Jan. 5": never a boundary before a number; titles never end sentences.
        return false;
      }
    }
  }
  if (stops === '…' || stops === '...') {
    // An ellipsis ends a sentence only before a capitalised word other than "I".
    return nextWord !== 'I' && /^[A-Z]/.test(nextWord);
  }
  return true;
}

function pushTrimmed(text: string, start: number, end: number, paragraph: number, out: Sentence[]): void {
  const span = trim(text, start, end);
  if (span) out.push({ start: span.start, end: span.end, paragraph });
}

/** The span without surrounding whitespace, or null when nothing is left. */
export function trim(text: string, start: number, end: number): Span | null {
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  return end > start ? { start, end } : null;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0 || c === 0x2009 || c === 0x200b || c === 0xfeff;
}
