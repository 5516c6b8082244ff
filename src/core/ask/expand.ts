// Turning topic words into term groups: the word, its lemmas, thesaurus and WordNet synonyms, and
// for a word the index has never seen, the closest indexed spellings.
import type { SearchPort, TermAlt, TermGroup } from './port.ts';
import type { Nicknames } from './identity.ts';
import type { Thesaurus } from './thesaurus.ts';
import type { LazyVectors } from './vectors.ts';
import type { WordNet } from './wordnet.ts';
import { baseForm, contentWords, inflections, lemmas, words } from './words.ts';

export interface Lexicon {
  thesaurus: Thesaurus;
  wordnet: WordNet | null;
  /** First names that are one name (config/nicknames.yaml). */
  nicknames?: Nicknames;
  /** Distributional word vectors, when loaded (never waited for). */
  vectors?: LazyVectors | null;
}

const MAX_GROUPS = 8;
const MAX_ALTS = 18;
const VECTOR_NEIGHBOURS = 4;
/** Cosine below which neighbours are related words rather than the same meaning. */
const VECTOR_MIN = 0.68;

export async function expandTopic(topicText: string, lex: Lexicon, index: SearchPort): Promise<TermGroup[]> {
  const ws = contentWords(topicText).slice(0, 24);
  const groups: TermGroup[] = [];
  let i = 0;
  while (i < ws.length && groups.length < MAX_GROUPS) {
    // A phrase the thesaurus knows ("peace deal", "defence spending") is one group, longest first.
    let taken = 0;
    for (let n = Math.min(3, ws.length - i); n >= 2 && !taken; n--) {
      const phrase = ws.slice(i, i + n).join(' ');
      const related = lex.thesaurus.lookup(phrase);
      if (related.length) {
        const alts: TermAlt[] = [{ text: phrase, weight: 1, via: 'word' }];
        for (const r of related) alts.push({ text: r, weight: 0.85, via: 'thesaurus' });
        // The phrase's own words still count, for less ("spending" alone for "defence spending").
        for (const w of ws.slice(i, i + n)) for (const l of lemmas(w)) alts.push({ text: l, weight: 0.5, via: 'lemma' });
        groups.push({ word: phrase, alts: dedupe(alts) });
        taken = n;
      }
    }
    if (!taken) {
      groups.push(await expandWord(ws[i]!, lex, index));
      taken = 1;
    }
    i += taken;
  }
  return groups;
}

export async function expandWord(word: string, lex: Lexicon, index: SearchPort, fuzzy = true): Promise<TermGroup> {
  const alts: TermAlt[] = [{ text: word, weight: 1, via: 'word' }];
  const forms = lemmas(word);
  for (const l of forms) if (l !== word) alts.push({ text: l, weight: 0.95, via: 'lemma' });
  // Derived forms the index holds ("negotiated" for "negotiations"), which lemmas keep apart.
  for (const f of await index.family(word, 4)) alts.push({ text: f.word, weight: 0.85, via: 'lemma' });
  for (const f of forms) for (const r of lex.thesaurus.lookup(f)) alts.push({ text: r, weight: 0.85, via: 'thesaurus' });
  // Numbers and very short words have no useful synonyms.
  if (lex.wordnet && word.length > 2 && !/^\d/.test(word)) {
    const seen = new Set<string>();
    for (const f of [word, baseForm(word)]) {
      if (seen.has(f)) continue;
      seen.add(f);
      for (const s of lex.wordnet.synonyms(f)) alts.push({ text: s.text, weight: 0.75 * s.weight, via: 'wordnet' });
    }
  }
  // Words used in the same contexts ("wages" ~ "pay", "migrants" ~ "refugees"), from the index's own words.
  if (lex.vectors && word.length > 2 && !/^\d/.test(word)) {
    for (const n of lex.vectors.neighbours(word, VECTOR_NEIGHBOURS, VECTOR_MIN)) alts.push({ text: n.word, weight: 0.7 * n.cos, via: 'vector' });
  }
  const known = await anyIndexed([...forms].flatMap((f) => [...inflections(f)]), index);
  if (fuzzy && !known && word.length >= 4 && !/^\d/.test(word)) {
    // A misspelling: search for the indexed words it is closest to, and what they mean too.
    const maxDistance = word.length >= 8 ? 2 : 1;
    for (const s of await index.similarWords(word, maxDistance, 3)) {
      for (const a of (await expandWord(s.word, lex, index, false)).alts) alts.push({ text: a.text, weight: a.weight * 0.75, via: 'fuzzy' });
    }
  }
  return { word, alts: dedupe(alts).slice(0, MAX_ALTS) };
}

/** Whether the index holds any of the words (asked one after another, stopping at the first). */
async function anyIndexed(ws: readonly string[], index: SearchPort): Promise<boolean> {
  for (const w of ws) if ((await index.documentFrequency(w)) > 0) return true;
  return false;
}

function dedupe(alts: TermAlt[]): TermAlt[] {
  const best = new Map<string, TermAlt>();
  for (const a of alts) {
    const key = words(a.text).join(' ');
    if (!key) continue;
    const had = best.get(key);
    if (!had || had.weight < a.weight) best.set(key, { ...a, text: key });
  }
  return [...best.values()];
}
