// A light tokenizer for attribution phrases: words (with inner apostrophes, hyphens and the period
// of an abbreviation or initial) and single punctuation marks, with offsets into the text.

export interface Token {
  text: string;
  start: number;
  end: number;
}

const TOKEN = /[A-Za-z\u00C0-\u024F0-9](?:[A-Za-z\u00C0-\u024F0-9'’\-]*[A-Za-z\u00C0-\u024F0-9])?(?:['’]s?)?\.?|[^\sA-Za-z0-9\u00C0-\u024F\u0000]/g;

/** Tokens of text[start, end); NUL characters (masked quotations) are skipped. */
export function tokenize(text: string, start: number, end: number): Token[] {
  const out: Token[] = [];
  const slice = text.slice(start, end);
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(slice); m; m = TOKEN.exec(slice)) {
    let t = m[0];
    let e = m.index + t.length;
    // A trailing period belongs to the word only for abbreviations and initials; keep it otherwise
    // as its own token so sentence ends stay visible.
    if (t.length > 1 && t.endsWith('.') && !isAbbrev(t)) {
      t = t.slice(0, -1);
      e--;
      out.push({ text: t, start: start + m.index, end: start + e });
      out.push({ text: '.', start: start + e, end: start + e + 1 });
      continue;
    }
    out.push({ text: t, start: start + m.index, end: start + e });
  }
  return out;
}

const ABBREV = /^(?:[A-Z]\.|(?:[A-Za-z]\.){2,}|Mr\.|Mrs\.|Ms\.|Dr\.|Sen\.|Sens\.|Rep\.|Reps\.|Gov\.|Gen\.|Lt\.|Col\.|Capt\.|Sgt\.|Adm\.|Prof\.|Rev\.|Jr\.|Sr\.|St\.|Maj\.|Cmdr\.|Amb\.|Atty\.|Pres\.|Hon\.|Supt\.|Det\.|Insp\.|Mx\.|Del\.|Gov\.|Sen\.|Rep\.)$/;

function isAbbrev(t: string): boolean {
  return ABBREV.test(t);
}

export function isCapitalized(t: string): boolean {
  const c = t.charCodeAt(0);
  return (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0xde);
}

/** The token without a possessive ending. */
export function stripPossessive(t: string): string {
  return t.replace(/['’]s?$/, '');
}

export function isPossessive(t: string): boolean {
  return /[A-Za-z]['’]s?$/.test(t) && !/^(?:it|let|that|there|here|what|who|he|she)['’]s$/i.test(t);
}
