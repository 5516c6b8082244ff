// Topic terms as an FTS5 MATCH expression: every term a quoted string of plain words, so nothing
// from a question is ever passed to MATCH raw.
import type { TermGroup } from '../../../core/ask/port.ts';
import { altPhrases } from '../../knowledge/phrases.ts';

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
