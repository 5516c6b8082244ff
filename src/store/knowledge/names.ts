// Capitalised word runs of an article body ("Jane Doe", "State Jane Doe"): the names a question may
// ask about even when the extraction listed nobody by them (stored in `name_fts`).

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** A letter or digit (ASCII by char code, the rest by Unicode class). */
function isWordChar(code: number, ch: string): boolean {
  if (code < 128) return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  return WORD_CHAR.test(ch);
}

const CAPITALISED = /\p{Lu}[\p{L}'’-]*\.?/gu;
const JOINERS = new Set(['de', 'van', 'von', 'bin', 'al', 'la', 'le', 'da', 'di']);

/**
 * Capitalised word runs of a body, lowercased: the endings of two or more words of each run of two
 * to five ("state jane doe", "jane doe") and its last word ("doe"). Words of a run are
 * separated by spaces only (or a joiner such as "de"); a full stop ends the run unless it closes an
 * initial or a short title ("H.", "Mr.").
 */
export function capitalisedNames(text: string, bodyStart: number): Set<string> {
  const out = new Set<string>();
  let run: string[] = [];
  let runEnd = -1;
  let open = false;
  const flush = () => {
    if (run.length >= 2 && run.length <= 5) {
      const last = run[run.length - 1]!;
      if (last.length >= 3) out.add(last);
      // Titles come first ("State Jane Doe"): every ending of two or more words may be the name.
      for (let i = 0; i + 2 <= run.length; i++) out.add(run.slice(i).join(' '));
    }
    run = [];
  };
  // Only capitalised words are visited; whether two belong to one run is decided by the gap.
  CAPITALISED.lastIndex = bodyStart;
  for (let m = CAPITALISED.exec(text); m; m = CAPITALISED.exec(text)) {
    const t = m[0];
    if (m.index > 0 && isWordChar(text.charCodeAt(m.index - 1), text[m.index - 1]!)) continue; // inside a word ("McDonald")
    // The gap is only looked at when the run is open; one space (the usual case) needs no pattern.
    const gap = open && runEnd >= 0 ? (m.index === runEnd + 1 && text.charCodeAt(runEnd) === 32 ? ' ' : text.slice(runEnd, m.index)) : '';
    const joined = gap !== '' && (gap === ' ' || /^ +$/.test(gap) || /^ +(?:de|van|von|bin|al|la|le|da|di) +$/.test(gap));
    if (!joined) flush();
    else if (gap.trim()) for (const j of gap.trim().split(/ +/)) if (JOINERS.has(j)) run.push(j);
    const bare = t.endsWith('.') ? t.slice(0, -1) : t;
    run.push(bare.toLowerCase());
    runEnd = m.index + t.length;
    open = !(t.endsWith('.') && bare.length > 3);
  }
  flush();
  return out;
}
