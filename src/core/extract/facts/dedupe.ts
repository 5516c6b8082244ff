// Merging near-duplicate statements: articles repeat themselves ("X said he has not been invited"
// twice, a few paragraphs apart). Similarity is the Jaccard overlap of content words.
import type { Fact, FactValue } from '../../model.ts';
import { STOPWORDS } from './stopwords.ts';
import type { Word } from './words.ts';

/** Facts of the same kind whose statements share at least this share of content words merge. */
export const DUPLICATE_THRESHOLD = 0.6;
const MIN_WORDS = 4;

export function contentWords(ws: readonly Word[]): Set<string> {
  const out = new Set<string>();
  for (const w of ws) {
    const l = w.lower;
    if (STOPWORDS.has(l) && l !== 'not' && l !== 'no') continue;
    // Crude stemming is enough to line up "invited"/"invite", "talks"/"talk".
    const stem = l.endsWith('ing') ? l.slice(0, -3) : l.endsWith('ed') || l.endsWith('es') ? l.slice(0, -2) : l.endsWith('s') ? l.slice(0, -1) : l;
    if (stem.length > 1) out.add(stem);
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

/**
 * Merges later near-duplicates into the first statement, recording their paragraphs in alsoIn.
 * `contentOf` gives each fact's content words (computed once per sentence by the caller).
 */
export function mergeNearDuplicates(facts: Fact[], contentOf: (f: Fact) => Set<string>): Fact[] {
  const out: Fact[] = [];
  const words: Set<string>[] = [];
  for (const f of facts) {
    const w = contentOf(f);
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
