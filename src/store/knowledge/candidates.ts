// Which searches find a topic's candidates, bounded in cost at any index size: one strategy for
// every backend, written as a generator of searches (rank these by relevance; take the latest rows
// matching these) that each backend runs on its own index, synchronously (SQLite) or not (PostgreSQL),
// so both pick their candidates the same way.
//
// Ranking (bm25) counts, for every phrase of a query, the rows containing it: a full pass over that
// phrase's postings. So terms that occur in very many rows are left out of ranked queries (they still
// count when the engine rescores), and a query that would still rank too many rows is answered by
// recency instead (newest rows first, which stops early). Rows matching every topic group come first;
// rows matching any group fill up when those are few.
import type { TermGroup } from '../../core/ask/port.ts';
import { altPhrases } from './phrases.ts';
import { merge } from './rows.ts';

/** Above this many matching rows a query is answered by recency rather than bm25 over all of them. */
export const RANK_CAP = 1500;
/** Terms in more rows than this are too costly for bm25 (it scans their postings) and say little. */
export const FREQUENT = 10_000;
export const RECENT_CANDIDATES = 100;

/** One search: `ranked` by bm25, the `recent` newest rows, or ranked over the topic alone and then `filtered` to the speaker. */
export interface CandidateSearch<E> {
  how: 'ranked' | 'recent' | 'filtered';
  expr: E;
  limit: number;
}

export interface CandidatePlan<E> {
  groups: TermGroup[];
  /** The speaker's `who` token, or null. */
  who: string | null;
  /** Rows the `who` token matches (0 without one). */
  whoRows: number;
  limit: number;
  /** Whether the backend can rank the topic and then keep one speaker's rows (quotes of a person). */
  filtered: boolean;
  /** Rows a word (folded) occurs in; 0 when never. */
  df: (word: string) => number;
  /** The backend's query for these groups (all of them, or any), restricted to `who`; null when the index cannot match. */
  build: (groups: TermGroup[], who: string | null, mode: 'all' | 'any') => E | null;
}

/** Rows an alternative (word or phrase) can match at most: the sum over the phrases it stands for. */
export function altFrequency(text: string, df: (w: string) => number): number {
  return altPhrases(text, df).reduce((n, p) => n + p.df, 0);
}

/** Upper estimate of the rows a group matches: the sum over its alternatives. */
export function groupFrequency(g: TermGroup, df: (w: string) => number): number {
  let n = 0;
  for (const a of g.alts) n += altFrequency(a.text, df);
  return n;
}

/** The searches for a topic's candidates; each search's rows are sent back in. Returns the candidates. */
export function* candidateSearches<E, R extends { id: number }>(p: CandidatePlan<E>): Generator<CandidateSearch<E>, R[], R[]> {
  const { groups, who, whoRows, limit, df, build } = p;
  const slim = groups.map((g) => ({ ...g, alts: g.alts.filter((a) => altFrequency(a.text, df) <= FREQUENT) })).filter((g) => g.alts.length > 0);
  const search = function* (how: CandidateSearch<E>['how'], expr: E | null, n: number): Generator<CandidateSearch<E>, R[], R[]> {
    return expr === null ? [] : yield { how, expr, limit: n };
  };
  const enough = (rows: R[]) => rows.length >= Math.min(limit, 15);
  if (slim.length > 0 && whoRows > FREQUENT && p.filtered && slim.reduce((n, g) => n + groupFrequency(g, df), 0) <= RANK_CAP) {
    // A speaker with very many rows and a rare topic: rank the topic, keep the speaker's rows.
    const rows = slim.length > 1 ? yield* search('filtered', build(slim, null, 'all'), limit) : [];
    if (enough(rows)) return rows;
    return merge(rows, yield* search('filtered', build(slim, null, 'any'), limit));
  }
  if (slim.length === 0 || whoRows > FREQUENT) {
    // Only frequent terms, or a speaker with very many rows: their latest matching rows.
    const rows = groups.length > 1 ? yield* search('recent', build(groups, who, 'all'), RECENT_CANDIDATES) : [];
    return enough(rows) ? rows : merge(rows, yield* search('recent', build(groups, who, 'any'), RECENT_CANDIDATES));
  }
  // With a speaker, no group can match more rows than the speaker has.
  const dfs = slim.map((g) => (who ? Math.min(groupFrequency(g, df), whoRows) : groupFrequency(g, df)));
  const run = (gs: TermGroup[], mode: 'all' | 'any', rows: number) =>
    rows > RANK_CAP ? search('recent', build(gs, who, mode), RECENT_CANDIDATES) : search('ranked', build(gs, who, mode), limit);
  const out = slim.length > 1 ? yield* run(slim, 'all', Math.min(...dfs)) : [];
  // Enough rows covering the whole topic: partial matches would rank below them anyway.
  if (enough(out)) return out;
  return merge(out, yield* run(slim, 'any', dfs.reduce((a, b) => a + b, 0)));
}

/** The words whose frequencies a plan for these groups asks for: every word of every alternative and the inflections of its last. */
export function wordsOf(groups: readonly TermGroup[]): string[] {
  const out = new Set<string>();
  const note = (w: string) => {
    out.add(w);
    return 1;
  };
  for (const g of groups) for (const a of g.alts) altPhrases(a.text, note);
  return [...out];
}
