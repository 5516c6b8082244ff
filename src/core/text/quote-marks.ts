// Pairs double quotation marks into quoted spans, paragraph by paragraph. Real text mixes curly and
// straight marks and sometimes uses the "wrong" curly one, so a mark's role comes from what stands
// on either side of it. Conventions: a paragraph that opens with a mark while the previous one ended
// inside a quote continues that quote; a quote still open at a paragraph's end stops there.
import type { Span } from '../model.ts';

export interface QuotedSpan extends Span {
  /** Offsets of the opening and closing marks; -1 when the span opens/closes at a paragraph edge. */
  openMark: number;
  closeMark: number;
  paragraph: number;
  /** True when this span continues a quote left open at the end of the previous paragraph. */
  continued: boolean;
  /** True when no closing mark was found before the paragraph ended. */
  unclosed: boolean;
}

export interface QuoteScan {
  spans: QuotedSpan[];
  /** Opening marks that never close and are not continued by the next paragraph. */
  unbalanced: number[];
}

const MARKS = /["“”„«»]/g;
const OPEN_ROOM = /[\s([{\u2014\u2013\-/>]/; // what may stand before an opening mark
const CLOSE_ROOM = /[\s.,;:!?)\]}\u2014\u2013\-…'’]/; // what may stand after a closing mark

type Role = 'open' | 'close' | 'either';

function roleOf(text: string, at: number, pStart: number, pEnd: number): Role {
  const ch = text[at];
  const before = at > pStart ? text[at - 1]! : ' ';
  const after = at + 1 < pEnd ? text[at + 1]! : ' ';
  const roomBefore = OPEN_ROOM.test(before);
  const roomAfter = CLOSE_ROOM.test(after);
  if (roomBefore && !roomAfter) return 'open';
  if (!roomBefore && roomAfter) return 'close';
  if (ch === '“' || ch === '„' || ch === '«') return roomBefore || !roomAfter ? 'open' : 'either';
  if (ch === '”' || ch === '»') return 'close';
  return 'either';
}

/** Finds quoted spans in the given paragraphs (offsets into `text`, in reading order). */
export function scanQuotes(text: string, paragraphs: readonly Span[]): QuoteScan {
  const spans: QuotedSpan[] = [];
  const unbalanced: number[] = [];
  let carry = false; // the previous paragraph ended inside a quote
  let carryMark = -1;
  for (let p = 0; p < paragraphs.length; p++) {
    const { start: ps, end: pe } = paragraphs[p]!;
    let open = -1; // offset of the current opening mark
    let openContinued = false;
    let nested = 0; // curly quotations open inside the current one
    MARKS.lastIndex = ps;
    let first = true;
    for (let m = MARKS.exec(text); m && m.index < pe; m = MARKS.exec(text)) {
      const at = m.index;
      // Markup debris (`tweet-date="…"`, `">Name`): an attribute's quotes are not quotation marks.
      if (text[at - 1] === '=' || text[at + 1] === '>') continue;
      const role = roleOf(text, at, ps, pe);
      if (first && at === ps && role !== 'close') {
        if (carry) openContinued = true;
      } else if (first && carry) {
        unbalanced.push(carryMark);
      }
      if (first) carry = false;
      first = false;
      if (open === -1) {
        if (role === 'close') {
          // A closing mark at the very start of a paragraph is a misused opening mark.
          if (at !== ps) continue;
        }
        open = at;
        continue;
      }
      if (role === 'open' && at > open + 1 && isOpeningCurly(text[at]!) && isOpeningCurly(text[open]!)) {
        if (nestedAhead(text, at, pe)) {
          // `“… what he calls “hell” than …”`: a quotation inside the quotation, part of it.
          nested++;
          continue;
        }
        // Two opening curly marks in a row: the first quote lost its closing mark.
        push(spans, text, open + 1, at, open, -1, p, openContinued, true);
        open = at;
        openContinued = false;
        continue;
      }
      if (role === 'open' && nested === 0 && at > open + 1 && text[at] === '"' && text[open] === '"' && straightNestedAhead(text, at, ps, pe)) {
        // `"He called it "a farce", and I agreed," Silva said.`: straight marks nested the same way.
        nested++;
        continue;
      }
      if (nested > 0 && (text[at] === '”' || (text[at] === '"' && role !== 'open'))) {
        nested--;
        continue;
      }
      push(spans, text, open + 1, at, open, at, p, openContinued, false);
      open = -1;
      openContinued = false;
    }
    if (first && carry) {
      unbalanced.push(carryMark);
      carry = false;
    }
    if (open !== -1) {
      push(spans, text, open + 1, pe, open, -1, p, openContinued, true);
      carry = true;
      carryMark = open;
    }
  }
  if (carry) unbalanced.push(carryMark);
  return { spans, unbalanced };
}

/** After a second “ inside a quotation: do enough ” follow in the paragraph to close both? */
function nestedAhead(text: string, at: number, pe: number): boolean {
  let opens = 0;
  let closes = 0;
  // Bounded look-ahead keeps a paragraph full of marks linear; real nested quotations are short.
  const end = Math.min(pe, at + 2000);
  for (let i = at; i < end; i++) {
    const c = text[i];
    if (c === '“') opens++;
    else if (c === '”') closes++;
  }
  return closes >= opens + 1;
}

/** After a second straight " that opens inside a straight-quoted quotation: does one mark close
 * the inner quotation and a later one the outer, within the sentence-sized stretch after it? The
 * inner one must close before the paragraph could plausibly start a new quotation: no opening mark
 * between the two closing ones. */
function straightNestedAhead(text: string, at: number, ps: number, pe: number): boolean {
  const end = Math.min(pe, at + 600);
  let closes = 0;
  for (let i = at + 1; i < end; i++) {
    if (text[i] !== '"') continue;
    const role = roleOf(text, i, ps, pe);
    if (role === 'open') return false;
    if (++closes === 2) return role === 'close' || role === 'either';
  }
  return false;
}

function isOpeningCurly(ch: string): boolean {
  return ch === '“' || ch === '„' || ch === '«';
}

function push(out: QuotedSpan[], text: string, start: number, end: number, openMark: number, closeMark: number,
  paragraph: number, continued: boolean, unclosed: boolean): void {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  if (end <= start) return;
  out.push({ start, end, openMark, closeMark, paragraph, continued, unclosed });
}
