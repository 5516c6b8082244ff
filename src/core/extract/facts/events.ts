// Events a statement announces or reports: talks, meetings, summits, visits, trips, votes…,
// with the place and date that belong to them.
import type { DateHit } from './dates.ts';
import type { PlaceHit } from './places.ts';
import { tenseAt, type Tense } from './tense.ts';
import { CUE_EVENT_NOUN, CUE_EVENT_VERB } from './cues.ts';
import type { Word } from './words.ts';

export interface EventHit {
  start: number;
  end: number;
  type: string;
  place: PlaceHit | null;
  date: DateHit | null;
  tense: Tense;
}

interface Trigger {
  start: number;
  end: number;
  type: string;
  verb: boolean;
}

// Nouns naming an event, and the event type each one gives.
const NOUNS: [RegExp, string][] = [
  [/\b(?:peace\s+|trade\s+|ceasefire\s+)?talks\b/gi, 'talks'],
  [/\bnegotiations\b/gi, 'negotiations'],
  [/\bmeetings?\b/gi, 'meeting'],
  [/\bsummit\b/gi, 'summit'],
  [/\b(?:state\s+|official\s+)?visit\b/gi, 'visit'],
  [/\btrip\b/gi, 'trip'],
  [/\b(?:press\s+|peace\s+)?conference\b/gi, 'conference'],
  [/\b(?:phone|telephone|video)\s+call\b|\b(?:on|by)\s+the\s+(?:phone|telephone)\b/gi, 'call'],
  [/\b(?:general\s+|presidential\s+|parliamentary\s+|local\s+|mid-?term\s+)?elections?\b/gi, 'election'],
  [/\breferendum\b/gi, 'referendum'],
  // "a vote", "a key vote", "vote on": the event; not "the black vote" (the voters) or "vote for".
  [/\ban?\s+(?:[a-z-]+\s+)?vote\b(?!\s+(?:for|against)\b)|\bvote\s+on\b/gi, 'vote'],
  [/\bhearings?\b/gi, 'hearing'],
  [/\bdebate\b/gi, 'debate'],
  [/\bceremony\b/gi, 'ceremony'],
  [/\binauguration\b/gi, 'inauguration'],
  [/\bfuneral\b/gi, 'funeral'],
  [/\btrial\b/gi, 'trial'],
  [/\brally\b/gi, 'rally'],
];
// Verbs of travel or meeting: "travel to", "flying out to", "will visit", "to meet".
const VERBS: [RegExp, string][] = [
  [/\b(?:travel(?:s|led|ed|ling|ing)?|fl(?:y|ies|ew|ying)(?:\s+out)?|head(?:s|ed|ing)?)\s+to\b/gi, 'trip'],
  [/\bvisit(?:s|ed|ing)?\b(?=\s+\p{Lu})/giu, 'visit'],
  // "meet" is an event when someone is met, not a target or a demand ("meet other pledges").
  [/\b(?:[Mm]eet(?:s|ing)?|[Mm]et)(?=\s+(?:with\s+)?(?:[\p{Ll}-]+\s+){0,2}?(?:\p{Lu}|(?:leaders?|counterparts?|officials?|ministers?|delegat\w+|envoys?|president|chancellor|premier|king|queen|pope|families|relatives|members|voters|diplomats|negotiators|him|her|them)\b))/gu, 'meeting'],
];
// Prepositions that put a place as the venue or destination (not "talks with Russia").
const VENUE = /(?:\b(?:in|at|to|into|inside|near|outside)\s+(?:the\s+)?(?:capital\s+|city\s+of\s+)?|\bvisit(?:s|ed|ing)?\s+)$/i;
// A future cue right after the event noun: "the talks will…", "the summit is set to…".
const FUTURE_AFTER = /^\s+(?:will|would|is\s+(?:set|due|expected|to)|are\s+(?:set|due|expected|to)|set\s+to|due\s+to|planned|scheduled|later)\b/i;

const VERB_NOUN_GAP = 50;
const PLACE_GAP = 60;
const DATE_GAP = 90;

function gap(a: { start: number; end: number }, b: { start: number; end: number }): number {
  return b.start >= a.end ? b.start - a.end : a.start >= b.end ? a.start - b.end : 0;
}

// An event noun used as a modifier ("debate moderators", "election officials") names no event.
const MODIFIED = String.raw`(?!\s+(?:moderators?|stage|officials?|results?|campaigns?|cycle|organi[sz]ers|participants|watchers|performances?|commission|prep|preparations|polls?|rhetoric|promises?|pledges?|fraud|rigging|interference|laws?|analysts?|experts?|coverage|season|victory|defeat|observers|workers|security|spending)\b)`;
// Each event noun's pattern, run only when one of its words occurs in the statement.
const NOUN_RES = NOUNS.map(([re]) => new RegExp(`${re.source}${MODIFIED}`, 'gi'));
const NOUN_INDEX = new Map<string, number>();
const NOUN_WORDS: [string, string][] = [
  ['talks', 'talks'], ['negotiations', 'negotiations'], ['meeting', 'meeting'], ['meetings', 'meeting'],
  ['summit', 'summit'], ['visit', 'visit'], ['trip', 'trip'], ['conference', 'conference'], ['call', 'call'],
  ['phone', 'call'], ['telephone', 'call'], ['election', 'election'], ['elections', 'election'],
  ['referendum', 'referendum'], ['vote', 'vote'], ['hearing', 'hearing'], ['hearings', 'hearing'],
  ['debate', 'debate'], ['ceremony', 'ceremony'], ['inauguration', 'inauguration'], ['funeral', 'funeral'],
  ['trial', 'trial'], ['rally', 'rally'],
];
for (const [word, type] of NOUN_WORDS) NOUN_INDEX.set(word, NOUNS.findIndex(([, t]) => t === type));

/** `cues` from cues.ts: the patterns only run when an event noun or verb occurs. */
export function findEvents(text: string, ws: readonly Word[], cues: number, places: PlaceHit[], dates: DateHit[]): EventHit[] {
  const nouns = (cues & CUE_EVENT_NOUN) !== 0;
  const verbs = (cues & CUE_EVENT_VERB) !== 0;
  if (!nouns && !verbs) return [];
  const triggers: Trigger[] = [];
  if (nouns) {
    let wanted = 0; // bit per NOUNS entry whose word occurs
    for (const w of ws) {
      const k = NOUN_INDEX.get(w.lower);
      if (k !== undefined) wanted |= 1 << k;
    }
    for (let k = 0; k < NOUN_RES.length; k++) {
      if ((wanted & (1 << k)) === 0) continue;
      const re = NOUN_RES[k]!;
      re.lastIndex = 0;
      for (let m = re.exec(text); m; m = re.exec(text)) triggers.push({ start: m.index, end: m.index + m[0].length, type: NOUNS[k]![1], verb: false });
    }
  }
  if (verbs || nouns) {
    for (const [re, type] of VERBS) {
      re.lastIndex = 0;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        if (triggers.some((t) => m!.index < t.end && m!.index + m![0].length > t.start)) continue;
        triggers.push({ start: m.index, end: m.index + m[0].length, type, verb: true });
      }
    }
  }
  if (triggers.length === 0) return [];
  triggers.sort((a, b) => a.start - b.start);

  // "scrambled to Paris to meet leaders at an emergency summit": a verb and the event noun after it
  // are one event, named by the noun.
  const merged: Trigger[] = [];
  for (const t of triggers) {
    const last = merged[merged.length - 1];
    if (last && last.verb && !t.verb && t.start - last.end <= VERB_NOUN_GAP && !/[.;]/.test(text.slice(last.end, t.start))) {
      merged[merged.length - 1] = { start: last.start, end: t.end, type: t.type, verb: false };
      continue;
    }
    merged.push(t);
  }

  const events: EventHit[] = merged.map((t) => ({ start: t.start, end: t.end, type: t.type, place: null, date: null, tense: 'unknown' as Tense }));
  // Each place and date belongs to the nearest event within reach.
  for (const p of places) {
    if (!VENUE.test(text.slice(Math.max(0, p.start - 30), p.start))) continue;
    const e = nearest(events, p, PLACE_GAP);
    if (e && (!e.place || gap(e, p) < gap(e, e.place))) e.place = p;
  }
  for (const d of dates) {
    const e = nearest(events, d, DATE_GAP);
    if (e && (!e.date || gap(e, d) < gap(e, e.date))) e.date = d;
  }
  for (const e of events) {
    e.tense = FUTURE_AFTER.test(text.slice(e.end, e.end + 40)) ? 'future' : tenseAt(text, e.start, e.end, 0);
  }
  return mergeSameType(events);
}

// "the talks will focus on … setting up possible talks": one statement, one event of each type.
function mergeSameType(events: EventHit[]): EventHit[] {
  const out: EventHit[] = [];
  for (const e of events) {
    const same = out.find((o) => o.type === e.type);
    if (!same) {
      out.push(e);
      continue;
    }
    same.place ??= e.place;
    same.date ??= e.date;
    if (e.tense === 'future') same.tense = 'future';
  }
  return out;
}

function nearest(events: EventHit[], x: { start: number; end: number }, max: number): EventHit | null {
  let best: EventHit | null = null;
  let bestGap = max + 1;
  for (const e of events) {
    const g = gap(e, x);
    if (g < bestGap) {
      bestGap = g;
      best = e;
    }
  }
  return best;
}
