// Sentences that mention a person, found at ingest: "what the articles say about" somebody who was
// never quoted (or beyond their quotes). Plain rules: split paragraphs into sentences, look for the
// person's full name, surname or a capitalised alias.
import type { Person } from '../core/model.ts';

export interface Mention {
  personId: string;
  paragraph: number;
  text: string;
}

const PER_PERSON = 3;
const PRONOUNS = /^(he|she|they|him|her|them|his|hers|their|it)$/i;

export function findMentions(text: string, bodyStart: number, people: readonly Person[]): Mention[] {
  if (people.length === 0) return [];
  const paragraphs = text
    .slice(bodyStart)
    .split(/\n+/)
    .map((p) => p.trim())
    .filter((p) => /[\p{L}]{3,}/u.test(p));
  const matchers = people.map((p) => ({ p, re: personPattern(p) })).filter((m) => m.re !== null);
  const out: Mention[] = [];
  const count = new Map<string, number>();
  paragraphs.forEach((para, paragraph) => {
    for (const sentence of splitSentences(para)) {
      for (const { p, re } of matchers) {
        if ((count.get(p.id) ?? 0) >= PER_PERSON || !re!.test(sentence)) continue;
        count.set(p.id, (count.get(p.id) ?? 0) + 1);
        out.push({ personId: p.id, paragraph, text: sentence.length > 600 ? sentence.slice(0, 597) + '…' : sentence });
      }
    }
  });
  return out;
}

function personPattern(p: Person): RegExp | null {
  const names = new Set<string>([p.name]);
  const parts = p.name.split(/\s+/).filter((w) => w.length >= 3);
  const surname = parts[parts.length - 1];
  if (surname && /^\p{Lu}/u.test(surname)) names.add(surname);
  for (const a of p.aliases) if (/^\p{Lu}/u.test(a) && !PRONOUNS.test(a) && a.length >= 3) names.add(a);
  const alts = [...names].map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).sort((a, b) => b.length - a.length);
  if (alts.length === 0) return null;
  return new RegExp(`(?<![\\p{L}])(?:${alts.join('|')})(?![\\p{L}])`, 'u');
}

/** Sentence ends: . ! ? (optionally followed by a closing quote) then space and a capital or quote. */
export function splitSentences(paragraph: string): string[] {
  const out: string[] = [];
  const re = /[.!?]["”’)]?\s+(?=["“‘(]?\p{Lu})/gu;
  let start = 0;
  for (const m of paragraph.matchAll(re)) {
    const end = m.index + m[0].trimEnd().length;
    const before = paragraph.slice(start, m.index);
    // "Mr. Smith", "U.S. officials": a short capitalised token before the stop is an abbreviation.
    if (/(?:^|\s)(?:Mr|Mrs|Ms|Dr|St|Sen|Rep|Gov|Gen|Lt|Col|Prof|Jr|Sr|[A-Z])$/.test(before)) continue;
    out.push(paragraph.slice(start, end).trim());
    start = m.index + m[0].length;
  }
  const rest = paragraph.slice(start).trim();
  if (rest) out.push(rest);
  return out;
}
