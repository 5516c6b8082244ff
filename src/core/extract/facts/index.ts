// Fact extraction: figures, dates, events and roles, one statement (sentence) at a time.
import type { Article, Fact, FactValue, Person, Quote, Segmentation } from '../../model.ts';
import { parseIso } from './calendar.ts';
import type { DateHit } from './dates.ts';
import { findDates } from './dates.ts';
import { cleanStatement, maskDebris } from './debris.ts';
import { contentWords, mergeNearDuplicates } from './dedupe.ts';
import { CUE_EVENT_NOUN, CUE_EVENT_VERB, cuesOf } from './cues.ts';
import { findEvents } from './events.ts';
import { findFigures } from './figures.ts';
import { gazetteer } from './gazetteer.ts';
import { addKnownRoles, RoleLedger } from './known-roles.ts';
import { peopleIndex } from './people.ts';
import { findPlaces } from './places.ts';
import { findRoles } from './roles.ts';
import { words } from './words.ts';

export interface FactInput {
  article: Article;
  segments: Segmentation;
  people: Person[];
  quotes: Quote[];
}

export function extractFacts(input: FactInput): Fact[] {
  const { article, segments, quotes } = input;
  const g = gazetteer();
  const people = peopleIndex(input.people, (name) => g.names.has(name) || g.names.has(name.replace(/\./g, '')));
  // A role is stated once: later sentences repeating "French President X" (or a shorter form of a
  // role already seen, "secretary of state" after "US Secretary of State") add no role fact.
  const rolesSeen = new RoleLedger();
  const published = article.published ? parseIso(article.published) : null;
  // A malformed date counts as none: relative expressions stay unresolved rather than guessed.
  const publishedIso = published === null ? null : article.published!.slice(0, 10);
  const facts: Fact[] = [];
  const content = new Map<Fact, Set<string>>();

  for (const s of segments.sentences) {
    const text = maskDebris(article.text.slice(s.start, s.end));
    const ws = words(text);
    if (ws.length === 0) continue;
    const cues = cuesOf(text, ws);
    const dates = findDates(text, cues, published);
    const figures = findFigures(text, ws, cues, dates);
    const allRoles = findRoles(text, ws, people);
    // Places and people are only looked up in statements that carry a fact.
    const eventCue = (cues & (CUE_EVENT_NOUN | CUE_EVENT_VERB)) !== 0;
    if (figures.length === 0 && dates.length === 0 && allRoles.length === 0 && !eventCue) continue;
    const roles = allRoles.filter((r) => rolesSeen.add(r.person, r.role));
    const mentions = people.mentions(ws);
    const names = [...mentions, ...allRoles.map((r) => ({ start: r.nameStart, end: r.nameEnd, name: r.person }))];
    // A place inside a person's name ("Jordan" in a surname) is not a place.
    const places = findPlaces(ws, g).filter((p) => !names.some((n) => p.start < n.end && p.end > n.start));
    const events = findEvents(text, ws, cues, places, dates).filter((e) => e.place || e.date || e.tense === 'future');
    if (figures.length === 0 && dates.length === 0 && events.length === 0 && roles.length === 0) continue;

    const statement = cleanStatement(text);
    const first = facts.length;
    const base = {
      start: s.start,
      end: s.end,
      text: statement,
      paragraph: s.paragraph,
      people: unique([...names.map((n) => n.name), ...speakersIn(quotes, s.start, s.end).filter((n) => people.has(n))]),
      places: unique(places.map((p) => p.name)),
    };

    for (const e of events) {
      const fact: Fact = { id: '', kind: 'event', ...base, values: e.date?.range ? [dateValue(e.date)] : [] };
      fact.event = { type: e.type };
      if (e.place) fact.event.place = e.place.name;
      if (e.date?.range) fact.event.date = e.date.range.date;
      if (e.date && !e.date.range) fact.unresolved = [e.date.text];
      const future = e.date?.range && publishedIso ? isUpcoming(e.date, publishedIso) : e.tense === 'future';
      if (future) fact.upcoming = true;
      facts.push(fact);
    }
    if (figures.length > 0) facts.push({ id: '', kind: 'figure', ...base, values: figures.map((f) => f.value) });
    const eventDates = new Set(events.map((e) => e.date));
    const loose = dates.filter((d) => !eventDates.has(d));
    if (loose.length > 0) {
      const resolved = loose.filter((d) => d.range);
      const fact: Fact = { id: '', kind: 'date', ...base, values: resolved.map(dateValue) };
      const unresolved = loose.filter((d) => !d.range).map((d) => d.text);
      if (unresolved.length > 0) fact.unresolved = unresolved;
      if (loose.some((d) => isUpcoming(d, publishedIso))) fact.upcoming = true;
      facts.push(fact);
    }
    if (roles.length > 0) {
      facts.push({
        id: '',
        kind: 'role',
        ...base,
        values: roles.map((r) => ({ type: 'role', text: text.slice(r.start, r.end).replace(/\s+/g, ' ').replace(/['’]s$/, ''), person: r.person, role: r.role })),
      });
    }
    if (facts.length > first) {
      const words = contentWords(ws);
      for (let i = first; i < facts.length; i++) content.set(facts[i]!, words);
    }
  }

  addKnownRoles(input.article.text, input.segments, input.people, people, rolesSeen, facts, content);
  const merged = mergeNearDuplicates(facts, (f) => content.get(f)!);
  merged.forEach((f, i) => (f.id = `${article.id}:f${i + 1}`));
  return merged;
}

function dateValue(d: DateHit): FactValue {
  const r = d.range!;
  const v: FactValue = { type: 'date', text: d.text, date: r.date, precision: r.precision };
  if (r.end && r.end !== r.date) v.end = r.end;
  return v;
}

/** After the article's date, or stated in the future tense around it. */
function isUpcoming(d: DateHit, published: string | null): boolean {
  if (!d.range || !published) return d.tense === 'future';
  if (d.range.date > published) return true;
  return (d.range.end ?? d.range.date) >= published && d.tense === 'future';
}

function speakersIn(quotes: Quote[], start: number, end: number): string[] {
  const out: string[] = [];
  for (const q of quotes) if (q.start < end && q.end > start && q.speaker?.personId) out.push(q.speaker.name);
  return out;
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}
