// Word tokens of a statement, with offsets, in one precompiled pass.

export interface Word {
  start: number;
  end: number;
  /** The word as written. */
  raw: string;
  /** Lookup form: dots dropped ("U.S." -> "US"), possessive "'s" and trailing apostrophes removed. */
  norm: string;
  /** True when the word ends in a possessive "'s" / "’s". */
  possessive: boolean;
}

const WORD = /[\p{L}\p{N}](?:[\p{L}\p{M}\p{N}.'’\-]|,(?=\d{3}\b))*/gu;
const POSSESSIVE = /['’]s$/;

export function words(text: string): Word[] {
  const out: Word[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) {
    let raw = m[0];
    let end = m.index + raw.length;
    // A trailing dot is usually the sentence's full stop, except in initialisms ("D.C.", "U.S.").
    while (raw.endsWith('.') && !/\.\p{L}\.$/u.test(raw) && !/^\p{Lu}\.$/u.test(raw)) {
      raw = raw.slice(0, -1);
      end--;
    }
    while (raw.endsWith('-') || raw.endsWith("'") || raw.endsWith('’')) {
      raw = raw.slice(0, -1);
      end--;
    }
    if (!raw) continue;
    const possessive = POSSESSIVE.test(raw);
    const base = possessive ? raw.slice(0, -2) : raw;
    out.push({ start: m.index, end, raw, norm: base.replace(/\./g, ''), possessive });
  }
  return out;
}

/** True when only spaces separate word a and the following word b (no punctuation between). */
export function adjacent(text: string, a: Word, b: Word): boolean {
  for (let i = a.end; i < b.start; i++) if (text.charCodeAt(i) !== 32) return false;
  return b.start - a.end <= 2;
}

export function isCapitalised(w: Word): boolean {
  const c = w.raw.charCodeAt(0);
  return (c >= 65 && c <= 90) || (c > 127 && w.raw[0] !== w.raw[0]!.toLowerCase());
}
