// Roles the article's people hold by the extract helper's account (Person.roles: "the PM" resolved
// to John Roe gives "Prime Minister") that no "<role> <Name>" pattern stated: each becomes a role
// value on the first statement that names the role and mentions the person.
import type { Fact, FactValue, Person, Segmentation, Sentence } from '../../model.ts';
import { cleanStatement, maskDebris } from './debris.ts';
import { contentWords } from './dedupe.ts';
import { gazetteer } from './gazetteer.ts';
import type { PeopleIndex } from './people.ts';
import { findPlaces } from './places.ts';
import { HEADS } from './role-heads.ts';
import { words } from './words.ts';

/**
 * The roles stated so far, per person. A role is stated once: a later "French President X", or a
 * shorter form of a role already seen ("secretary of state" after "US Secretary of State"), is not new.
 */
export class RoleLedger {
  private readonly seen = new Map<string, string[]>();

  has(person: string, role: string): boolean {
    const lower = role.toLowerCase();
    return this.seen.get(person)?.some((k) => k === lower || k.endsWith(` ${lower}`)) ?? false;
  }

  /** Records the role; false when it was already stated. */
  add(person: string, role: string): boolean {
    if (this.has(person, role)) return false;
    const known = this.seen.get(person);
    if (known) known.push(role.toLowerCase());
    else this.seen.set(person, [role.toLowerCase()]);
    return true;
  }
}

/** Adds the people input's unstated roles to `facts` (in text order), as role facts or values. */
export function addKnownRoles(
  text: string,
  segments: Segmentation,
  people: Person[],
  index: PeopleIndex,
  ledger: RoleLedger,
  facts: Fact[],
  content: Map<Fact, Set<string>>,
): void {
  for (const k of knownRoles(text, segments, people, index, (person, role) => !ledger.has(person, role))) {
    if (!ledger.add(k.person, k.role)) continue;
    const value: FactValue = { type: 'role', text: k.text, person: k.person, role: k.role };
    const existing = facts.find((f) => f.kind === 'role' && f.start === k.sentence.start);
    if (existing) {
      existing.values.push(value);
      if (!existing.people.includes(k.person)) existing.people = [...existing.people, k.person];
      continue;
    }
    const masked = maskDebris(text.slice(k.sentence.start, k.sentence.end));
    const ws = words(masked);
    const fact: Fact = {
      id: '', kind: 'role', start: k.sentence.start, end: k.sentence.end, text: cleanStatement(masked),
      paragraph: k.sentence.paragraph, values: [value],
      people: [...new Set([k.person, ...index.mentions(ws).map((m) => m.name)])],
      places: [...new Set(findPlaces(ws, gazetteer()).map((p) => p.name))],
    };
    content.set(fact, contentWords(ws));
    // Keep text order: before the first fact of a later statement.
    const at = facts.findIndex((f) => f.start > fact.start);
    facts.splice(at < 0 ? facts.length : at, 0, fact);
  }
}

export interface KnownRole {
  sentence: Sentence;
  person: string;
  role: string;
  /** The role as written in the statement. */
  text: string;
}

const MAX_TRIES = 8;

export function knownRoles(
  text: string,
  segments: Segmentation,
  people: Person[],
  index: PeopleIndex,
  isNew: (person: string, role: string) => boolean,
): KnownRole[] {
  const out: KnownRole[] = [];
  let lower: string | null = null;
  for (const p of people) {
    if (!index.has(p.name)) continue;
    for (const role of p.roles) {
      // Only real role phrases: the last word is a role noun ("Prime Minister", "Health Secretary").
      const last = role.trim().split(/\s+/).pop()!.toLowerCase();
      if (!HEADS.has(last) || !isNew(p.name, role)) continue;
      lower ??= text.toLowerCase();
      const needle = role.toLowerCase();
      let at = lower.indexOf(needle);
      for (let tries = 0; at !== -1 && tries < MAX_TRIES; tries++, at = lower.indexOf(needle, at + needle.length)) {
        if (!wholeWord(lower, at, needle.length)) continue;
        const s = sentenceAt(segments.sentences, at);
        if (!s) continue;
        const mentioned = index.mentions(words(text.slice(s.start, s.end))).some((m) => m.name === p.name);
        if (!mentioned) continue;
        out.push({ sentence: s, person: p.name, role, text: text.slice(at, at + needle.length) });
        break;
      }
    }
  }
  return out;
}

function wholeWord(s: string, at: number, len: number): boolean {
  const isLetter = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);
  return !isLetter(s[at - 1]) && !isLetter(s[at + len]);
}

function sentenceAt(sentences: Sentence[], pos: number): Sentence | null {
  let lo = 0;
  let hi = sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = sentences[mid]!;
    if (pos < s.start) hi = mid - 1;
    else if (pos >= s.end) lo = mid + 1;
    else return s;
  }
  return null;
}
