// Figures in a statement: percentages, sums of money and counts of things.
import type { FactValue } from '../../model.ts';
import { NUMBER, NUMBER_WORDS_LIST, SCALE, numberValue, scaleValue, scaled } from './numbers.ts';
import { CUE_CURRENCY, CUE_DIGIT, CUE_NUMBER_WORD, CUE_PERCENT, CUE_VAGUE } from './cues.ts';
import { STOPWORDS } from './stopwords.ts';
import type { Word } from './words.ts';

export interface FigureHit {
  start: number;
  end: number;
  value: FactValue;
}

interface Span {
  start: number;
  end: number;
}

const SYMBOLS: Record<string, string> = { $: 'USD', '£': 'GBP', '€': 'EUR', '¥': 'JPY', '₹': 'INR' };
const DOLLAR_PREFIX: Record<string, string> = { US: 'USD', A: 'AUD', C: 'CAD', NZ: 'NZD', HK: 'HKD', S: 'SGD' };
const CURRENCY_WORDS: Record<string, string> = {
  dollar: 'USD', pound: 'GBP', 'pounds sterling': 'GBP', euro: 'EUR', yen: 'JPY', yuan: 'CNY',
  renminbi: 'CNY', rouble: 'RUB', ruble: 'RUB', rupee: 'INR', franc: 'CHF', hryvnia: 'UAH',
};
const CODES = 'USD|GBP|EUR|JPY|CNY|RUB|INR|CHF|AUD|CAD|UAH';

// Numbers glued to letters or hyphens ("No10", "F-35", "Covid-19") are names, not figures.
const LEAD = '(?<![\\p{L}\\p{N}_\\-.,/])';
const MONEY_SYMBOL = new RegExp(`${LEAD}(US|A|C|NZ|HK|S)?([$£€¥₹])\\s?(${NUMBER})(${SCALE})?`, 'giu');
const MONEY_WORD = new RegExp(
  `${LEAD}(${NUMBER})(${SCALE})?\\s+(dollars?|pounds?\\s+sterling|pounds?|euros?|yen|yuan|renminbi|roubles?|rubles?|rupees?|francs?|hryvnias?)\\b`,
  'giu',
);
const MONEY_CODE = new RegExp(`${LEAD}(?:(${CODES})\\s?(${NUMBER})(${SCALE})?|(${NUMBER})(${SCALE})?\\s?(${CODES}))\\b`, 'gu');
const PERCENT = new RegExp(`${LEAD}(${NUMBER})\\s?(%|per\\s?cent\\b|percent\\b|percentage\\s+points?\\b)`, 'giu');
const TAIL = /^\s+(of|to)\s+/;
const PHRASE_WORD = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;
const DETERMINERS = new Set(['the', 'a', 'an', 'its', 'their', 'his', 'her', 'our', 'this', 'that']);
const VAGUE = /\b((?:tens|hundreds)\s+of\s+(?:thousands|millions)|dozens|scores|hundreds|thousands|millions|billions)\s+of\b/gi;
const VAGUE_VALUE: Record<string, number> = {
  dozens: 24, scores: 40, hundreds: 200, thousands: 2000, millions: 2e6, billions: 2e9,
};

// Durations and time units are dates' business, not counts of things.
const TIME_UNITS = new Set(['seconds', 'minutes', 'hours', 'days', 'weeks', 'months', 'years', 'decades', 'centuries', 'times']);
const IRREGULAR_PLURALS = new Set(['people', 'men', 'women', 'children', 'police', 'personnel', 'staff', 'cattle', 'feet', 'teeth', 'mice', 'geese']);
const NUMBER_WORD = new RegExp(`^${NUMBER}$`, 'i');
const HAS_SYMBOL = /[$£€¥₹]/;
const HAS_CODE = new RegExp(CODES);
const HAS_CURRENCY_WORD = /dollar|pound|euro|yen|yuan|renminbi|roubl|rubl|rupee|franc|hryvn/i;
// First words of numbers in words; anything else is only a number if it starts with a digit.
const NUMBER_STARTS = new Set(NUMBER_WORDS_LIST);

function currencyOfWord(word: string): string {
  const w = word.toLowerCase().replace(/\s+/g, ' ');
  if (w.startsWith('pounds sterling')) return 'GBP';
  return CURRENCY_WORDS[w.replace(/s$/, '')] ?? CURRENCY_WORDS[w] ?? w.toUpperCase();
}

/** Records a figure unless it overlaps one already found (or a date). */
function add(hits: FigureHit[], used: Span[], start: number, end: number, value: FactValue): void {
  if (overlaps(used, start, end)) return;
  hits.push({ start, end, value });
  used.push({ start, end });
}

function overlaps(spans: readonly Span[], s: number, e: number): boolean {
  for (const x of spans) if (s < x.end && e > x.start) return true;
  return false;
}

/** The noun phrase after "of"/"to": up to four words, without a leading determiner, stopping at function words. */
function phraseAfter(text: string, from: number): { phrase: string; end: number } | null {
  const rest = text.slice(from, from + 80);
  PHRASE_WORD.lastIndex = 0;
  let first = -1;
  let end = -1;
  let count = 0;
  for (let m = PHRASE_WORD.exec(rest); m && count < 4; m = PHRASE_WORD.exec(rest)) {
    // Words must follow one another with only spaces between.
    if (end >= 0 && !/^\s+$/.test(rest.slice(end, m.index))) break;
    if (end < 0 && m.index !== 0) break;
    const lw = m[0].toLowerCase();
    if (STOPWORDS.has(lw)) {
      if (first < 0 && DETERMINERS.has(lw)) {
        end = m.index + m[0].length;
        continue;
      }
      break;
    }
    if (first < 0) first = m.index;
    end = m.index + m[0].length;
    count++;
  }
  if (first < 0) return null;
  return { phrase: rest.slice(first, end), end: from + end };
}

/**
 * Figures in `text`, skipping anything inside `taken` (dates already found there). Money and
 * percentages come first so their numbers are not counted again as counts.
 */
export function findFigures(text: string, ws: Word[], cues: number, taken: readonly Span[]): FigureHit[] {
  const hits: FigureHit[] = [];
  // Every figure needs a number: digits, a number word, or a vague quantity.
  if ((cues & (CUE_DIGIT | CUE_NUMBER_WORD | CUE_VAGUE)) === 0) return hits;
  const used: Span[] = [...taken];

  // Literal gates first: each family's full pattern only runs where its marker occurs.
  MONEY_SYMBOL.lastIndex = 0;
  for (let m = (cues & CUE_CURRENCY) && HAS_SYMBOL.test(text) ? MONEY_SYMBOL.exec(text) : null; m; m = MONEY_SYMBOL.exec(text)) {
    const n = numberValue(m[3]!);
    if (Number.isNaN(n) || (m[3] === 'a' && !m[4])) continue;
    const sym = m[2]!;
    const currency = sym === '$' && m[1] ? DOLLAR_PREFIX[m[1].toUpperCase()] ?? 'USD' : SYMBOLS[sym]!;
    add(hits, used, m.index, m.index + m[0].length, { type: 'money', text: m[0], value: scaled(n, scaleValue(m[4])), currency });
  }
  MONEY_CODE.lastIndex = 0;
  for (let m = (cues & CUE_CURRENCY) && HAS_CODE.test(text) ? MONEY_CODE.exec(text) : null; m; m = MONEY_CODE.exec(text)) {
    const n = numberValue(m[2] ?? m[4]!);
    if (Number.isNaN(n)) continue;
    add(hits, used, m.index, m.index + m[0].length, {
      type: 'money', text: m[0], value: scaled(n, scaleValue(m[3] ?? m[5])), currency: (m[1] ?? m[6])!,
    });
  }
  MONEY_WORD.lastIndex = 0;
  for (let m = (cues & CUE_CURRENCY) && HAS_CURRENCY_WORD.test(text) ? MONEY_WORD.exec(text) : null; m; m = MONEY_WORD.exec(text)) {
    const n = numberValue(m[1]!);
    if (Number.isNaN(n)) continue;
    add(hits, used, m.index, m.index + m[0].length, {
      type: 'money', text: m[0], value: scaled(n, scaleValue(m[2])), currency: currencyOfWord(m[3]!),
    });
  }

  PERCENT.lastIndex = 0;
  for (let m = (cues & CUE_PERCENT) ? PERCENT.exec(text) : null; m; m = PERCENT.exec(text)) {
    const n = numberValue(m[1]!);
    if (Number.isNaN(n) || m[1]!.toLowerCase() === 'a') continue;
    const end = m.index + m[0].length;
    const value: FactValue & { type: 'percent' } = { type: 'percent', text: m[0], value: n };
    const tail = TAIL.exec(text.slice(end));
    let spanEnd = end;
    if (tail) {
      const np = phraseAfter(text, end + tail[0].length);
      if (np) {
        if (tail[1]!.toLowerCase() === 'of') value.of = np.phrase;
        else value.to = np.phrase;
        spanEnd = np.end;
      }
    }
    add(hits, used, m.index, spanEnd, value);
  }

  VAGUE.lastIndex = 0;
  for (let m = (cues & CUE_VAGUE) ? VAGUE.exec(text) : null; m; m = VAGUE.exec(text)) {
    const after = m.index + m[0].length;
    const noun = countedNoun(text, ws, after);
    if (!noun) continue;
    const q = m[1]!.toLowerCase().replace(/\s+/g, ' ');
    const value = q.startsWith('tens of') ? 20 * (q.endsWith('thousands') ? 1e3 : 1e6)
      : q.startsWith('hundreds of') ? 200 * (q.endsWith('thousands') ? 1e3 : 1e6)
      : VAGUE_VALUE[q] ?? NaN;
    if (Number.isNaN(value)) continue;
    const phrase = text.slice(m.index, noun.end);
    // "billions of dollars" is a sum of money, not a count of banknotes.
    const currency = CURRENCY_WORDS[noun.unit.replace(/s$/, '')];
    add(hits, used, m.index, noun.end, currency
      ? { type: 'money', text: phrase, value, currency, approximate: true }
      : { type: 'count', text: phrase, value, unit: noun.unit, approximate: true });
  }

  if (cues & (CUE_DIGIT | CUE_NUMBER_WORD)) countsFromWords(text, ws, hits, used);
  hits.sort((a, b) => a.start - b.start);
  return hits;
}

/** "500 troops", "2,000 British troops", "two leaders", "1.5 million people". */
function countsFromWords(text: string, ws: Word[], hits: FigureHit[], used: Span[]): void {
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i]!;
    const c = w.raw.charCodeAt(0);
    if (!(c >= 48 && c <= 57)) {
      const lw = w.lower;
      const hyphen = lw.indexOf('-');
      if (!NUMBER_STARTS.has(hyphen < 0 ? lw : lw.slice(0, hyphen)) || lw === 'one') continue;
    }
    if (!NUMBER_WORD.test(w.raw)) continue;
    if (/^\d/.test(w.raw) && /[\p{L}\-/]$/u.test(text.slice(Math.max(0, w.start - 1), w.start))) continue;
    let j = i + 1;
    let n = numberValue(w.raw);
    // Compound words: "twenty five", "two hundred", "1.5 million".
    for (; j < ws.length; j++) {
      const nw = ws[j]!.raw.toLowerCase();
      if (MULTIPLIERS.has(nw)) n = scaled(n, scaleValue(nw));
      else if (j === i + 1 && /^[a-z]/i.test(w.raw) && TENS_OR_UNITS.test(nw)) n += numberValue(nw);
      else break;
    }
    if (Number.isNaN(n) || n <= 0) continue;
    // "the two leaders" refers back to people already named; it is not a figure.
    if (n < 10 && /^[a-z]/i.test(w.raw) && i > 0 && /^(?:the|these|those|both|its|their|his|her|our)$/i.test(ws[i - 1]!.raw)) continue;
    const noun = countedNoun(text, ws, ws[j - 1]!.end);
    if (!noun) continue;
    add(hits, used, w.start, noun.end, { type: 'count', text: text.slice(w.start, noun.end), value: n, unit: noun.unit });
    i = j - 1;
  }
}

const TENS_OR_UNITS = /^(?:one|two|three|four|five|six|seven|eight|nine)$/;
const MULTIPLIERS = new Set(['hundred', 'thousand', 'million', 'billion', 'trillion']);

function isPlural(word: string): boolean {
  if (IRREGULAR_PLURALS.has(word)) return true;
  return word.length > 3 && /^[a-z][a-z-]*[^sui']s$/.test(word) && !STOPWORDS.has(word);
}

function onlySpaces(text: string, from: number, to: number): boolean {
  if (to <= from) return false;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 10 && c !== 9 && c !== 0xa0) return false;
  }
  return true;
}

/** The counted noun after position `from`: up to two modifiers then a plural noun. */
function countedNoun(text: string, ws: Word[], from: number): { unit: string; end: number } | null {
  // Binary search for the first word at or after `from`.
  let k = 0;
  let hi = ws.length;
  while (k < hi) {
    const mid = (k + hi) >> 1;
    if (ws[mid]!.start < from) k = mid + 1;
    else hi = mid;
  }
  let prevEnd = from;
  for (let step = 0; step < 3 && k < ws.length; step++, k++) {
    const w = ws[k]!;
    if (!onlySpaces(text, prevEnd, w.start)) return null;
    const lw = w.lower;
    if (w.raw === lw && isPlural(lw)) return TIME_UNITS.has(lw) ? null : { unit: lw, end: w.end };
    const c = w.raw.charCodeAt(0);
    if (STOPWORDS.has(lw) || (c >= 48 && c <= 57) || w.possessive) return null;
    prevEnd = w.end;
  }
  return null;
}
