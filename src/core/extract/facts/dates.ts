// Dates and time expressions in a statement, resolved against the article's published date.
import {
  addDays, dateOf, day, iso, month, monthOf, season, week, weekday, year, yearOf,
  type DateRange, type Season,
} from './calendar.ts';
import { CUE_MONTH, CUE_REL_DAY, CUE_SEASON, CUE_UNIT, CUE_WEEKDAY, CUE_YEAR } from './cues.ts';
import { tenseAt, type Tense } from './tense.ts';

export interface DateHit {
  start: number;
  end: number;
  /** The expression as written ("on Tuesday", "next week", "in the spring"). */
  text: string;
  /** Null when the expression is relative and the article has no published date. */
  range: DateRange | null;
  tense: Tense;
}

const FULL = 'January|February|March|April|May|June|July|August|September|October|November|December';
const ABBR = 'Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec';
const MON = `(?:${FULL}|(?:${ABBR})\\.?)`;
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

const DMY = new RegExp(`\\b(?:[Oo]n\\s+)?(\\d{1,2})(?:st|nd|rd|th)?(?:\\s+of)?\\s+(${MON})(?![\\p{L}])(?:,?\\s+(\\d{4})\\b)?`, 'gu');
const MDY = new RegExp(`\\b(?:[Oo]n\\s+)?(${MON})\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b(?!\\s*%)(?:,?\\s+(\\d{4})\\b)?`, 'g');
const MY = new RegExp(`\\b(?:(?:[Ee]arly|[Mm]id|[Ll]ate)[-\\s]+|[Ii]n\\s+)?(${MON})\\s+(\\d{4})\\b`, 'g');
const M_ALONE = new RegExp(
  `\\b(?:(in|since|by|until|till|from|before|after|during|early|late|mid|last|next|this)[\\s-]+)(${FULL})\\b(?!\\s+\\d)`,
  'gi',
);
const WEEKDAY = /\b(?:(last|next|this|on|by|until|from|since|before|after|coming)\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?!s\b)(?:['’]s)?(?:\s+(?:morning|afternoon|evening|night))?\b/gi;
const REL_DAY = /\b(today|tonight|tomorrow|yesterday|this\s+(?:morning|afternoon|evening))\b/gi;
const REL_UNIT = /\b(?:(?:later|earlier)\s+)?(?:the\s+)?(last|next|this|coming|past|following)\s+(week|weekend|month|year)\b/gi;
const SEASON = /\b((?:(?:in|during|by|until|from|this|next|last|early|late|the|mid)[\s-]+)*)(spring|summer|autumn|fall|winter)\b(?:\s+(?:of\s+)?((?:19|20)\d{2})\b)?/gi;
const YEAR = /(?<![\d,.$£€¥])\b(?:(in|since|by|until|till|from|before|after|during|early|late|of|the\s+end\s+of)\s+|(pre|post|mid)-)?((?:19|20)\d{2})\b(?!\s*(?:%|per\s?cent|percent)|[,.]\d|-\d{2}\b)/gi;

const MONTH_INDEX = new Map<string, number>();
FULL.split('|').forEach((m, i) => {
  MONTH_INDEX.set(m.toLowerCase(), i);
  MONTH_INDEX.set(m.slice(0, 3).toLowerCase(), i);
});
MONTH_INDEX.set('sept', 8);

function monthIndex(s: string): number {
  return MONTH_INDEX.get(s.replace('.', '').toLowerCase()) ?? -1;
}

/** Precision-ordered candidates around the published year; pick by tense. */
function pick(cands: DateRange[], p: number, tense: Tense): DateRange | null {
  const P = iso(p);
  if (tense === 'future') return cands.find((c) => (c.end ?? c.date) >= P) ?? null;
  if (tense === 'past') return [...cands].reverse().find((c) => c.date <= P) ?? null;
  // No cue: the occurrence nearest the article's date.
  let best: DateRange | null = null;
  let bestGap = Infinity;
  for (const c of cands) {
    const gap = c.date > P ? Date.parse(c.date) - p : Math.max(0, p - Date.parse(c.end ?? c.date));
    if (gap < bestGap) {
      bestGap = gap;
      best = c;
    }
  }
  return best;
}

function tenseOf(text: string, m: RegExpExecArray): Tense {
  return tenseAt(text, m.index, m.index + m[0].length);
}

function push(hits: DateHit[], _text: string, m: RegExpExecArray, range: DateRange | null, tense: Tense): void {
  hits.push({ start: m.index, end: m.index + m[0].length, text: m[0], range, tense });
}

/** Finds time expressions in `text`; `published` is the article's date as a UTC timestamp. */
export function findDates(text: string, cues: number, published: number | null): DateHit[] {
  const hits: DateHit[] = [];
  const p = published;
  if ((cues & (CUE_MONTH | CUE_YEAR | CUE_WEEKDAY | CUE_REL_DAY | CUE_UNIT | CUE_SEASON)) === 0) return hits;
  const py = p === null ? 0 : yearOf(p);
  // `cues` (see cues.ts) gates each family: most statements have no time expression at all.
  const months = (cues & CUE_MONTH) !== 0;

  for (let pass = months ? 0 : 2; pass < 2; pass++) {
    const dayFirst = pass === 0;
    const re = dayFirst ? DMY : MDY;
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const d = +(dayFirst ? m[1]! : m[2]!);
      const mi = monthIndex(dayFirst ? m[2]! : m[1]!);
      if (mi < 0 || d < 1 || d > 31) continue;
      const t = tenseOf(text, m);
      if (m[3]) {
        const at = dateOf(+m[3], mi, d);
        if (at !== null) push(hits, text, m, day(at), t);
        continue;
      }
      if (p === null) {
        push(hits, text, m, null, t);
        continue;
      }
      const cands = [py - 1, py, py + 1].map((y) => dateOf(y, mi, d)).filter((x): x is number => x !== null).map(day);
      push(hits, text, m, pick(cands, p, t), t);
    }
  }

  MY.lastIndex = 0;
  for (let m = months ? MY.exec(text) : null; m; m = MY.exec(text)) {
    const mi = monthIndex(m[1]!);
    if (mi >= 0) push(hits, text, m, month(+m[2]!, mi), tenseOf(text, m));
  }

  M_ALONE.lastIndex = 0;
  for (let m = months ? M_ALONE.exec(text) : null; m; m = M_ALONE.exec(text)) {
    // Month names are proper nouns; "may" and "march" in lower case are a verb and a noun.
    if (!/^[A-Z]/.test(m[2]!)) continue;
    const mi = monthIndex(m[2]!);
    const cue = m[1]!.toLowerCase();
    const t: Tense = cue === 'last' || cue === 'since' ? 'past' : cue === 'next' ? 'future' : tenseOf(text, m);
    if (p === null) {
      push(hits, text, m, null, t);
      continue;
    }
    const cands = [py - 1, py, py + 1].map((y) => month(y, mi));
    let r: DateRange | null;
    if (cue === 'this') r = month(py, mi);
    else if (cue === 'last') r = [...cands].reverse().find((c) => c.end! < iso(p)) ?? null;
    else if (cue === 'next') r = cands.find((c) => c.date > iso(p)) ?? null;
    else r = pick(cands, p, t);
    push(hits, text, m, r, t);
  }

  WEEKDAY.lastIndex = 0;
  for (let m = (cues & CUE_WEEKDAY) ? WEEKDAY.exec(text) : null; m; m = WEEKDAY.exec(text)) {
    if (!/^[A-Z]/.test(m[2]!)) continue;
    const cue = (m[1] ?? '').toLowerCase();
    const t: Tense = cue === 'last' || cue === 'since' ? 'past' : cue === 'next' || cue === 'coming' ? 'future' : tenseOf(text, m);
    push(hits, text, m, p === null ? null : resolveWeekday(p, WEEKDAYS.indexOf(m[2]!.toLowerCase()), cue, t), t);
  }

  REL_DAY.lastIndex = 0;
  for (let m = (cues & CUE_REL_DAY) ? REL_DAY.exec(text) : null; m; m = REL_DAY.exec(text)) {
    // A capitalised "Today" inside a sentence is a name ("USA Today", "the Today programme").
    if (/^[A-Z]/.test(m[1]!) && !atSentenceStart(text, m.index)) continue;
    const w = m[1]!.toLowerCase();
    const shift = w === 'tomorrow' ? 1 : w === 'yesterday' ? -1 : 0;
    const t: Tense = shift > 0 ? 'future' : shift < 0 ? 'past' : tenseOf(text, m);
    push(hits, text, m, p === null ? null : day(addDays(p, shift)), t);
  }

  REL_UNIT.lastIndex = 0;
  for (let m = (cues & CUE_UNIT) ? REL_UNIT.exec(text) : null; m; m = REL_UNIT.exec(text)) {
    const cue = m[1]!.toLowerCase();
    const unit = m[2]!.toLowerCase();
    const shift = cue === 'last' || cue === 'past' ? -1 : cue === 'this' ? 0 : 1;
    const t: Tense = shift > 0 ? 'future' : shift < 0 ? 'past' : tenseOf(text, m);
    push(hits, text, m, p === null ? null : relativeUnit(p, unit, shift), t);
  }

  SEASON.lastIndex = 0;
  for (let m = (cues & CUE_SEASON) ? SEASON.exec(text) : null; m; m = SEASON.exec(text)) {
    const prefix = m[1]!.toLowerCase().trim().split(/[\s-]+/).filter(Boolean);
    const name = m[2]!.toLowerCase();
    const y = m[3] ? +m[3] : null;
    // "fall" is mostly a verb; "spring" and "summer" alone can be nouns of other senses.
    if (y === null && prefix.length === 0) continue;
    if (name === 'fall' && y === null && !prefix.some((w) => w === 'this' || w === 'next' || w === 'last')) continue;
    const s: Season = name === 'fall' ? 'autumn' : (name as Season);
    const cue = prefix.find((w) => w === 'this' || w === 'next' || w === 'last');
    const t: Tense = cue === 'last' ? 'past' : cue === 'next' ? 'future' : tenseOf(text, m);
    if (y !== null) {
      push(hits, text, m, season(s, y), t);
      continue;
    }
    push(hits, text, m, p === null ? null : resolveSeason(p, s, cue, t), t);
  }

  YEAR.lastIndex = 0;
  for (let m = (cues & CUE_YEAR) ? YEAR.exec(text) : null; m; m = YEAR.exec(text)) {
    const y = +m[3]!;
    if (!m[1] && !m[2] && looksLikeCount(text, m.index, m.index + m[0].length)) continue;
    push(hits, text, m, year(y), tenseOf(text, m));
  }

  return dropOverlaps(hits);
}

/** True when only opening quotes, brackets or spaces come before `pos`. */
function atSentenceStart(text: string, pos: number): boolean {
  return /^[\s"“‘'(\[]*$/.test(text.slice(0, pos));
}

function resolveWeekday(p: number, target: number, cue: string, t: Tense): DateRange {
  const today = weekday(p);
  const ahead = (target - today + 7) % 7; // 0..6 days forward
  if (cue === 'this') return day(addDays(p, target - today));
  if (cue === 'last') return day(addDays(p, ahead === 0 ? -7 : ahead - 7));
  if (cue === 'next' || cue === 'coming') return day(addDays(p, ahead === 0 ? 7 : ahead));
  if (ahead === 0) return day(p);
  if (t === 'past') return day(addDays(p, ahead - 7));
  if (t === 'future') return day(addDays(p, ahead));
  return day(addDays(p, ahead <= 3 ? ahead : ahead - 7));
}

function relativeUnit(p: number, unit: string, shift: number): DateRange {
  if (unit === 'week') return week(p, shift);
  if (unit === 'weekend') {
    const w = week(p, shift);
    const sat = addDays(Date.parse(w.date), 5);
    return { date: iso(sat), end: w.end!, precision: 'week' };
  }
  if (unit === 'month') {
    const total = yearOf(p) * 12 + monthOf(p) + shift;
    return month(Math.floor(total / 12), total % 12);
  }
  return year(yearOf(p) + shift);
}

function resolveSeason(p: number, s: Season, cue: string | undefined, t: Tense): DateRange | null {
  const py = yearOf(p);
  const P = iso(p);
  const cands = [py - 2, py - 1, py, py + 1].map((y) => season(s, y));
  const current = cands.find((c) => c.date <= P && c.end! >= P);
  if (cue === 'this') return current ?? season(s, s === 'winter' && monthOf(p) < 2 ? py - 1 : py);
  if (cue === 'next') return cands.find((c) => c.date > P) ?? null;
  if (cue === 'last') return [...cands].reverse().find((c) => c.end! < P) ?? null;
  if (current) return current;
  if (t === 'past') return [...cands].reverse().find((c) => c.end! < P) ?? null;
  return cands.find((c) => c.date > P) ?? null;
}

// "2000 troops": a bare four-digit number before a plural noun is a count, unless a determiner or
// possessive says it is a year ("its 2014 borders", "the country's 2022 invasion").
function looksLikeCount(text: string, start: number, end: number): boolean {
  const next = /^\s+([a-z]+)/.exec(text.slice(end, end + 30));
  if (!next || !/[^su]s$/.test(next[1]!)) return false;
  const prev = /(\S+)\s+$/.exec(text.slice(Math.max(0, start - 20), start));
  return !(prev && /^(its|the|their|his|her|our|my|your|this|that|\S+['’]s)$/i.test(prev[1]!));
}

function dropOverlaps(hits: DateHit[]): DateHit[] {
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: DateHit[] = [];
  for (const h of hits) {
    const last = out[out.length - 1];
    if (last && h.start < last.end) {
      if (h.end - h.start > last.end - last.start) out[out.length - 1] = h;
      continue;
    }
    out.push(h);
  }
  return out;
}
