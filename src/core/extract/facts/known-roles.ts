// Roles the article's people hold by the extract helper's account (Person.roles: "the PM" resolved
// to Keir Starmer gives "Prime Minister") that no "<role> <Name>" pattern stated: each becomes a role
// value on the first statement that names the role and mentions the person.
import type { Person, Segmentation, Sentence } from '../../model.ts';
import type { PeopleIndex } from './people.ts';
import { HEADS } from './role-heads.ts';
import { words } from './words.ts';

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
