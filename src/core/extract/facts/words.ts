// Word tokens of a statement, with offsets, in one precompiled pass.

export interface Word {
  start: number;
  end: number;
  /** The word as written. */
  raw: string;
  /** Lookup form: dots dropped ("U.S." -> "US"), possessive "'s" and trailing apostrophes removed. */
  norm: string;
  /** `norm` in lower case, computed once for the several lookups that need it. */
  lower: string;
  /** True when the word ends in a possessive "'s" / "’s". */
  possessive: boolean;
}

// Hand-rolled scanner: a regex with Unicode classes costs about a microsecond per word here.
const LETTER_OR_DIGIT = /[\p{L}\p{N}\p{M}]/u;

function isWordChar(c: number, text: string, i: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  // Fast answers for the common non-ASCII: curly quotes and dashes (no), accented Latin (yes).
  if (c >= 0x2000 && c <= 0x206f) return false;
  if (c >= 0xc0 && c <= 0x24f) return c !== 0xd7 && c !== 0xf7;
  return LETTER_OR_DIGIT.test(text[i]!);
}

const DOT = 46;
const HYPHEN = 45;
const COMMA = 44;
const APOSTROPHE = 39;
const CURLY_APOSTROPHE = 0x2019;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Words: letters/digits joined by inner dots, hyphens, apostrophes and thousands commas ("2,000"). */
export function words(text: string): Word[] {
  const out: Word[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    // ASCII spaces and punctuation are the common case: skip them without a call.
    if (c < 128 ? !((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57)) : !isWordChar(c, text, i)) {
      i++;
      continue;
    }
    const start = i;
    i++;
    while (i < n) {
      const d = text.charCodeAt(i);
      if ((d >= 97 && d <= 122) || (d >= 65 && d <= 90) || (d >= 48 && d <= 57) || (d >= 128 && isWordChar(d, text, i))) i++;
      else if ((d === DOT || d === HYPHEN || d === APOSTROPHE || d === CURLY_APOSTROPHE) && i + 1 < n && isWordChar(text.charCodeAt(i + 1), text, i + 1)) i += 2;
      else if (d === COMMA && isDigit(text.charCodeAt(i - 1)) && isDigit(text.charCodeAt(i + 1)) && isDigit(text.charCodeAt(i + 2)) && isDigit(text.charCodeAt(i + 3)) && !isDigit(text.charCodeAt(i + 4))) i += 4;
      else break;
    }
    // Keep the dot of an initialism ("D.C.", "U.S.", "St."); a sentence's full stop stays outside.
    if (text.charCodeAt(i) === DOT && (i - start === 1 || text.charCodeAt(i - 2) === DOT) && isUpperAscii(text.charCodeAt(start))) i++;
    const raw = text.slice(start, i);
    const len = raw.length;
    const possessive = len > 2 && (raw.charCodeAt(len - 1) === 115 || raw.charCodeAt(len - 1) === 83) && isApostrophe(raw.charCodeAt(len - 2));
    let norm = possessive ? raw.slice(0, -2) : raw;
    if (norm.indexOf('.') !== -1 && !isDigit(norm.charCodeAt(0))) norm = norm.replace(/\./g, '');
    // A word opening in lower case is treated as all lower case ("iPhone" stays as is): saves a copy per word.
    const f = norm.charCodeAt(0);
    out.push({ start, end: i, raw, norm, lower: f >= 97 && f <= 122 ? norm : norm.toLowerCase(), possessive });
  }
  return out;
}

function isUpperAscii(c: number): boolean {
  return c >= 65 && c <= 90;
}

function isApostrophe(c: number): boolean {
  return c === APOSTROPHE || c === CURLY_APOSTROPHE;
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
