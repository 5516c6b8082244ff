// Mentions of the article's people in a statement, mapped to their canonical names.
import type { Person } from '../../model.ts';

export interface PersonMention {
  start: number;
  end: number;
  name: string;
}

export interface PeopleIndex {
  /** Mentions of known people in `text` (names, aliases, "Mr Surname", unique surnames). */
  mentions(text: string): PersonMention[];
  /** The canonical name for a name as written ("Lord Richard Dannatt" -> "Richard Dannatt"). */
  canonical(name: string): string;
  /** True when `name` refers to a known person. */
  knows(name: string): boolean;
}

const PRONOUN = /^(?:he|she|they|him|her|his|hers|them|their|it|its|we|i|you|us)$/i;
const TITLES = /^(?:Mr|Mrs|Ms|Miss|Mx|Dr|Sir|Dame|Lord|Lady|Baroness|Baron|Prof|Professor|Rev|Sen|Gov|Rep)\.?\s+/;
const TITLE_WORDS = ['Mr', 'Mrs', 'Ms', 'Dr', 'Sir', 'Dame', 'Lord', 'Lady'];

export function stripTitle(name: string): string {
  let s = name.trim();
  while (TITLES.test(s)) s = s.replace(TITLES, '');
  return s;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const cache = new WeakMap<Person[], PeopleIndex>();

export function peopleIndex(people: Person[]): PeopleIndex {
  let idx = cache.get(people);
  if (!idx) {
    idx = build(people);
    cache.set(people, idx);
  }
  return idx;
}

function build(people: Person[]): PeopleIndex {
  // Surface form (lower case) -> canonical name; a surface shared by two people is ambiguous and dropped.
  const surfaces = new Map<string, string | null>();
  const written = new Set<string>();
  const put = (surface: string, name: string) => {
    const key = surface.toLowerCase();
    const had = surfaces.get(key);
    surfaces.set(key, had === undefined || had === name ? name : null);
    written.add(surface);
  };
  const surnames = new Map<string, number>();
  for (const p of people) {
    const last = p.name.split(/\s+/).pop()!;
    surnames.set(last, (surnames.get(last) ?? 0) + 1);
  }
  for (const p of people) {
    put(p.name, p.name);
    for (const a of p.aliases) if (a.trim() && !PRONOUN.test(a.trim())) put(a.trim(), p.name);
    const parts = p.name.split(/\s+/);
    const last = parts[parts.length - 1]!;
    if (parts.length > 1 && surnames.get(last) === 1 && /^\p{Lu}/u.test(last) && last.length > 2) {
      put(last, p.name);
      for (const t of TITLE_WORDS) put(`${t} ${last}`, p.name);
    }
  }
  const forms = [...surfaces.entries()].filter(([, v]) => v !== null).map(([k]) => k);
  forms.sort((a, b) => b.length - a.length);
  const re = forms.length
    ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${forms.map(escape).join('|')})(?![\\p{L}\\p{N}])`, 'giu')
    : null;

  const lookup = (s: string): string | undefined => surfaces.get(s.toLowerCase()) ?? undefined;

  return {
    mentions(text) {
      if (!re) return [];
      const out: PersonMention[] = [];
      re.lastIndex = 0;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        const w = m[0];
        const name = lookup(w);
        // Only the first letter may differ in case ("the PM" / "The PM"; never "turkey" for "Turkey").
        if (!name || !(written.has(w) || written.has(flipFirst(w)))) continue;
        out.push({ start: m.index, end: m.index + w.length, name });
      }
      return out;
    },
    canonical(name) {
      const bare = stripTitle(name);
      return lookup(name) ?? lookup(bare) ?? lookup(bare.split(/\s+/).pop()!) ?? bare;
    },
    knows(name) {
      const bare = stripTitle(name);
      return lookup(name) !== undefined || lookup(bare) !== undefined;
    },
  };
}

function flipFirst(s: string): string {
  const c = s[0]!;
  const f = c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase();
  return f + s.slice(1);
}
