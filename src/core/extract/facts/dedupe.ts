// Merging near-duplicate statements: articles repeat themselves ("X said he has not been invited"
// twice, a few paragraphs apart). Similarity is the Jaccard overlap of content words.
import type { Fact, FactValue } from '../../model.ts';
import { STOPWORDS } from './stopwords.ts';

/** Facts of the same kind whose statements share at least this share of content words merge. */
export const DUPLICATE_THRESHOLD = 0.6;
const MIN_WORDS = 4;
const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;

export function contentWords(text: string): Set<string> {
  const out = new Set<string>();
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) {
    let w = m[0].toLowerCase().replace(/['’]s$/, '');
    if (STOPWORDS.has(w) && w !== 'not' && w !== 'no') continue;
    // Crude stemming is enough to line up "invited"/"invite", "talks"/"talk".
    w = w.replace(/(?:ing|ed|es|s)$/, '');
    if (w.length > 1) out.add(w);
  }
  return out;
}

export function similarity(a: Set<string>, b: Set<string>): number {
  if (a.size < MIN_WORDS || b.size < MIN_WORDS) return 0;
  let common = 0;
  for (const w of a) if (b.has(w)) common++;
  return common / (a.size + b.size - common);
}

function valueKey(v: FactValue): string {
  return v.type === 'role' ? `role:${v.person}:${v.role}` : `${v.type}:${v.text}`;
}

function union<T>(a: T[], b: T[]): T[] {
  return [...new Set([...a, ...b])];
}

/** Merges later near-duplicates into the first statement, recording their paragraphs in alsoIn. */
export function mergeNearDuplicates(facts: Fact[]): Fact[] {
  const out: Fact[] = [];
  const words: Set<string>[] = [];
  for (const f of facts) {
    const w = contentWords(f.text);
    let into = -1;
    for (let i = 0; i < out.length; i++) {
      const o = out[i]!;
      if (o.kind !== f.kind || o.event?.type !== f.event?.type) continue;
      if (o.start === f.start) continue; // facts of one sentence are distinct by construction
      if (similarity(words[i]!, w) >= DUPLICATE_THRESHOLD) {
        into = i;
        break;
      }
    }
    if (into < 0) {
      out.push(f);
      words.push(w);
      continue;
    }
    const o = out[into]!;
    const keys = new Set(o.values.map(valueKey));
    for (const v of f.values) if (!keys.has(valueKey(v))) o.values.push(v);
    o.people = union(o.people, f.people);
    o.places = union(o.places, f.places);
    if (f.paragraph !== o.paragraph) o.alsoIn = union(o.alsoIn ?? [], [f.paragraph]);
    if (f.upcoming) o.upcoming = true;
    if (o.event && f.event) o.event = { ...f.event, ...o.event };
  }
  return out;
}
