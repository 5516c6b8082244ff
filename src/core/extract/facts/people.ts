// Mentions of the article's people in a statement, mapped to their canonical names.
import type { Person } from '../../model.ts';
import { CAP_STOP, HEADS, TITLE } from './role-heads.ts';
import { words, type Word } from './words.ts';

export interface PersonMention {
  start: number;
  end: number;
  name: string;
}

export interface PeopleIndex {
  /** Mentions of known people among the words of a statement (names, aliases, "Mr Surname", unique surnames). */
  mentions(ws: Word[]): PersonMention[];
  /** The canonical name for a name as written ("Lord John Roe" -> "John Roe"). */
  canonical(name: string): string;
  /** True when `name` refers to a known person. */
  knows(name: string): boolean;
  /** True when `name` is the canonical name of one of the (person-like) people. */
  has(name: string): boolean;
}

const PRONOUN = /^(?:he|she|they|him|her|his|hers|them|their|it|its|we|i|you|us)$/i;
const TITLES = /^(?:Mr|Mrs|Ms|Miss|Mx|Dr|Sir|Dame|Lord|Lady|Baroness|Baron|Prof|Professor|Rev|Sen|Gov|Rep)\.?\s+/;

export function stripTitle(name: string): string {
  let s = name.trim();
  while (TITLES.test(s)) s = s.replace(TITLES, '');
  return s;
}

const cache = new WeakMap<Person[], PeopleIndex>();

export function peopleIndex(people: Person[], isPlace: (name: string) => boolean = () => false): PeopleIndex {
  let idx = cache.get(people);
  if (!idx) {
    idx = build(people.filter((p) => personLike(p, isPlace)));
    cache.set(people, idx);
  }
  return idx;
}

/**
 * Guards facts against entries that are not people ("US", "No10", "Presidents X"): a person's name
 * has lower-case letters and no digits, is not a place, does not open with a plural role noun, and
 * a one-word name needs a quote of its own to be trusted.
 */
function personLike(p: Person, isPlace: (name: string) => boolean): boolean {
  const name = p.name.trim();
  if (!/\p{Ll}/u.test(name) || /\d/.test(name) || isPlace(name)) return false;
  const parts = name.split(/\s+/);
  const first = parts[0]!.toLowerCase();
  if (first.endsWith('s') && HEADS.has(first.slice(0, -1))) return false;
  return parts.length > 1 || p.quotes > 0;
}

function build(people: Person[]): PeopleIndex {
  // Surface form (lower case) -> canonical name. A surface two people share goes to the one the
  // article mentions more; on a tie it is ambiguous and dropped.
  const surfaces = new Map<string, string | null>();
  const weight = new Map<string, number>();
  for (const p of people) weight.set(p.name, p.mentions);
  const written = new Set<string>();
  const put = (surface: string, name: string) => {
    const key = surface.toLowerCase();
    const had = surfaces.get(key);
    written.add(surface);
    if (had === undefined || had === name) return void surfaces.set(key, name);
    if (had === null) return;
    const a = weight.get(had) ?? 0;
    const b = weight.get(name) ?? 0;
    surfaces.set(key, a === b ? null : a > b ? had : name);
  };
  const surnameOnly = new Set<string>(); // lower-case surnames indexed on their own
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
      put(last, p.name); // "Mr Surname" and "Lord Surname" match through the surname
      surnameOnly.add(last.toLowerCase());
    }
  }
  // Word-level index: surfaces are matched as word sequences, so matching costs a map lookup per word.
  const byKey = new Map<string, string>(); // lower-case word key -> canonical name
  const exact = new Set<string>(); // word keys as written
  const longest = new Map<string, number>(); // first word, as written or with its first letter flipped -> most words
  for (const surface of written) {
    const name = surfaces.get(surface.toLowerCase());
    if (!name) continue;
    const ws = words(surface);
    if (ws.length === 0) continue;
    const key = ws.map((w) => w.norm).join(' ');
    byKey.set(key.toLowerCase(), name);
    exact.add(key);
    for (const first of [ws[0]!.norm, flipFirst(ws[0]!.norm)]) longest.set(first, Math.max(longest.get(first) ?? 0, ws.length));
  }

  const canonicalNames = new Set(people.map((p) => p.name));
  const lookup = (s: string): string | undefined => surfaces.get(s.toLowerCase()) ?? undefined;

  return {
    mentions(ws) {
      const out: PersonMention[] = [];
      for (let i = 0; i < ws.length; i++) {
        const max = longest.get(ws[i]!.norm);
        if (max === undefined) continue;
        for (let n = Math.min(max, ws.length - i); n >= 1; n--) {
          let key = ws[i]!.norm;
          for (let k = 1; k < n; k++) key += ' ' + ws[i + k]!.norm;
          const name = byKey.get(key.toLowerCase());
          // Only the first letter may differ in case ("the PM" / "The PM"; never "turkey" for "Turkey").
          if (!name || !(exact.has(key) || exact.has(flipFirst(key)))) continue;
          // "John Roe" is not "Jane Roe": a surname after another first name is someone else.
          if (n === 1 && surnameOnly.has(key.toLowerCase()) && otherFirstName(ws, i)) break;
          out.push({ start: ws[i]!.start, end: ws[i + n - 1]!.end, name });
          i += n - 1;
          break;
        }
      }
      return out;
    },
    canonical(name) {
      const bare = stripTitle(name);
      const known = lookup(name) ?? lookup(bare);
      if (known) return known;
      const parts = bare.split(/\s+/);
      // A lone surname ("Roe", "Lord Roe") is the known person who bears it.
      if (parts.length === 1) return lookup(bare) ?? bare;
      // A fuller form of a known name ("Anna de la Roe" for "De la Roe") is that person; a different
      // first name with the same surname ("John Roe" beside "Jane Roe") is someone else.
      const lower = ` ${bare.toLowerCase()}`;
      for (const full of canonicalNames) if (full.includes(' ') && lower.endsWith(` ${full.toLowerCase()}`)) return full;
      return bare;
    },
    has(name) {
      return canonicalNames.has(name);
    },
    knows(name) {
      const bare = stripTitle(name);
      return lookup(name) !== undefined || lookup(bare) !== undefined;
    },
  };
}

function otherFirstName(ws: readonly Word[], i: number): boolean {
  const prev = ws[i - 1];
  if (!prev || prev.end + 1 !== ws[i]!.start || prev.possessive) return false;
  const c = prev.raw.charCodeAt(0);
  if (!(c >= 65 && c <= 90)) return false;
  // "President Doe", "Presidents Doe and Roe": a role word, not a first name.
  const l = prev.lower;
  return !TITLE.has(prev.norm) && !CAP_STOP.has(prev.norm) && !HEADS.has(l) && !(l.endsWith('s') && HEADS.has(l.slice(0, -1)));
}

function flipFirst(s: string): string {
  const c = s[0]!;
  const f = c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase();
  return f + s.slice(1);
}
