// Scoring candidates the index found: how much of the topic they cover (and through which kind of
// match), their bm25 rank, and their kind; then merging near-duplicates, best first.
import type { QuoteKind } from '../model.ts';
import type { FactHit, QuoteHit, TermGroup } from './port.ts';
import { inflections, sameFamily, words } from './words.ts';

const KIND_BONUS: Record<string, number> = { direct: 0.12, partial: 0.1, indirect: 0.07 };

interface CompiledAlt {
  /** Per word of the alternative, the forms it may take. */
  seq: Set<string>[];
  /** The single word, for word-family matching. */
  word: string | null;
  weight: number;
}

/**
 * Topic groups ready for matching against many candidates: the query side is inflected once, so a
 * candidate's words are compared as written (no lemmatizing every word of every candidate).
 */
export function compileGroups(groups: TermGroup[]): CompiledAlt[][] {
  return groups.map((g) =>
    g.alts.map((a) => {
      const ws = words(a.text);
      return { seq: ws.map(inflections), word: ws.length === 1 ? ws[0]! : null, weight: a.weight };
    }),
  );
}

function containsForms(hay: string[], seq: Set<string>[]): boolean {
  if (seq.length === 0) return false;
  outer: for (let i = 0; i + seq.length <= hay.length; i++) {
    for (let j = 0; j < seq.length; j++) if (!seq[j]!.has(hay[i + j]!)) continue outer;
    return true;
  }
  return false;
}

function containsSeq(hay: string[], needle: string[]): boolean {
  if (needle.length === 0) return false;
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

function containsFamily(hay: string[], word: string): boolean {
  for (const h of hay) if (sameFamily(h, word)) return true;
  return false;
}

/** Share of the topic the text covers, 0..1: each group counts its best alternative's weight. */
export function coverage(groups: TermGroup[] | CompiledAlt[][], text: string, context: string): number {
  if (groups.length === 0) return 1;
  const compiled = isCompiled(groups) ? groups : compileGroups(groups);
  const t = words(text);
  const c = words(context);
  let sum = 0;
  for (const alts of compiled) {
    let best = 0;
    for (const a of alts) {
      if (a.weight > best && containsForms(t, a.seq)) best = a.weight;
      else if (a.weight * 0.85 > best && a.word && containsFamily(t, a.word)) best = a.weight * 0.85;
      else if (a.weight * 0.6 > best && containsForms(c, a.seq)) best = a.weight * 0.6;
      else if (a.weight * 0.5 > best && a.word && containsFamily(c, a.word)) best = a.weight * 0.5;
    }
    sum += best;
  }
  return sum / compiled.length;
}

function isCompiled(g: TermGroup[] | CompiledAlt[][]): g is CompiledAlt[][] {
  return Array.isArray(g[0]);
}

export interface Scored<T> {
  hit: T;
  score: number;
}

/** Scores quotes: coverage of the topic first, bm25 relative to the best candidate next, then kind. */
export function scoreQuotes(hits: QuoteHit[], groups: TermGroup[]): Scored<QuoteHit>[] {
  const bestRank = Math.min(0, ...hits.map((h) => h.rank));
  const compiled = compileGroups(groups);
  return hits.map((h) => {
    const rel = bestRank < 0 ? h.rank / bestRank : 0;
    const cov = coverage(compiled, h.text, h.context);
    // Quotes with no topic are ordered by kind and substance (longer direct quotes say more).
    const substance = groups.length === 0 ? Math.min(1, words(h.text).length / 40) * 0.2 : 0;
    const named = h.personId ? 0.02 : 0;
    const score = 0.55 * cov + 0.3 * rel + (KIND_BONUS[h.kind] ?? 0) + substance + named;
    return { hit: h, score: round(score) };
  });
}

export function scoreFacts(hits: FactHit[], groups: TermGroup[], preferKinds: readonly string[] = [], preferDated = false): Scored<FactHit>[] {
  const bestRank = Math.min(0, ...hits.map((h) => h.rank));
  const compiled = compileGroups(groups);
  return hits.map((h) => {
    const rel = bestRank < 0 ? h.rank / bestRank : 0;
    const cov = coverage(compiled, h.text, h.context);
    const kind = preferKinds.includes(h.kind) ? 0.1 : 0;
    const mention = h.mention ? -0.05 : 0;
    // "When …?" is best answered by a statement that carries a date.
    const dated = !preferDated ? 0 : h.values.some((v) => v.type === 'date') ? 0.15 : -0.1;
    return { hit: h, score: round(0.55 * cov + 0.3 * rel + kind + mention + dated + (h.values.length ? 0.03 : 0)) };
  });
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

const KIND_ORDER: Record<QuoteKind, number> = { direct: 0, partial: 1, indirect: 2 };

/**
 * Best first, near-duplicates merged, up to `limit`: the same words reported twice (a direct quote
 * and its partial echo, a statement repeated in two articles) keep only the better-scored copy.
 */
export function bestDistinct<T extends { text: string; kind?: string }>(items: Scored<T>[], limit = Infinity): { kept: Scored<T>[]; more: number } {
  const sorted = [...items].sort(
    (a, b) =>
      b.score - a.score ||
      (KIND_ORDER[a.hit.kind as QuoteKind] ?? 3) - (KIND_ORDER[b.hit.kind as QuoteKind] ?? 3) ||
      b.hit.text.length - a.hit.text.length,
  );
  const kept: { item: Scored<T>; ws: string[]; set: Set<string> }[] = [];
  let i = 0;
  for (; i < sorted.length && kept.length < limit; i++) {
    const it = sorted[i]!;
    const ws = words(it.hit.text);
    const set = new Set(ws);
    if (kept.some((k) => nearDuplicate(ws, set, k.ws, k.set))) continue;
    kept.push({ item: it, ws, set });
  }
  // Past the limit, candidates are counted without comparing: `more` is an upper bound.
  return { kept: kept.map((k) => k.item), more: sorted.length - i };
}

export function nearDuplicate(a: string[], aSet: Set<string>, b: string[], bSet: Set<string>): boolean {
  if (a.length === 0 || b.length === 0) return false;
  let inter = 0;
  for (const w of aSet) if (bSet.has(w)) inter++;
  const jaccard = inter / (aSet.size + bSet.size - inter);
  if (jaccard >= 0.8) return true;
  // One contained in the other ("a generational challenge" inside the full sentence).
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length >= 3 && containsSeq(long, short)) return true;
  return false;
}
