// One person under one name: the store keeps a person per spelling of their name ("Jane Q.
// Roe", "Jane Roe", "Roe", "Ms. Roe"), article by article. This merges the spellings
// that are one person across the briefing — middle names and initials, nicknames (config/nicknames.yaml),
// titles and party labels, a bare surname — and keeps apart those that are not: a different first
// name ("John" and "Jane" Roe), a different middle initial ("John Q." and "John P."),
// "Jr." and "Sr.". It also sets aside names that are not people (an organisation, a heading).
import { existsSync, readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import type { Person } from '../model.ts';
import { CAP_STOP, HEADS } from '../extract/facts/role-heads.ts';
import { HONORIFICS, ORG_WORDS, ROLE_TITLES } from '../extract/lexicon.ts';
import { roleWords as roleWordsOf } from './words.ts';

export class NicknameError extends Error {
  constructor(
    message: string,
    readonly path: string,
    readonly line: number | null,
  ) {
    super(`${path}${line ? `:${line}` : ''}: ${message}`);
    this.name = 'NicknameError';
  }
}

/** First names that are one name for matching ("bill" ~ "william"). */
export class Nicknames {
  private readonly groups = new Map<string, Set<number>>();

  constructor(groups: readonly (readonly string[])[] = []) {
    groups.forEach((g, i) => {
      for (const n of g) {
        const k = n.trim().toLowerCase();
        if (!k) continue;
        let s = this.groups.get(k);
        if (!s) this.groups.set(k, (s = new Set()));
        s.add(i);
      }
    });
  }

  /** Whether two first names may be one person's: equal, an initial of the other, or in one group. */
  compatible(a: string, b: string): boolean {
    if (a === b) return true;
    if (a.length === 1 || b.length === 1) return a[0] === b[0];
    const ga = this.groups.get(a);
    const gb = this.groups.get(b);
    if (!ga || !gb) return false;
    for (const g of ga) if (gb.has(g)) return true;
    return false;
  }

  has(name: string): boolean {
    return this.groups.has(name);
  }

  /** Reads `groups:` a list of lists of first names. A missing file is no nicknames. */
  static load(path: string): Nicknames {
    if (!existsSync(path)) return new Nicknames();
    const doc = parseDocument(readFileSync(path, 'utf8'));
    if (doc.errors.length > 0) {
      const e = doc.errors[0]!;
      throw new NicknameError(`not valid YAML: ${e.message.split('\n')[0]}`, path, e.linePos?.[0]?.line ?? null);
    }
    const data = doc.toJS() as { groups?: unknown } | null;
    if (data === null || data === undefined) return new Nicknames();
    if (typeof data !== 'object' || !Array.isArray(data.groups)) {
      throw new NicknameError('expected a top-level `groups:` list of lists of first names, e.g. `- [william, bill]`', path, 1);
    }
    const text = doc.toString();
    data.groups.forEach((g, i) => {
      if (!Array.isArray(g) || !g.every((x) => typeof x === 'string')) {
        const node = (doc.get('groups') as { items?: { range?: [number, number, number] }[] } | undefined)?.items?.[i];
        const at = node?.range?.[0];
        throw new NicknameError(`group ${i + 1} must be a list of first names, e.g. [william, bill]`, path, at === undefined ? null : text.slice(0, at).split('\n').length);
      }
    });
    return new Nicknames(data.groups as string[][]);
  }
}

/** Words that label a name rather than belong to it ("Democrat Jane Roe", "former Gov. Roe"). */
const LABELS = new Set([
  ...[...HONORIFICS.keys()].map((k) => k.replace(/\.$/, '')),
  ...[...ROLE_TITLES.keys()].map((k) => k.replace(/\.$/, '')),
  ...'the former ex then late sens reps govs democrat democrats democratic republican republicans gop independent conservative liberal u s us uk'.split(' '),
]);
const SUFFIXES = new Map<string, 'jr' | 'sr' | null>([
  ['jr', 'jr'], ['junior', 'jr'], ['sr', 'sr'], ['senior', 'sr'], ['ii', null], ['iii', null], ['iv', null],
]);

export interface NameParts {
  /** Lowercased first name; null for a bare surname. */
  first: string | null;
  /** Initials of the middle names ("w", "hw"); empty without. */
  middle: string;
  last: string;
  /** Jr. and Sr. name a different person than the plain name; II and III do not. */
  suffix: 'jr' | 'sr' | null;
  /** The name as a person would be called, without labels: "Jane Roe". */
  display: string;
}

/** Lowercase, diacritics and typographic apostrophes folded ("O’Malley" → "o'malley"). */
export function foldName(w: string): string {
  return w
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’‘`]/g, "'");
}

/** Reads a name into its parts, labels and possessives removed; null when nothing is left. */
export function parseName(name: string): NameParts | null {
  let raw = name
    .replace(/[’']s$/u, '')
    .split(/\s+/)
    .filter((w) => /\p{L}/u.test(w));
  // Labels go from the front while a name remains ("Sen. Roe" keeps "Roe").
  for (;;) {
    const w = foldName(raw[0] ?? '').replace(/\.$/, '');
    if (raw.length > 1 && (LABELS.has(w) || /-based$/.test(w))) raw = raw.slice(1);
    // A full name after a role or opening word ("Journalist Carl Roe", "Floridians Jane Roe").
    else if (raw.length > 2 && (gluedWord(w) || HEADS.has(w) || DESCRIPTORS.has(w))) raw = raw.slice(1);
    else break;
  }
  if (raw.length === 0) return null;
  let suffix: NameParts['suffix'] = null;
  const lastRaw = foldName(raw[raw.length - 1]!).replace(/[.,]/g, '');
  if (raw.length > 1 && SUFFIXES.has(lastRaw)) {
    suffix = SUFFIXES.get(lastRaw)!;
    raw = raw.slice(0, -1);
  }
  const ws = raw.map((w) => foldName(w).replace(/,$/, ''));
  const last = ws[ws.length - 1]!.replace(/\.$/, '');
  if (!last) return null;
  const first = ws.length > 1 ? ws[0]!.replace(/\.$/, '') : null;
  const middle = ws
    .slice(1, -1)
    .map((w) => w.replace(/\./g, ''))
    .map((w) => (w.length <= 3 && raw.some((r) => /^(?:\p{Lu}\.)+$/u.test(r)) ? w : w[0] ?? ''))
    .join('');
  return { first, middle, last, suffix, display: raw.join(' ').replace(/,$/, '') };
}

/** One person as the briefing knows them, with every stored spelling that is them. */
export interface Identity extends Person {
  /** The stored people merged into this one, most quoted first. */
  members: Person[];
  /**
   * Stored bare-surname people ("Roe") that may be this person in some articles but were given
   * to another of the same surname; searched too, but never counted in this person's profile.
   */
  weak: Person[];
  /** Unnamed-source wordings that name this person ("Roe" quoted where no person was listed). */
  sources: string[];
}

export interface IdentityOptions {
  nicknames: Nicknames;
  /** Ordinary dictionary words ("several", "department"), which a lone or leading word is unlikely to be a name. */
  isDictionaryWord: (w: string) => boolean;
}

export class Identities {
  readonly list: Identity[];
  private readonly byMember = new Map<string, Identity>();
  /** Stored people that are not people (organisations, headings, stray capitalised words). */
  readonly notPeople: Person[] = [];

  constructor(people: readonly Person[], opts: IdentityOptions, sources: readonly string[] = []) {
    this.list = build(people, opts, this.notPeople);
    attachSources(this.list, sources, opts.nicknames);
    for (const id of this.list) for (const m of id.members) this.byMember.set(m.id, id);
  }

  /** The identity a stored person belongs to. */
  of(personId: string): Identity | undefined {
    return this.byMember.get(personId);
  }
}

interface Parsed {
  p: Person;
  n: NameParts;
}

function salience(p: Person): number {
  return p.quotes * 3 + p.mentions;
}

/** A stored person is not a person: an organisation or event word ends the name, or a lone common word. */
export function notAPerson(n: NameParts, knownSurnames: Set<string>, isDictionaryWord: (w: string) => boolean): boolean {
  if (ORG_WORDS.has(n.last) || EVENT_WORDS.has(n.last)) return true;
  if (n.first === null) return !knownSurnames.has(n.last) && (isDictionaryWord(n.last) || HEADS.has(n.last));
  return false;
}

/** Heads of names of events and bodies that the organisation list leaves out. */
const EVENT_WORDS = new Set(
  'festival conference summit convention forum caucus caucuses amendment act bill show fund foundation institute university college school committee chamber commission council association union party crossroads action future analytica studios citizens hill'.split(
    ' ',
  ),
);

function build(people: readonly Person[], opts: IdentityOptions, notPeople: Person[]): Identity[] {
  const parsed: Parsed[] = [];
  for (const p of people) {
    const n = parseName(p.name);
    if (n) parsed.push({ p, n });
    else notPeople.push(p);
  }
  const fullSurnames = new Set(parsed.filter((x) => x.n.first !== null).map((x) => x.n.last));
  const surnameCount = new Map<string, number>();
  for (const x of parsed) if (x.n.first !== null) surnameCount.set(x.n.last, (surnameCount.get(x.n.last) ?? 0) + 1);
  const firstCount = new Map<string, number>();
  for (const x of parsed) if (x.n.first !== null) firstCount.set(x.n.first, (firstCount.get(x.n.first) ?? 0) + 1);

  // A leading or trailing common word glued to a known surname ("Several Roe", "Roe Speech") is
  // that surname, mentioned.
  for (const x of parsed) {
    const { n } = x;
    if (n.first === null || n.middle) continue;
    if (gluedWord(n.first) && !opts.nicknames.has(n.first) && (surnameCount.get(n.last) ?? 0) >= 2) x.n = { ...n, first: null, display: x.p.name.split(/\s+/).slice(-1)[0]! };
    else if (opts.isDictionaryWord(n.last) && fullSurnames.has(n.first) && (firstCount.get(n.first) ?? 0) <= 1) x.n = { ...n, first: null, last: n.first, display: x.p.name.split(/\s+/)[0]! };
  }

  const kept: Parsed[] = [];
  for (const x of parsed) (notAPerson(x.n, fullSurnames, opts.isDictionaryWord) ? notPeople.push(x.p) : kept.push(x));

  // Full names, most salient first, join the first cluster they fit in every member.
  const buckets = new Map<string, { members: Parsed[] }[]>();
  const bare: Parsed[] = [];
  for (const x of [...kept].sort((a, b) => salience(b.p) - salience(a.p))) {
    if (x.n.first === null) {
      bare.push(x);
      continue;
    }
    const key = `${x.n.last}|${x.n.suffix ?? ''}`;
    const clusters = buckets.get(key) ?? [];
    buckets.set(key, clusters);
    const home = clusters.find((c) => c.members.every((m) => fits(m.n, x.n, opts.nicknames)));
    if (home) home.members.push(x);
    else clusters.push({ members: [x] });
  }

  // A lone first name that is one person's first name and nobody's surname ("Reince") is that person.
  const byFirst = new Map<string, { members: Parsed[] }[]>();
  for (const clusters of buckets.values()) for (const c of clusters) for (const m of c.members) {
    const list = byFirst.get(m.n.first!) ?? [];
    if (!list.includes(c)) list.push(c);
    byFirst.set(m.n.first!, list);
  }

  const weakOf = new Map<{ members: Parsed[] }, Parsed[]>();
  const loners: Parsed[] = [];
  for (const x of bare) {
    const clusters = buckets.get(`${x.n.last}|`) ?? [];
    if (clusters.length === 0) {
      const firsts = byFirst.get(x.n.last);
      if (firsts && firsts.length === 1 && !fullSurnames.has(x.n.last)) firsts[0]!.members.push(x);
      else loners.push(x);
      continue;
    }
    // A bare surname goes to the person of that surname whose roles it shares, else the most quoted.
    const scored = clusters.map((c) => ({ c, roles: sharedRoles(x.p, c.members), s: c.members.reduce((n, m) => n + salience(m.p), 0) }));
    scored.sort((a, b) => b.roles - a.roles || b.s - a.s);
    scored[0]!.c.members.push(x);
    for (const o of scored.slice(1)) {
      if (o.roles > 0) weakOf.set(o.c, [...(weakOf.get(o.c) ?? []), x]);
    }
  }

  const out: Identity[] = [];
  for (const clusters of buckets.values()) for (const c of clusters) out.push(identity(c.members, weakOf.get(c) ?? []));
  for (const x of loners) out.push(identity([x], []));
  return out.sort((a, b) => b.quotes - a.quotes || b.mentions - a.mentions);
}

const DESCRIPTORS = new Set('journalist reporter columnist commentator host anchor analyst strategist activist pollster author writer'.split(' '));
const GLUED = new Set([...CAP_STOP].map((w) => w.toLowerCase()).concat('whether whereas several whereby unlike like including among against via per'.split(' ')));

/** A word that opens a sentence before a surname rather than being a first name ("Several", "Painting", "Floridians"). */
function gluedWord(w: string): boolean {
  return GLUED.has(w) || /(?:ing|ians|ans|ly)$/.test(w);
}

/** Two full names of one surname may be one person: compatible first names and middle initials. */
function fits(a: NameParts, b: NameParts, nick: Nicknames): boolean {
  if (!nick.compatible(a.first!, b.first!)) return false;
  return !a.middle || !b.middle || a.middle === b.middle;
}

function roleWords(p: Person): Set<string> {
  const out = new Set<string>();
  for (const r of p.roles) for (const w of r.toLowerCase().match(/[a-z]+/g) ?? []) if (HEADS.has(w) || ROLE_TITLES.has(w)) out.add(ROLE_TITLES.get(w)?.toLowerCase() ?? w);
  return out;
}

function sharedRoles(p: Person, members: Parsed[]): number {
  const mine = roleWords(p);
  if (mine.size === 0) return 0;
  let n = 0;
  const theirs = new Set<string>();
  for (const m of members) for (const w of roleWords(m.p)) theirs.add(w);
  for (const w of mine) if (theirs.has(w)) n++;
  return n;
}

/**
 * A source quoted by a wording that is a person's name ("Roe", "Jane Roe") is that person:
 * a bare surname goes to the most quoted person of that surname, a full name to the one it fits.
 */
function attachSources(list: Identity[], sources: readonly string[], nick: Nicknames): void {
  const bySurname = new Map<string, { id: Identity; n: NameParts }[]>();
  for (const id of list) {
    const n = parseName(id.name);
    if (!n || n.first === null) continue;
    const l = bySurname.get(n.last) ?? [];
    l.push({ id, n });
    bySurname.set(n.last, l);
  }
  for (const src of sources) {
    const held = roleHolder(list, src);
    if (held) {
      held.sources.push(src);
      continue;
    }
    const ws = src.split(/\s+/).filter((w) => /\p{L}/u.test(w));
    // Only capitalised wordings can be names ("officials" is not).
    if (ws.length === 0 || ws.length > 4 || !ws.every((w) => /^\p{Lu}/u.test(w))) continue;
    const n = parseName(src);
    if (!n) continue;
    const candidates = (bySurname.get(n.last) ?? []).filter((c) => c.n.suffix === n.suffix && (n.first === null || fits(c.n, n, nick)));
    if (candidates.length === 0) continue;
    candidates.sort((a, b) => salience(b.id) - salience(a.id));
    candidates[0]!.id.sources.push(src);
  }
}

/**
 * A source worded as a role with a place or body ("the Vermont senator", "the former Florida
 * governor"): the one person whose roles hold every word of it, the most present if several do.
 * A bare role ("the governor") names nobody across a briefing.
 */
function roleHolder(list: Identity[], src: string): Identity | null {
  if (!/^the\s/i.test(src)) return null;
  const asked = roleWordsOf(src);
  if (!asked.some((w) => HEADS.has(w)) || !asked.some((w) => !HEADS.has(w))) return null;
  let best: Identity | null = null;
  for (const id of list) {
    const own = new Set<string>();
    for (const r of id.roles) for (const w of roleWordsOf(r)) own.add(w);
    for (const a of id.aliases) if (/\p{Lu}/u.test(a) && a.split(/\s+/).length > 2) for (const w of roleWordsOf(a)) own.add(w);
    if (asked.every((w) => own.has(w)) && (!best || salience(id) > salience(best))) best = id;
  }
  return best;
}

function identity(members: Parsed[], weak: Parsed[]): Identity {
  const sorted = [...members].sort((a, b) => salience(b.p) - salience(a.p));
  // The name: the most salient full name without middle names, else the most salient of all.
  const full = sorted.filter((m) => m.n.first !== null);
  const plain = full.find((m) => !m.n.middle) ?? full[0] ?? sorted[0]!;
  const head = sorted[0]!.p;
  const roles: string[] = [];
  const aliases: string[] = [];
  for (const m of sorted) {
    for (const r of m.p.roles) if (!roles.includes(r)) roles.push(r);
    for (const a of [m.p.name, ...m.p.aliases]) if (a !== plain.n.display && !aliases.includes(a)) aliases.push(a);
  }
  return {
    id: head.id,
    name: plain.n.display,
    roles,
    aliases,
    mentions: sorted.reduce((n, m) => n + m.p.mentions, 0),
    quotes: sorted.reduce((n, m) => n + m.p.quotes, 0),
    members: sorted.map((m) => m.p),
    weak: weak.map((w) => w.p),
    sources: [],
  };
}
