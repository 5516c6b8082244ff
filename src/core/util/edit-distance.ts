// The one edit distance: config key suggestions, "did you mean" for command words, and the
// asking engine's fuzzy word match all count edits the same way.

/**
 * Optimal string alignment distance (Damerau-Levenshtein where a transposition of two adjacent
 * letters counts as one edit), stopping early: any distance above `max` is returned as `max + 1`.
 */
export function editDistance(a: string, b: string, max = 3): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return Math.min(prev[n]!, max + 1);
}

/** The candidate nearest to `word` within `max` edits (the first of equals), or null. */
export function nearest(word: string, candidates: Iterable<string>, max: number): string | null {
  let best: string | null = null;
  let bestScore = max + 1;
  for (const c of candidates) {
    const d = editDistance(word, c, max);
    if (d < bestScore) {
      bestScore = d;
      best = c;
    }
  }
  return best;
}
