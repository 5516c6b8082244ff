// Small text measures shared by the extractors.

const WORD = /[A-Za-z0-9\u00C0-\u024F]+/g;

/** Number of words in text[start, end). */
export function countWords(text: string, start: number, end: number): number {
  WORD.lastIndex = 0;
  const m = text.slice(start, end).match(WORD);
  return m ? m.length : 0;
}

/** True when text[from, to) is only whitespace; scans back from `to`, so it stops at the first word. */
export function onlySpaceBetween(text: string, from: number, to: number): boolean {
  for (let i = to - 1; i >= from; i--) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13 && c !== 0xa0) return false;
  }
  return true;
}
