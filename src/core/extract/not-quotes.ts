// Quotation marks that hold no one's words: titles of shows and writing, named events, nicknames.
import type { QuotedSpan } from '../text/quote-marks.ts';
import { isCapitalized } from './tokens.ts';

/** `on "Meet the Nation"`, `told "Morning Show"`, `NBC's "Nightly Report"`: the marks name a show or work. */
export function namesAWork(text: string, sp: QuotedSpan): boolean {
  const open = sp.openMark >= 0 ? sp.openMark : sp.start;
  const before = text.slice(Math.max(0, open - 24), open);
  return /(?:\b(?:on|to|told|at|of|in|the|a|an|watching|watched|hosted|host|show|program|programme|titled|entitled|book|film|movie|song|album)|['’]s)\s*$/i.test(before);
}

/** The marks hold the title of a piece of writing: `Jane Doe's commentary, "…"`, `an essay titled "…"`. */
export function titlesAWork(text: string, sp: QuotedSpan): boolean {
  const open = sp.openMark >= 0 ? sp.openMark : sp.start;
  const before = text.slice(Math.max(0, open - 30), open);
  return /\b(?:column|commentary|op-ed|essay|article|editorial|piece|book|memoir|novel|film|movie|documentary|song|album|series|episode|poem|podcast),\s*$|\b(?:titled|entitled|headlined|dubbed)\s*$/i.test(before);
}

/** A nickname between a first and a last name: `Marcia "Cia" Price`. */
export function isNickname(text: string, sp: QuotedSpan): boolean {
  if (sp.openMark < 0 || sp.closeMark < 0) return false;
  const before = text.slice(Math.max(0, sp.openMark - 20), sp.openMark);
  const after = text.slice(sp.closeMark + 1, sp.closeMark + 20);
  return /\b[A-Z][a-z]+\s$/.test(before) && /^\s[A-Z][a-z]+/.test(after);
}

export function isTitleLike(text: string, start: number, end: number): boolean {
  const words = text.slice(start, end).match(/[A-Za-z][A-Za-z'’]*/g) ?? [];
  if (words.length < 2 || words.length > 8) return false;
  const small = /^(?:a|an|the|of|and|or|in|on|to|for|at|by|with|from|is|vs)$/;
  return words.every((w, i) => isCapitalized(w) || (i > 0 && small.test(w)));
}
