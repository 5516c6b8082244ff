// Cutting text to a platform's limits at a sensible boundary. Renderers call these with their
// own limits (which are data in each adapter), so every platform cuts the same way.

const ELLIPSIS = '…';

/**
 * Shortens `text` to at most `max` characters, cutting at the last sentence end that fits,
 * else the last word boundary, and marking the cut with an ellipsis.
 */
export function clip(text: string, max: number): string {
  if (max <= 0) return '';
  if (text.length <= max) return text;
  if (max <= ELLIPSIS.length) return ELLIPSIS.slice(0, max);
  const room = text.slice(0, max - ELLIPSIS.length);
  const sentenceEnd = lastSentenceEnd(room);
  if (sentenceEnd >= room.length * 0.5) return room.slice(0, sentenceEnd).trimEnd() + ' ' + ELLIPSIS;
  const space = room.lastIndexOf(' ');
  const cut = space >= room.length * 0.5 ? room.slice(0, space) : room;
  return cut.trimEnd() + ELLIPSIS;
}

function lastSentenceEnd(s: string): number {
  const re = /[.!?]["”’)]?(?=\s)/g;
  let end = -1;
  for (let m = re.exec(s); m; m = re.exec(s)) end = m.index + m[0].length;
  return end;
}

/**
 * Takes whole items while their rendered sizes fit `budget` and the count stays within
 * `maxItems`; returns how many fit. Never cuts an item in half.
 */
export function fitCount(sizes: readonly number[], budget: number, maxItems = Infinity): number {
  let used = 0;
  let n = 0;
  for (const size of sizes) {
    if (n >= maxItems || used + size > budget) break;
    used += size;
    n++;
  }
  return n;
}
