// Finding the person a question is about: exact names, surnames, first names, aliases ("Mr X",
// "the PM") and roles, then fuse.js for typos. Built once over the (small) people list.
import Fuse from 'fuse.js';
import type { Person } from '../model.ts';
import { HEADS } from '../extract/facts/role-heads.ts';
import { Nicknames } from './identity.ts';
import { editDistance, roleWords, STOPWORDS, QUESTION_WORDS, words } from './words.ts';

export interface SpeakerMatch {
  /** Null for an unnamed source. */
  person: Person | null;
  /** The canonical name (or the source's wording). */
  name: string;
  /** The words of the question that named them (for removing them from the topic). */
  matched: string[];
  how: 'exact' | 'token' | 'alias' | 'role' | 'fuzzy';
  /** Other people the same words fit (a surname several people share), most likely first. */
  others?: Person[];
}

/** A role nobody in the briefing holds ("the governor of Alaska"), with who holds its head role. */
export interface RoleMiss {
  role: string;
  holders: { person: Person; role: string }[];
}

interface KeyTarget {
  person: Person | null;
  name: string;
  strength: number;
  how: SpeakerMatch['how'];
}

const HONORIFICS = new Set(['mr', 'mrs', 'ms', 'miss', 'dr', 'sir', 'dame', 'lord', 'lady', 'the', 'prof', 'professor']);

function normalise(text: string): string {
  const ws = words(text.replace(/['’]s\b/g, ''));
  while (ws.length > 1 && HONORIFICS.has(ws[0]!)) ws.shift();
  return ws.join(' ');
}

export class SpeakerMatcher {
  private readonly keys = new Map<string, KeyTarget[]>();
  private readonly people: readonly Person[];
  /** Trigram → keys, built on the first fuzzy lookup: narrows fuse.js to a few dozen candidates. */
  private trigrams: Map<string, string[]> | null = null;

  constructor(
    people: readonly Person[],
    sources: readonly string[] = [],
    /** Whether a word is an ordinary dictionary word (so a lone lowercase "mark" is not a person). */
    private readonly isDictionaryWord: (w: string) => boolean = () => false,
    /** Whether a word is known at all (dictionary or indexed text), so it is no typo of a name. */
    private readonly isKnownWord: (w: string) => boolean = isDictionaryWord,
    private readonly nicknames: Nicknames = new Nicknames(),
  ) {
    this.people = people;
    for (const p of people) {
      const add = (text: string, strength: number, how: KeyTarget['how']) => {
        const k = normalise(text);
        if (!k || STOPWORDS.has(k)) return;
        this.add(k, { person: p, name: p.name, strength, how });
      };
      add(p.name, 1, 'exact');
      const parts = words(p.name).filter((w) => w.length >= 3 && !HONORIFICS.has(w));
      parts.forEach((w, i) => add(w, i === parts.length - 1 ? 0.9 : 0.8, 'token'));
      for (const a of p.aliases) add(a, 0.85, 'alias');
      for (const r of p.roles) {
        add(r, 0.6, 'role');
        const expanded = roleWords(r).join(' ');
        if (expanded) add(expanded, 0.6, 'role');
      }
    }
    for (const s of sources) this.add(normalise(s), { person: null, name: s, strength: 0.7, how: 'exact' });
  }

  private add(key: string, t: KeyTarget): void {
    const list = this.keys.get(key) ?? [];
    if (!list.some((x) => x.name === t.name)) list.push(t);
    else {
      const i = list.findIndex((x) => x.name === t.name);
      if (list[i]!.strength < t.strength) list[i] = t;
    }
    this.keys.set(key, list);
  }

  private best(list: KeyTarget[]): KeyTarget {
    // An ambiguous key ("the President") goes to the strongest claim, then the most quoted person.
    return [...list].sort((a, b) => b.strength - a.strength || (b.person?.quotes ?? 0) - (a.person?.quotes ?? 0))[0]!;
  }

  private fuzzy(text: string): KeyTarget | null {
    if (text.length < 4) return null;
    const candidates = this.candidates(text);
    if (candidates.length === 0) return null;
    const fuse = new Fuse(candidates, { includeScore: true, threshold: 0.34, ignoreLocation: true, minMatchCharLength: 3 });
    for (const h of fuse.search(text, { limit: 5 })) {
      // Fuse matches substrings; a short key inside a long query word is not a name match.
      if (h.item.length < text.length * 0.6 || text.length < h.item.length * 0.6) continue;
      const list = this.keys.get(h.item);
      if (list) return { ...this.best(list), how: 'fuzzy' };
    }
    return null;
  }

  /** Keys sharing the most trigrams with `text` (at most 40). */
  private candidates(text: string): string[] {
    if (!this.trigrams) {
      this.trigrams = new Map();
      for (const k of this.keys.keys()) {
        for (const g of new Set(trigramsOf(k))) {
          const list = this.trigrams.get(g);
          if (list) list.push(k);
          else this.trigrams.set(g, [k]);
        }
      }
    }
    const score = new Map<string, number>();
    for (const g of new Set(trigramsOf(text))) {
      const list = this.trigrams.get(g);
      // A trigram shared by very many keys ("son") says little; skip it to keep this cheap.
      if (!list || list.length > 2000) continue;
      for (const k of list) score.set(k, (score.get(k) ?? 0) + 1);
    }
    return [...score]
      .filter(([k, n]) => n >= 2 && Math.abs(k.length - text.length) <= Math.max(2, text.length * 0.4))
      .sort((a, b) => b[1] - a[1])
      .slice(0, 40)
      .map(([k]) => k);
  }

  /** Resolves text that names somebody ("smiht", "Mr Smith", "the PM", "Jane"). */
  resolve(text: string): SpeakerMatch | null {
    const key = normalise(text);
    if (!key) return null;
    const exact = this.keys.get(key);
    if (exact) {
      const t = this.best(exact);
      // An unnamed source worded as a role ("the Vermont senator said"): the person holding that role.
      const held = t.person ? null : this.role(text);
      if (held) return held;
      return { person: t.person, name: t.name, matched: words(text), how: t.how, others: this.othersOf(exact, t) };
    }
    // Any word or pair naming somebody ("President Smith" → "smith").
    const ws = key.split(' ');
    let found: KeyTarget | null = null;
    let foundList: KeyTarget[] = [];
    for (let n = Math.min(3, ws.length); n >= 1 && !found; n--) {
      for (let i = 0; i + n <= ws.length; i++) {
        const list = this.keys.get(ws.slice(i, i + n).join(' '));
        if (list) {
          // Several people under these words: the first one every asked word fits.
          const fit = [...list].sort((a, b) => b.strength - a.strength || (b.person?.quotes ?? 0) - (a.person?.quotes ?? 0)).filter((t) => ws.length === 1 || this.consistent(t, ws));
          const t = fit[0];
          if (t && (!found || t.strength > found.strength)) {
            found = t;
            foundList = fit;
          }
        }
      }
    }
    if (found) return { person: found.person, name: found.name, matched: words(text), how: found.how, others: this.othersOf(foundList, found) };
    const role = this.role(text);
    if (role) return role;
    // A misspelt name: the surname first (it says most), then the whole, then any word.
    const tries = ws.length > 1 ? [ws[ws.length - 1]!, key, ...ws.slice(0, -1)] : [key];
    for (const t of tries) {
      const f = this.fuzzy(t);
      // Several words must all fit the person: "Jane Roe" is not "Janet Rowe", "John Doe"
      // is not "John Smith".
      if (f && (ws.length === 1 || this.consistent(f, ws))) return { person: f.person, name: f.name, matched: words(text), how: f.how };
    }
    return null;
  }

  /** The others a list of targets names, when they are people the question may have meant. */
  private othersOf(list: KeyTarget[], chosen: KeyTarget): Person[] | undefined {
    if (!chosen.person || chosen.how === 'exact' || chosen.how === 'alias') return undefined;
    const others = list.filter((t) => t.person && t.person.id !== chosen.person!.id && t.how === chosen.how).map((t) => t.person!);
    return others.length ? others : undefined;
  }

  /**
   * A role, often with a place or an organisation ("the Ohio governor", "the governor of Ohio",
   * "the senator's campaign manager"): the person whose roles hold every word asked.
   */
  role(text: string): SpeakerMatch | null {
    const asked = roleWords(text);
    if (!asked.some((w) => HEADS.has(w))) return null;
    let best: { p: Person; score: number } | null = null;
    for (const p of this.people) {
      const own = new Set<string>();
      for (const r of p.roles) for (const w of roleWords(r)) own.add(w);
      // Aliases such as "Ohio Gov. Jane Roe" carry the role with its place.
      for (const a of p.aliases) if (/\p{Lu}/u.test(a) && a.split(/\s+/).length > 2) for (const w of roleWords(a)) own.add(w);
      if (!asked.every((w) => own.has(w))) continue;
      const score = p.quotes * 3 + p.mentions;
      if (!best || score > best.score) best = { p, score };
    }
    return best ? { person: best.p, name: best.p.name, matched: words(text), how: 'role' } : null;
  }

  /** For a role that resolved to nobody: the role as asked and the people holding its head role. */
  roleMiss(text: string): RoleMiss | null {
    const asked = roleWords(text);
    const head = asked.find((w) => HEADS.has(w));
    if (!head) return null;
    const holders: RoleMiss['holders'] = [];
    for (const p of this.people) {
      const r = p.roles.find((x) => roleWords(x).includes(head));
      if (r) holders.push({ person: p, role: r });
    }
    holders.sort((a, b) => b.person.quotes - a.person.quotes || b.person.mentions - a.person.mentions);
    return { role: text.trim().replace(/^the\s+/i, ''), holders: holders.slice(0, 5) };
  }

  /** Every word of the asked name is a title, or (nearly) one of the person's name, alias or role words. */
  private consistent(t: KeyTarget, asked: string[]): boolean {
    const own = new Set<string>(words(t.name));
    if (t.person) for (const x of [...t.person.aliases, ...t.person.roles]) for (const w of words(x)) own.add(w);
    const first = words(t.name)[0];
    return asked.every((w, i) => {
      if (TITLES.has(w) || own.has(w)) return true;
      // A middle initial, or a first name that is a nickname of theirs ("Bill" for "William").
      if (w.length === 1 && i > 0) return true;
      if (first && this.nicknames.compatible(w, first)) return true;
      for (const o of own) if (this.nicknames.compatible(w, o) && o.length > 1 && w.length > 1) return true;
      const max = w.length >= 5 ? 2 : 1;
      for (const o of own) if (Math.abs(o.length - w.length) <= max && editDistance(w, o, max) <= max) return true;
      return false;
    });
  }

  /**
   * Looks for a person named anywhere in a free-form question. A lone word counts when it is a name
   * part or alias and either capitalised in the question or not an ordinary word; an unknown word
   * that is close to a name counts as a typo of it.
   */
  scan(question: string): SpeakerMatch | null {
    const raw = question.match(/[\p{L}\p{N}'’]+/gu) ?? [];
    const toks = raw.map((t) => ({ raw: t, w: words(t.replace(/['’]s$/, ''))[0] ?? '' })).filter((t) => t.w);
    for (let n = 3; n >= 1; n--) {
      for (let i = 0; i + n <= toks.length; i++) {
        const span = toks.slice(i, i + n);
        const key = normalise(span.map((t) => t.w).join(' '));
        const list = this.keys.get(key);
        if (!list) continue;
        const t = this.best(list);
        if (n === 1) {
          const tok = span[0]!;
          if (STOPWORDS.has(tok.w) || QUESTION_WORDS.has(tok.w)) continue;
          const capitalised = /^\p{Lu}/u.test(tok.raw);
          if (t.how === 'role' && !capitalised) continue;
          if (!capitalised && t.how !== 'alias' && this.isDictionaryWord(tok.w)) continue;
        }
        // Include a preceding honorific or "the" in what the question used to name them.
        let from = i;
        while (from > 0 && HONORIFICS.has(toks[from - 1]!.w)) from--;
        return { person: t.person, name: t.name, matched: toks.slice(from, i + n).map((x) => x.w), how: t.how };
      }
    }
    for (const t of toks) {
      if (t.w.length < 4 || STOPWORDS.has(t.w) || QUESTION_WORDS.has(t.w) || this.isKnownWord(t.w)) continue;
      const f = this.fuzzy(t.w);
      if (f) return { person: f.person, name: f.name, matched: [t.w], how: 'fuzzy' };
    }
    return null;
  }
}

function trigramsOf(text: string): string[] {
  const t = ` ${text} `;
  const out: string[] = [];
  for (let i = 0; i + 3 <= t.length; i++) out.push(t.slice(i, i + 3));
  return out;
}

/** Title and label words a question may put before any name ("Senator X", "Democrat Y", "former Gov. Z"). */
const TITLES = new Set(
  'president senator sen rep representative congressman congresswoman minister secretary governor gov chancellor prime mayor general gen judge justice professor prof dr mr mrs ms miss sir dame lord lady rev reverend chairman chairwoman chair leader chief former foreign health home defence defense state deputy vice the democrat democratic republican gop independent ex then'.split(
    ' ',
  ),
);

export { roleWords };
