// "What's next": coming events with their dates resolved ("Talks in Riyadh — Tue 18 Feb 2025",
// "Visit to Washington DC — week of 24 Feb 2025"), from the article's event and date facts.
import { DateTime } from 'luxon';
import type { Extraction, Fact, FactValue } from '../model.ts';
import { clip } from '../reply/fit.ts';
import type { DigestEvent } from './types.ts';

type DateValue = Extract<FactValue, { type: 'date' }>;

/**
 * Events dated on or after `from` (ISO date: the article's publication date, else the digest's
 * date), soonest first.
 */
export function comingEvents(extraction: Extraction, from: string): DigestEvent[] {
  const out: DigestEvent[] = [];
  const seen = new Set<string>();
  for (const f of extraction.facts) {
    if (f.kind !== 'event' && f.kind !== 'date') continue;
    const date = eventDate(f);
    if (!date || (date.end ?? date.date) < from) continue;
    const label = eventLabel(f);
    const when = formatWhen(date);
    const key = `${label.toLowerCase()}|${date.date}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ label, when, date: date.date, text: f.text, articleId: extraction.article.id, paragraph: f.paragraph });
  }
  return out.sort((a, b) => a.date.localeCompare(b.date) || a.paragraph - b.paragraph);
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
    // "visit" goes to a place; talks, summits and meetings happen in one.
    const preposition = /^visit|^trip|^travel/i.test(f.event.type) ? 'to' : 'in';
    return `${type} ${preposition} ${f.event.place}`;
  }
  return clip(f.text, 90);
}

const SEASONS = ['winter', 'winter', 'spring', 'spring', 'spring', 'summer', 'summer', 'summer', 'autumn', 'autumn', 'autumn', 'winter'];

export function formatWhen(v: DateValue): string {
  const start = DateTime.fromISO(v.date, { zone: 'UTC' });
  if (!start.isValid) return v.text;
  switch (v.precision) {
    case 'day': {
      const end = v.end ? DateTime.fromISO(v.end, { zone: 'UTC' }) : null;
      if (end?.isValid && v.end !== v.date) return `${start.toFormat('ccc d LLL')} – ${end.toFormat('ccc d LLL yyyy')}`;
      return start.toFormat('ccc d LLL yyyy');
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
