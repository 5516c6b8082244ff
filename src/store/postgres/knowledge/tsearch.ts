// PostgreSQL text search for the knowledge store, made to behave as the SQLite store's FTS5 index:
// - a row's tsvector is built here, from the same words the vocabulary counts and questions are
//   split into (core/ask/words.ts: lowercased, accents folded, no stemming; inflections and word
//   families are expanded on the query side). Each part of the row has its weight: the quote (A),
//   the words around it (B), the speaker's `who` token (D), with a gap in positions between them so
//   no phrase runs from one into the next (as FTS5 columns).
// - a topic becomes a tsquery of quoted lexemes (`'troops' | 'british' <-> 'forces'`), cast from
//   text: nothing from a question is parsed as query syntax.
// - candidates are ranked by bm25 as FTS5 computes it (k1 1.2, b 0.75, per-part weights 1 / 0.4 / 0
//   for quotes, 1 / 0 for facts), from each row's positions of the query's lexemes, the row's length,
//   and the table's row and token totals and per-lexeme row counts, which the writer keeps.
import type { TermGroup } from '../../../core/ask/port.ts';
import { fold, words } from '../../../core/ask/words.ts';
import { altPhrases } from '../../knowledge/phrases.ts';

/** Positions PostgreSQL keeps per lexeme (more are dropped) and the largest position it stores. */
const MAX_POSITIONS = 256;
const MAX_POSITION = 16383;

export type Weight = 'A' | 'B' | 'D';

export interface IndexEntry {
  /** The tsvector, as its text form. */
  tsv: string;
  /** Tokens in the row (bm25's document length). */
  len: number;
  /** Its distinct lexemes (the per-lexeme row counts). */
  terms: string[];
}

/** A lexeme as the index holds it: the `who` tokens are folded as words are. */
export function lexeme(token: string): string {
  return fold(token.toLowerCase());
}

/** The index entry of a row made of `parts` (text with the weight of its part). */
export function indexEntry(parts: readonly { text: string; weight: Weight; tokens?: readonly string[] }[]): IndexEntry {
  const at = new Map<string, string[]>();
  let pos = 1;
  let len = 0;
  for (const part of parts) {
    const tokens = part.tokens ?? words(part.text).map(fold);
    const suffix = part.weight === 'D' ? '' : part.weight;
    for (const t of tokens) {
      len++;
      const p = Math.min(pos++, MAX_POSITION);
      let list = at.get(t);
      if (!list) at.set(t, (list = []));
      if (list.length < MAX_POSITIONS) list.push(`${p}${suffix}`);
    }
    pos++; // a gap: no phrase spans two parts
  }
  const tsv = [...at].map(([t, ps]) => `${quoteLexeme(t)}:${ps.join(',')}`).join(' ');
  return { tsv, len, terms: [...at.keys()] };
}

function quoteLexeme(t: string): string {
  return `'${t.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/** A query phrase: its lexemes in order, and whether it is the `who` restriction (weight D only). */
export interface QueryPhrase {
  lexemes: string[];
  who: boolean;
}

/** A tsquery (text form, cast by the statement) and its phrases in query order, for bm25. */
export interface TsQuery {
  text: string;
  phrases: QueryPhrase[];
}

/**
 * The tsquery for topic groups: each group any of its phrases, groups joined by AND (`all`) or OR
 * (`any`), restricted to the `who` token when given. Null when the index cannot match (a group
 * with no indexed phrase leaves an all-groups query nothing, and an any-groups query the rest).
 */
export function topicQuery(groups: TermGroup[], who: string | null, mode: 'any' | 'all', df: (w: string) => number): TsQuery | null {
  const phrases: QueryPhrase[] = [];
  const parts: string[] = [];
  for (const g of groups) {
    const seen = new Set<string>();
    const alts: string[] = [];
    for (const a of g.alts) {
      for (const p of altPhrases(a.text, df)) {
        if (seen.has(p.phrase)) continue;
        seen.add(p.phrase);
        const lexemes = p.phrase.split(' ');
        phrases.push({ lexemes, who: false });
        alts.push(lexemes.map(quoteLexeme).join(' <-> '));
      }
    }
    if (alts.length) parts.push(`(${alts.join(' | ')})`);
  }
  if (parts.length === 0 || (mode === 'all' && parts.length < groups.length)) return null;
  const topic = parts.join(mode === 'all' ? ' & ' : ' | ');
  if (!who) return { text: topic, phrases };
  return { text: `${whoQuery(who)} & (${topic})`, phrases: [{ lexemes: [lexeme(who)], who: true }, ...phrases] };
}

/** The tsquery matching a `who` token in the `who` part alone. */
export function whoQuery(token: string): string {
  return `${quoteLexeme(lexeme(token))}:D`;
}

/** One candidate row's positions of the query's lexemes: lexeme → [position, weight][]. */
export type RowPositions = Map<string, { pos: number[]; weight: string[] }>;

export interface Bm25Stats {
  rows: number;
  tokens: number;
  /** Rows each phrase occurs in (query order). */
  hits: number[];
}

/** FTS5's bm25 (k1 1.2, b 0.75), negated as FTS5 returns it: lower is better. */
export function bm25(phrases: readonly QueryPhrase[], stats: Bm25Stats, weights: Record<string, number>, row: RowPositions, len: number): number {
  const k1 = 1.2;
  const b = 0.75;
  const avgdl = stats.rows > 0 ? stats.tokens / stats.rows : 1;
  let score = 0;
  phrases.forEach((p, i) => {
    const freq = phraseFrequency(p, row, weights);
    if (freq === 0) return;
    const n = stats.hits[i] ?? 0;
    let idf = Math.log((stats.rows - n + 0.5) / (n + 0.5));
    if (idf <= 0) idf = 1e-6;
    score += (idf * (freq * (k1 + 1))) / (freq + k1 * (1 - b + (b * len) / avgdl));
  });
  return -score;
}

/** Instances of the phrase in the row, each counted with the weight of the part it is in. */
function phraseFrequency(p: QueryPhrase, row: RowPositions, weights: Record<string, number>): number {
  const first = row.get(p.lexemes[0]!);
  if (!first) return 0;
  let freq = 0;
  for (let k = 0; k < first.pos.length; k++) {
    const w = first.weight[k]!;
    if (p.who && w !== 'D') continue;
    let ok = true;
    for (let j = 1; j < p.lexemes.length && ok; j++) {
      const next = row.get(p.lexemes[j]!);
      ok = next !== undefined && next.pos.includes(first.pos[k]! + j);
    }
    if (ok) freq += weights[w] ?? 0;
  }
  return freq;
}

/** The tsquery text matching one phrase alone (its rows are counted for bm25's IDF). */
export function phraseQuery(p: QueryPhrase): string {
  return p.who ? whoQuery(p.lexemes[0]!) : p.lexemes.map(quoteLexeme).join(' <-> ');
}
