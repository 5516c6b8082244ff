// The people an article names: discovered from capitalised names with some evidence of being a
// person (an honorific or role before them, their surname used alone, being quoted), merged by
// surname, with roles, aliases, gender hints and a salience score that pronouns resolve against.
import type { Person } from '../model.ts';
import { HONORIFICS, NOT_NAME_WORDS, ORG_WORDS, ROLE_ALIASES, ROLE_TITLES } from './lexicon.ts';
import { PLACES } from './places.ts';
import { phraseBefore } from './source-phrase.ts';
import { tokenize } from './tokens.ts';
import { BoundedMemo } from '../util/memo.ts';

export interface PersonRecord {
  id: string;
  name: string;
  roles: string[];
  aliases: Set<string>;
  /** Gender stated by an honorific (Mr, Mrs, Lord…); firm. */
  gender: 'm' | 'f' | null;
  /** Pronouns resolved to this person so far: a weak, revisable hint when no honorific says. */
  pronounVotes: { m: number; f: number };
  mentions: number;
  quotes: number;
  salience: number;
  firstAt: number;
}

const NAME_RUN = /(?:\b([A-Z][a-z]{0,3}\.?|[a-z]+)\s+)?\b((?:[A-Z][a-z\u00E0-\u00FF]+(?:[-'’][A-Z]?[a-z\u00E0-\u00FF]+)?|[A-Z]\.)(?:\s+(?:[A-Z]\.|[A-Z][a-z\u00E0-\u00FF]+(?:[-'’][A-Z]?[a-z\u00E0-\u00FF]+)?|(?:de|van|von|der|bin|al|da|di|del|du|le|la)(?=\s+[A-Z]))){1,3})/g;

const slugMemo = new BoundedMemo<string, string>(20_000);

export function slug(name: string): string {
  return slugMemo.getOr(name, makeSlug);
}

function makeSlug(name: string): string {
  return name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/** Per-sentence salience decay: recent subjects dominate, as pronouns in news prose follow them. */
const DECAY = 0.45;

export class People {
  private readonly byId = new Map<string, PersonRecord>();
  /** role key ("prime minister") → holders, with whether the role was written unqualified. */
  private readonly roleHolders = new Map<string, { id: string; exact: boolean }[]>();

  /** lower-cased first and last name word → people, for fast single-word lookups. */
  private readonly byWord = new Map<string, PersonRecord[]>();

  constructor(private readonly text: string) {}

  private index(p: PersonRecord): void {
    const words = p.name.split(' ');
    for (const w of new Set([words[0]!.toLowerCase(), words[words.length - 1]!.toLowerCase()])) {
      const list = this.byWord.get(w) ?? [];
      if (!list.includes(p)) list.push(p);
      this.byWord.set(w, list);
    }
  }

  /** Pre-pass over the body: registers multi-word names that show evidence of being a person. */
  discover(from: number, to: number): void {
    const body = this.text.slice(from, to);
    NAME_RUN.lastIndex = 0;
    for (let m = NAME_RUN.exec(body); m; m = NAME_RUN.exec(body)) {
      let words = m[2]!.split(/\s+/);
      while (words.length && NOT_NAME_WORDS.has(words[0]!.replace(/['’]s$/, ''))) words = words.slice(1);
      // A name never ends with a place ("North Mexico", "Poor Florida") or contains a contraction.
      if (words.length && PLACES.has(words[words.length - 1]!.replace(/['’]s$/, ''))) continue;
      if (words.some((w, i) => i < words.length - 1 && /['’]s$/.test(w))) continue;
      const lowerWords = words.map((w) => w.toLowerCase().replace(/['’]s$/, ''));
      // A leading title word belongs to the role, not the name ("President X").
      let titleWord: string | null = m[1] ?? null;
      while (words.length > 1 && (ROLE_TITLES.has(lowerWords[0]!) || HONORIFICS.has(lowerWords[0]!) || ROLE_TITLES.has(lowerWords[0]!.replace(/s$/, '')))) {
        titleWord = words[0]!;
        words = words.slice(1);
        lowerWords.shift();
      }
      // "State Jane Doe" (after "Secretary of"), "Kremlin Aide X Y": the name is the run after the
      // last organisation or title word, and that word is evidence of a role.
      let cut = -1;
      lowerWords.forEach((w, i) => {
        if (ORG_WORDS.has(w) || ROLE_TITLES.has(w)) cut = i;
      });
      if (cut !== -1 && words.length - cut - 1 >= 2) {
        titleWord = words[cut]!;
        words = words.slice(cut + 1);
        lowerWords.splice(0, cut + 1);
        cut = -2;
      }
      if (words.length < 2 || words.length > 4) continue;
      if (cut !== -2 && lowerWords.some((w) => ORG_WORDS.has(w) || ROLE_TITLES.has(w))) continue;
      const name = words.join(' ').replace(/['’]s$/, '');
      const surname = words[words.length - 1]!.replace(/['’]s$/, '');
      // "President X's aide, Pavel Orlov,": a role noun and a comma right before the name.
      const roleBefore = /\b([a-z]+),\s*$/.exec(body.slice(Math.max(0, m.index - 30), m.index))?.[1];
      const titled = (titleWord !== null && (HONORIFICS.has(titleWord.toLowerCase()) || ROLE_TITLES.has(titleWord.toLowerCase().replace(/\.$/, '')) || cut === -2)) ||
        (!!roleBefore && ROLE_TITLES.has(roleBefore));
      if (titled || this.usedAlone(surname, name) || this.appositive(body, m.index + m[0].length)) {
        const p = this.resolve(name, from + m.index, titleWord && HONORIFICS.has(titleWord.toLowerCase()) ? titleWord : null);
        if (cut === -2 || roleBefore) {
          // Read the role written before the name ("US Secretary of State", "aide").
          const nameEnd = from + m.index + m[0].length;
          const ctx = tokenize(this.text, Math.max(from, nameEnd - m[0].length - 60), nameEnd);
          const ph = phraseBefore(ctx, ctx.length, this.text);
          if (ph?.kind === 'person' && ph.role) this.addRole(p, ph.role);
          else if (roleBefore) this.addRole(p, roleBefore);
        }
        if (titleWord && ROLE_TITLES.has(titleWord.toLowerCase().replace(/\.$/, '')) && !HONORIFICS.has(titleWord.toLowerCase())) {
          this.addRole(p, ROLE_TITLES.get(titleWord.toLowerCase().replace(/\.$/, '')) ?? titleWord, true);
        }
      }
    }
  }

  /**
   * A headline names in full the person the body calls only by surname ("Jane Doe Goes After …",
   * then "Doe said"): that full name is who the lone surname means. The headline itself never makes
   * a person (its capitalised words are not names): only a surname the body uses alone, that no
   * person named in the body carries, is read with the word before it, and only when that word can
   * be a first name (not a title, place, common opening word or a headline verb such as "Says").
   */
  discoverTitle(title: string, bodyStart: number): void {
    const words = title.split(/\s+/);
    const titleCase = words.filter((w) => /^\p{Lu}/u.test(w)).length >= Math.max(3, words.length * 0.6);
    const body = this.text.slice(bodyStart);
    for (let i = 1; i < words.length; i++) {
      const surname = words[i]!.replace(/['’]s$/, '').replace(/[^\p{L}'’-]+$/u, '');
      const first = words[i - 1]!;
      if (!/^\p{Lu}\p{Ll}{2,}$/u.test(surname) || !/^\p{Lu}\p{Ll}+$/u.test(first)) continue;
      if (NOT_NAME_WORDS.has(first) || NOT_NAME_WORDS.has(surname) || PLACES.has(first) || PLACES.has(surname)) continue;
      const lf = first.toLowerCase();
      if (HONORIFICS.has(lf) || ROLE_TITLES.has(lf) || ORG_WORDS.has(lf) || ORG_WORDS.has(surname.toLowerCase()) || ROLE_TITLES.has(surname.toLowerCase())) continue;
      if (titleCase && /s$/.test(lf)) continue;
      if (countWord(body, surname) === 0) continue;
      if (this.byWord.get(surname.toLowerCase())?.some((p) => lastWord(p.name) === surname)) continue;
      this.resolve(`${first} ${surname}`, -1);
    }
    this.titleRoles(words);
  }

  /**
   * A role with its place that only the headline states ("Indiana governor endorses …" over a body
   * that says "Gov. Jane Roe"): it is the role of the one person the body gives that role word.
   */
  private titleRoles(words: string[]): void {
    for (let i = 1; i < words.length; i++) {
      const head = words[i]!.toLowerCase().replace(/['’]s$/, '').replace(/[^a-z.]+$/, '');
      const title = ROLE_TITLES.get(head);
      if (!title || !/^(?:governor|senator|mayor)$/i.test(title)) continue;
      // The place: the capitalised place word before the role word, with "New", "North"… before it.
      const at = words[i - 1]!.replace(/['’]s$/, '');
      if (!PLACES.has(at)) continue;
      const from = i > 1 && /^(?:New|North|South|West|Rhode)$/.test(words[i - 2]!) ? i - 2 : i - 1;
      const place = [...words.slice(from, i - 1), at].join(' ');
      const holders = this.all().filter((p) => p.roles.some((r) => r.toLowerCase().split(/\s+/).some((w) => (ROLE_TITLES.get(w.replace(/\.$/, '')) ?? w).toLowerCase() === title.toLowerCase())));
      if (holders.length !== 1) continue;
      const p = holders[0]!;
      if (p.roles.some((r) => r.includes(place))) continue;
      this.addRole(p, `${place} ${title}`);
    }
  }

  /** "X, the party leader," / "X, who …" / "X, 45,": what follows a name marks a person. */
  private appositive(body: string, at: number): boolean {
    const after = body.slice(at, at + 60);
    const m = /^,\s+(?:who\b|\d{1,3},|(?:the|a|an|his|her|their)\s+([^,.;]{1,50}?)\s*[,.;])/.exec(after);
    if (!m) return false;
    if (!m[1]) return true;
    const words = m[1].split(/\s+/);
    if (words.length > 5) return false;
    const head = words[words.length - 1]!.toLowerCase();
    return ROLE_TITLES.has(head) || HONORIFICS.has(head);
  }

  private rename(p: PersonRecord, name: string): void {
    this.byId.delete(p.id);
    p.aliases.add(p.name);
    p.id = slug(name);
    p.name = name;
    this.byId.set(p.id, p);
    this.index(p);
  }

  private usedAlone(surname: string, full: string): boolean {
    if (surname.length < 3) return false;
    return countWord(this.text, surname) > countWord(this.text, full);
  }

  /** The person a name refers to, creating them if new. A single word matches a known surname. */
  resolve(rawName: string, at: number, honorific: string | null = null): PersonRecord {
    const name = rawName.replace(/['’]s?$/, '').replace(/\s+/g, ' ').trim();
    const words = name.split(' ');
    let found: PersonRecord | undefined = this.byId.get(slug(name));
    if (!found && words.length === 1) {
      const lw = name.toLowerCase();
      const bySurname = this.byWord.get(lw)?.filter((p) => lastWord(p.name).toLowerCase() === lw) ?? [];
      const byFirst = this.byWord.get(lw)?.filter((p) => p.name.split(' ')[0]!.toLowerCase() === lw && p.name.includes(' ')) ?? [];
      found = best(bySurname, honorific, at) ?? best(byFirst, honorific, at);
    } else if (!found) {
      // The same person written with more or fewer given names ("Ana María Roe Doe" / "Roe Doe").
      const tail = [...(this.byWord.get(lastWord(name).toLowerCase()) ?? [])].find((p) =>
        p.name.includes(' ') && (p.name.endsWith(` ${name}`) || name.endsWith(` ${p.name}`)));
      if (tail) {
        // Keep the first-seen name (a longer later form may carry a nickname) unless it opened with an initial.
        if (/^[A-Z]\.\s/.test(tail.name) && name.length > tail.name.length) this.rename(tail, name);
        found = tail;
      }
    }
    if (!found && words.length > 1) {
      // A full name whose surname was seen alone first: upgrade that record.
      const single = this.byId.get(slug(lastWord(name)));
      if (single && !single.name.includes(' ')) {
        this.byId.delete(single.id);
        single.aliases.add(single.name);
        single.id = slug(name);
        single.name = name;
        this.byId.set(single.id, single);
        this.index(single);
        found = single;
      }
    }
    if (!found) {
      found = { id: slug(name), name, roles: [], aliases: new Set(), gender: null, pronounVotes: { m: 0, f: 0 }, mentions: 0, quotes: 0, salience: 0, firstAt: at };
      this.byId.set(found.id, found);
      this.index(found);
    }
    if (name !== found.name) found.aliases.add(name);
    if (honorific) {
      found.aliases.add(`${honorific} ${lastWord(found.name)}`);
      const g = HONORIFICS.get(honorific.toLowerCase());
      if (g) found.gender = g;
    }
    return found;
  }

  /** True when a capitalised token is a known name word, an honorific or a title. */
  hasWord(token: string): boolean {
    const w = token.replace(/['’]s?$/, '').toLowerCase();
    return this.byWord.has(w) || HONORIFICS.has(w) || ROLE_TITLES.has(w) || ROLE_TITLES.has(w.replace(/\.$/, '')) || ROLE_TITLES.has(w.replace(/s$/, ''));
  }

  /** True when a name (or its last word, or a first name) matches someone already known. */
  knows(name: string, last: string): boolean {
    if (this.byId.has(slug(name))) return true;
    const l = last.toLowerCase();
    if (this.byWord.get(l)?.some((p) => p.name.endsWith(` ${last}`))) return true;
    return !!this.byWord.get(name.toLowerCase())?.some((p) => p.name.startsWith(`${name} `));
  }

  get(id: string): PersonRecord | undefined {
    return this.byId.get(id);
  }

  all(): PersonRecord[] {
    return [...this.byId.values()];
  }

  addRole(p: PersonRecord, role: string, exact = false): void {
    // "Sen." → "Senator"; "Presidents X and Y": each holds the singular role.
    const display = ROLE_TITLES.get(role.toLowerCase());
    if (display && /^[A-Z]/.test(role)) role = display;
    const clean = role.replace(/\s+/g, ' ').trim().replace(/(\w{4,})s$/, (w, stem: string) => (ROLE_TITLES.has(stem.toLowerCase()) ? stem : w));
    if (!clean || clean.length > 60) return;
    const lc = clean.toLowerCase();
    const dup = p.roles.findIndex((r) => r.toLowerCase().endsWith(lc) || lc.endsWith(r.toLowerCase()));
    if (dup === -1) p.roles.push(clean);
    else if (clean.length > p.roles[dup]!.length) p.roles[dup] = clean; // keep the most specific wording
    const l = clean.toLowerCase().replace(/\.$/, '');
    for (const [alias, key] of ROLE_ALIASES) {
      if (l === alias || l.endsWith(` ${alias}`)) {
        const holders = this.roleHolders.get(key) ?? [];
        const isExact = exact || l === alias;
        const existing = holders.find((h) => h.id === p.id);
        if (existing) existing.exact ||= isExact;
        else holders.push({ id: p.id, exact: isExact });
        this.roleHolders.set(key, holders);
      }
    }
  }

  /** Who "the PM" / "the President" means here: a bound holder, else the article's main person. */
  holderOf(roleKey: string): PersonRecord | null {
    const holders = this.roleHolders.get(roleKey) ?? [];
    const exact = holders.filter((h) => h.exact);
    const pool = (exact.length ? exact : holders).map((h) => this.byId.get(h.id)!).filter(Boolean);
    if (pool.length) return pool.sort((a, b) => b.salience - a.salience || b.mentions - a.mentions)[0]!;
    // Unbound: news writing uses a bare role for the story's protagonist, if nobody else has it.
    const main = this.protagonist();
    if (!main) return null;
    const boundElsewhere = [...this.roleHolders.values()].some((hs) => hs.some((h) => h.id === main.id));
    return boundElsewhere ? null : main;
  }

  /** The person the story is about: named at its start and clearly the most present. */
  protagonist(): PersonRecord | null {
    let top: PersonRecord | null = null;
    let second = 0;
    let earliest = Infinity;
    for (const p of this.byId.values()) {
      const weight = p.mentions + p.quotes;
      earliest = Math.min(earliest, p.firstAt);
      if (!top || weight > top.mentions + top.quotes) {
        if (top) second = Math.max(second, top.mentions + top.quotes);
        top = p;
      } else {
        second = Math.max(second, weight);
      }
    }
    if (!top) return null;
    const weight = top.mentions + top.quotes;
    return weight >= 3 && weight >= 2 * second && top.firstAt <= earliest + 300 ? top : null;
  }

  /** Salience decays each sentence; mentions raise it (subjects and speakers most). */
  decay(): void {
    for (const p of this.byId.values()) p.salience *= DECAY;
  }

  touch(p: PersonRecord, weight: number): void {
    p.salience += weight;
  }

  /** A speaker is at least this salient; several quotes in one sentence do not pile up. */
  raise(p: PersonRecord, floor: number): void {
    if (p.salience < floor) p.salience = floor;
  }

  /** The most salient person a pronoun of this gender can mean. */
  pronounTarget(gender: 'm' | 'f', learn = true): PersonRecord | null {
    let top: PersonRecord | null = null;
    let topScore = 0;
    let second = 0;
    for (const p of this.byId.values()) {
      if (p.gender && p.gender !== gender) continue;
      if (p.salience <= 0.05) continue;
      // Earlier pronouns hint at gender: a person always called "he" is an unlikely "she".
      const other = gender === 'm' ? p.pronounVotes.f : p.pronounVotes.m;
      const same = gender === 'm' ? p.pronounVotes.m : p.pronounVotes.f;
      const score = p.salience * (other > same ? 0.25 : 1);
      if (score > topScore) {
        second = topScore;
        top = p;
        topScore = score;
      } else if (score > second) {
        second = score;
      }
    }
    // Only a clear choice teaches us the person's gender; a close call could teach the wrong one.
    if (learn && top && topScore >= 2 * second) top.pronounVotes[gender]++;
    return top;
  }

  toPeople(): Person[] {
    return this.all()
      .filter((p) => p.mentions + p.quotes > 0)
      .sort((a, b) => b.quotes - a.quotes || b.mentions - a.mentions || a.firstAt - b.firstAt)
      .map((p) => ({ id: p.id, name: p.name, roles: [...p.roles], aliases: [...p.aliases].filter((a) => a !== p.name), mentions: p.mentions, quotes: p.quotes }));
  }
}

/**
 * Who a lone name means among the people it fits. An honorific's gender rules out the others; a
 * person first named after this point is not yet introduced, so "Mr. Doe" before "Jane Doe" appears
 * is somebody else (undefined: a person of their own; a lede's plain "Doe" is still the Doe named next). Of several people of one surname,
 * news writing gives the lone surname to the one introduced first (the story's Doe) and names the
 * others in full or by first name; salience only breaks a tie.
 */
function best(list: PersonRecord[], honorific: string | null, at: number): PersonRecord | undefined {
  if (list.length === 0) return undefined;
  const g = honorific ? HONORIFICS.get(honorific.toLowerCase()) : null;
  const fitting = g ? list.filter((p) => !p.gender || p.gender === g) : list;
  const pool = fitting.length ? fitting : list;
  const introduced = pool.filter((p) => p.firstAt <= at);
  if (introduced.length === 0) return honorific ? undefined : pool.sort((a, b) => a.firstAt - b.firstAt)[0];
  return introduced.sort((a, b) => a.firstAt - b.firstAt || b.salience - a.salience || b.mentions - a.mentions)[0];
}

function lastWord(name: string): string {
  const w = name.split(' ');
  return w[w.length - 1]!;
}

function countWord(text: string, word: string): number {
  let n = 0;
  for (let i = text.indexOf(word); i !== -1; i = text.indexOf(word, i + word.length)) {
    const before = text.charCodeAt(i - 1);
    const after = text.charCodeAt(i + word.length);
    if (!isLetter(before) && !isLetter(after)) n++;
  }
  return n;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c >= 0xc0;
}
