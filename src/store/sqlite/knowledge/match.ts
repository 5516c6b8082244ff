// Topic terms as an FTS5 MATCH expression: every term a quoted string of plain words, so nothing
// from a question is ever passed to MATCH raw.
import type { TermGroup } from '../../../core/ask/port.ts';
import { fold, inflections, words } from '../../../core/ask/words.ts';

/**
 * The phrases an alternative stands for in the index: its words as written, the last one in each of
 * its inflections that the index holds ("troop" → "troop", "troops"). Words are re-tokenised, so
 * quotes, operators and stars from a question vanish.
 */
export function altPhrases(text: string, df: (w: string) => number): { phrase: string; df: number }[] {
  const ws = words(text).map(fold);
  if (ws.length === 0) return [];
  const head = ws.slice(0, -1);
  const headDf = head.length ? Math.min(...head.map(df)) : Infinity;
  if (headDf === 0) return [];
  const out: { phrase: string; df: number }[] = [];
  for (const v of inflections(ws[ws.length - 1]!)) {
    const n = df(v);
    if (n > 0) out.push({ phrase: [...head, v].join(' '), df: Math.min(n, headDf) });
  }
  return out;
}

export function matchExpression(groups: TermGroup[], who: string | null, mode: 'any' | 'all' = 'any', df: (w: string) => number = () => 1): string | null {
  const parts = groups
    .map((g) => {
      const phrases = new Set(g.alts.flatMap((a) => altPhrases(a.text, df).map((p) => `"${p.phrase}"`)));
      return phrases.size ? `(${[...phrases].join(' OR ')})` : null;
    })
    .filter((x): x is string => x !== null);
  // A group the index cannot match leaves an all-terms query nothing, and an any-terms query the rest.
  if (parts.length === 0 || (mode === 'all' && parts.length < groups.length)) return null;
  const topic = parts.join(mode === 'all' ? ' AND ' : ' OR ');
  return who ? `who : "${who}" AND (${topic})` : topic;
}

export /** A `who` token as an FTS5 query on the `who` column. */
function quoteWho(token: string): string {
  return `who : "${token}"`;
}
