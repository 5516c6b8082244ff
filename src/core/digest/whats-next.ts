// "What's next": coming events with their dates resolved ("Talks in Geneva — Tue 18 Feb 2025",
// "Trip to Washington DC — week of 24 Feb 2025"), from the article's event and date facts.
import { DateTime } from 'luxon';
import type { Extraction, Fact, FactValue } from '../model.ts';
import { clip } from '../reply/fit.ts';
import { formatDayWithWeekday } from '../util/dates.ts';
import type { DigestEvent } from './types.ts';

type DateValue = Extract<FactValue, { type: 'date' }>;

const MAX_STATEMENTS = 2;

export interface NextOptions {
  /** Higher for more specific places (a city over its country); used when two facts name one event. */
  placeRank?: (place: string) => number;
}

/**
 * Events starting after `from` (ISO date: the article's publication date, else the digest's date),
 * soonest first. A dated statement with no event ("will do so in the spring") is kept when no event
 * already covers its date.
 */
export function comingEvents(extraction: Extraction, from: string, opts: NextOptions = {}): DigestEvent[] {
  const rank = opts.placeRank ?? (() => 0);
  const events = new Map<string, { fact: Fact; date: DateValue }>();
  const datedOnly: { fact: Fact; date: DateValue }[] = [];
  for (const f of extraction.facts) {
    if (f.kind !== 'event' && f.kind !== 'date') continue;
    const date = eventDate(f);
    // Starting strictly after the article's date: what happens that day is news, not "next", and a
    // period already under way ("this week", "2016") says little about what comes.
    if (!date || date.date <= from) continue;
    if (!f.event?.type) {
      datedOnly.push({ fact: f, date });
      continue;
    }
    // One event mentioned twice ("talks in Saudi Arabia", "talks in Geneva") is listed once, at its most specific place.
    const key = `${f.event.type.toLowerCase()}|${date.date}`;
    const seen = events.get(key);
    if (!seen || placeScore(f, rank) > placeScore(seen.fact, rank)) events.set(key, { fact: f, date });
  }
  const eventDates = new Set([...events.values()].map((e) => e.date.date));
  // Dated statements without an event are weaker: a couple at most, after the events.
  const statements = datedOnly.filter((d) => !eventDates.has(d.date.date)).slice(0, MAX_STATEMENTS);
  const out: DigestEvent[] = [];
  for (const { fact, date } of [...events.values(), ...statements]) {
    out.push({
      label: eventLabel(fact),
      when: formatWhen(date),
      date: date.date,
      text: fact.text,
      articleId: extraction.article.id,
      paragraph: fact.paragraph,
    });
  }
  return out.sort((a, b) => a.date.localeCompare(b.date) || a.paragraph - b.paragraph);
}

function placeScore(f: Fact, rank: (place: string) => number): number {
  return f.event?.place ? 1 + rank(f.event.place) : 0;
}

function eventDate(f: Fact): DateValue | null {
  const value = f.values.find((v): v is DateValue => v.type === 'date');
  if (value) return value;
  if (f.event?.date && /^\d{4}-\d{2}-\d{2}$/.test(f.event.date))
    return { type: 'date', text: f.event.date, date: f.event.date, precision: 'day' };
  return null;
}

function eventLabel(f: Fact): string {
  if (f.event?.type) {
    const type = f.event.type.charAt(0).toUpperCase() + f.event.type.slice(1);
    if (!f.event.place) return type;
    // Trips and visits go to a place; talks, summits and meetings happen in one.
    const preposition = /^(?:visit|trip|travel|journey)/i.test(f.event.type) ? 'to' : 'in';
    return `${type} ${preposition} ${f.event.place}`;
  }
  return clip(f.text, 100);
}

const SEASONS = ['winter', 'winter', 'spring', 'spring', 'spring', 'summer', 'summer', 'summer', 'autumn', 'autumn', 'autumn', 'winter'];

export function formatWhen(v: DateValue): string {
  const start = DateTime.fromISO(v.date, { zone: 'UTC' });
  if (!start.isValid) return v.text;
  switch (v.precision) {
    case 'day': {
      const end = v.end ? DateTime.fromISO(v.end, { zone: 'UTC' }) : null;
      if (end?.isValid && v.end !== v.date) return `${start.toFormat('ccc d LLL')} – ${end.toFormat('ccc d LLL yyyy')}`;
      // One day reads as everywhere else (core/util/dates.ts): `Tue 18 Feb 2025`.
      return formatDayWithWeekday(v.date) ?? v.text;
    }
    case 'week':
      return `week of ${start.toFormat('d LLL yyyy')}`;
    case 'month':
      return start.toFormat('LLLL yyyy');
    case 'season':
      return `${SEASONS[start.month - 1]} ${start.year}`;
    case 'year':
      return String(start.year);
  }
}
