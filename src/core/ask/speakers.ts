// Finding the person a question is about: exact names, surnames, first names, aliases ("Mr X",
// "the PM") and roles, then fuse.js for typos. Built once over the (small) people list.
import Fuse from 'fuse.js';
import type { Person } from '../model.ts';
import { STOPWORDS, QUESTION_WORDS, words } from './words.ts';

export interface SpeakerMatch {
  /** Null for an unnamed source. */
  person: Person | null;
  /** The canonical name (or the source's wording). */
  name: string;
  /** The words of the question that named them (for removing them from the topic). */
  matched: string[];
  how: 'exact' | 'token' | 'alias' | 'role' | 'fuzzy';
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
  private fuse: Fuse<string> | null = null;

  constructor(
    people: readonly Person[],
    sources: readonly string[] = [],
    /** Whether a word is an ordinary dictionary word (so a lone lowercase "mark" is not a person). */
    private readonly isDictionaryWord: (w: string) => boolean = () => false,
    /** Whether a word is known at all (dictionary or indexed text), so it is no typo of a name. */
    private readonly isKnownWord: (w: string) => boolean = isDictionaryWord,
  ) {
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
      for (const r of p.roles) add(r, 0.6, 'role');
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
    this.fuse ??= new Fuse([...this.keys.keys()], { includeScore: true, threshold: 0.34, ignoreLocation: true, minMatchCharLength: 3 });
    const hits = this.fuse.search(text, { limit: 5 });
    for (const h of hits) {
      // Fuse matches substrings; a short key inside a long query word is not a name match.
      if (h.item.length < text.length * 0.6 || text.length < h.item.length * 0.6) continue;
      const list = this.keys.get(h.item);
      if (list) return { ...this.best(list), how: 'fuzzy' };
    }
    return null;
  }

  /** Resolves text that names somebody ("starmr", "Mr Starmer", "the PM", "Keir"). */
  resolve(text: string): SpeakerMatch | null {
    const key = normalise(text);
    if (!key) return null;
    const exact = this.keys.get(key);
    if (exact) {
      const t = this.best(exact);
      return { person: t.person, name: t.name, matched: words(text), how: t.how };
    }
    // Any word or pair naming somebody ("President Zelensky" → "zelensky").
    const ws = key.split(' ');
    let found: KeyTarget | null = null;
    for (let n = Math.min(3, ws.length); n >= 1 && !found; n--) {
      for (let i = 0; i + n <= ws.length; i++) {
        const list = this.keys.get(ws.slice(i, i + n).join(' '));
        if (list) {
          const t = this.best(list);
          if (!found || t.strength > found.strength) found = t;
        }
      }
    }
    found ??= this.fuzzy(key);
    if (!found && ws.length > 1) for (const w of ws) if ((found = this.fuzzy(w))) break;
    return found ? { person: found.person, name: found.name, matched: words(text), how: found.how } : null;
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
