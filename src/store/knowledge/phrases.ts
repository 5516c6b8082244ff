// How a topic alternative maps onto the index: the phrases it stands for, with their frequencies.
// Shared by the backends' query builders (an FTS5 MATCH expression, a tsquery).
import { fold, inflections, words } from '../../core/ask/words.ts';

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
