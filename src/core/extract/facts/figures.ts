// Figures in a statement: percentages, sums of money and counts of things.
import type { FactValue } from '../../model.ts';
import { NUMBER, SCALE, numberValue, scaleValue, scaled } from './numbers.ts';
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
const TAIL = /^\s+(of|to|on)\s+/;
const VAGUE = /\b((?:tens|hundreds)\s+of\s+(?:thousands|millions)|dozens|scores|hundreds|thousands|millions|billions)\s+of\b/gi;
const VAGUE_VALUE: Record<string, number> = {
  dozens: 24, scores: 40, hundreds: 200, thousands: 2000, millions: 2e6, billions: 2e9,
};

// Durations and time units are dates' business, not counts of things.
const TIME_UNITS = new Set(['seconds', 'minutes', 'hours', 'days', 'weeks', 'months', 'years', 'decades', 'centuries', 'times']);
const IRREGULAR_PLURALS = new Set(['people', 'men', 'women', 'children', 'police', 'personnel', 'staff', 'cattle', 'feet', 'teeth', 'mice', 'geese', 'crew']);
const NUMBER_WORD = new RegExp(`^${NUMBER}$`, 'i');

function currencyOfWord(word: string): string {
  const w = word.toLowerCase().replace(/\s+/g, ' ');
  if (w.startsWith('pounds sterling')) return 'GBP';
  return CURRENCY_WORDS[w.replace(/s$/, '')] ?? CURRENCY_WORDS[w] ?? w.toUpperCase();
}

function overlaps(spans: readonly Span[], s: number, e: number): boolean {
  for (const x of spans) if (s < x.end && e > x.start) return true;
  return false;
}

/** The noun phrase after "of"/"to": up to four words, stopping at function words and punctuation. */
function phraseAfter(text: string, from: number): { phrase: string; end: number } | null {
  const m = /^((?:[\p{L}\p{N}][\p{L}\p{N}'’-]*)(?:\s+[\p{L}\p{N}][\p{L}\p{N}'’-]*){0,4})/u.exec(text.slice(from));
  if (!m) return null;
  const parts = m[1]!.split(/\s+/);
  const kept: string[] = [];
  for (const w of parts) {
    const lw = w.toLowerCase();
    if (kept.length === 0 && (lw === 'the' || lw === 'its' || lw === 'their' || lw === 'a' || lw === 'an' || lw === 'his' || lw === 'her' || lw === 'our')) {
      kept.push(w);
      continue;
    }
    if (STOPWORDS.has(lw) || /^(?:by|as|while|which|who|when|from|in|on|at|and|or|but|than|for|is|was|will|has|had)$/.test(lw)) break;
    kept.push(w);
    if (kept.length >= 4) break;
  }
  while (kept.length > 0 && STOPWORDS.has(kept[0]!.toLowerCase()) && kept.length > 0) kept.shift();
  if (kept.length === 0) return null;
  const phrase = kept.join(' ');
  return { phrase, end: from + text.slice(from).indexOf(kept[kept.length - 1]!) + kept[kept.length - 1]!.length };
}

/**
 * Figures in `text`, skipping anything inside `taken` (dates already found there). Money and
 * percentages come first so their numbers are not counted again as counts.
 */
export function findFigures(text: string, ws: Word[], taken: readonly Span[]): FigureHit[] {
  const hits: FigureHit[] = [];
  const used: Span[] = [...taken];
  const add = (start: number, end: number, value: FactValue) => {
    if (overlaps(used, start, end)) return;
    hits.push({ start, end, value });
    used.push({ start, end });
  };

  MONEY_SYMBOL.lastIndex = 0;
  for (let m = MONEY_SYMBOL.exec(text); m; m = MONEY_SYMBOL.exec(text)) {
    const n = numberValue(m[3]!);
    if (Number.isNaN(n) || (m[3] === 'a' && !m[4])) continue;
    const sym = m[2]!;
    const currency = sym === '$' && m[1] ? DOLLAR_PREFIX[m[1].toUpperCase()] ?? 'USD' : SYMBOLS[sym]!;
    add(m.index, m.index + m[0].length, { type: 'money', text: m[0], value: scaled(n, scaleValue(m[4])), currency });
  }
  MONEY_CODE.lastIndex = 0;
  for (let m = MONEY_CODE.exec(text); m; m = MONEY_CODE.exec(text)) {
    const n = numberValue(m[2] ?? m[4]!);
    if (Number.isNaN(n)) continue;
    add(m.index, m.index + m[0].length, {
      type: 'money', text: m[0], value: scaled(n, scaleValue(m[3] ?? m[5])), currency: (m[1] ?? m[6])!,
    });
  }
  MONEY_WORD.lastIndex = 0;
  for (let m = MONEY_WORD.exec(text); m; m = MONEY_WORD.exec(text)) {
    const n = numberValue(m[1]!);
    if (Number.isNaN(n)) continue;
    add(m.index, m.index + m[0].length, {
      type: 'money', text: m[0], value: scaled(n, scaleValue(m[2])), currency: currencyOfWord(m[3]!),
    });
  }

  PERCENT.lastIndex = 0;
  for (let m = PERCENT.exec(text); m; m = PERCENT.exec(text)) {
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
    add(m.index, spanEnd, value);
  }

  VAGUE.lastIndex = 0;
  for (let m = VAGUE.exec(text); m; m = VAGUE.exec(text)) {
    const after = m.index + m[0].length;
    const noun = countedNoun(text, ws, after);
    if (!noun) continue;
    const q = m[1]!.toLowerCase().replace(/\s+/g, ' ');
    const value = q.startsWith('tens of') ? 20 * (q.endsWith('thousands') ? 1e3 : 1e6)
      : q.startsWith('hundreds of') ? 200 * (q.endsWith('thousands') ? 1e3 : 1e6)
      : VAGUE_VALUE[q] ?? NaN;
    if (Number.isNaN(value)) continue;
    add(m.index, noun.end, { type: 'count', text: text.slice(m.index, noun.end), value, unit: noun.unit, approximate: true });
  }

  countsFromWords(text, ws, add);
  hits.sort((a, b) => a.start - b.start);
  return hits;
}

/** "500 troops", "2,000 British troops", "two leaders", "1.5 million people". */
function countsFromWords(text: string, ws: Word[], add: (s: number, e: number, v: FactValue) => void): void {
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i]!;
    const lw = w.raw.toLowerCase();
    if (lw === 'one' || lw === 'a' || !NUMBER_WORD.test(w.raw)) continue;
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
    const noun = countedNoun(text, ws, ws[j - 1]!.end);
    if (!noun) continue;
    add(w.start, noun.end, { type: 'count', text: text.slice(w.start, noun.end), value: n, unit: noun.unit });
    i = j - 1;
  }
}

const TENS_OR_UNITS = /^(?:one|two|three|four|five|six|seven|eight|nine)$/;
const MULTIPLIERS = new Set(['hundred', 'thousand', 'million', 'billion', 'trillion']);

function isPlural(word: string): boolean {
  if (IRREGULAR_PLURALS.has(word)) return true;
  return word.length > 3 && /^[a-z][a-z-]*[^sui']s$/.test(word) && !STOPWORDS.has(word);
}

/** The counted noun after position `from`: up to two modifiers then a plural noun. */
function countedNoun(text: string, ws: Word[], from: number): { unit: string; end: number } | null {
  let k = 0;
  while (k < ws.length && ws[k]!.start < from) k++;
  let prevEnd = from;
  for (let step = 0; step < 3 && k < ws.length; step++, k++) {
    const w = ws[k]!;
    if (!/^\s+$/.test(text.slice(prevEnd, w.start))) return null;
    const lw = w.raw.toLowerCase();
    if (w.raw === lw && isPlural(lw)) return TIME_UNITS.has(lw) ? null : { unit: lw, end: w.end };
    if (STOPWORDS.has(lw) || /^\d/.test(w.raw) || w.possessive) return null;
    prevEnd = w.end;
  }
  return null;
}
