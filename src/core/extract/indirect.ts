// Reported speech without quotation marks: "X said (that) …", "…, X said.", "according to X, …".
import type { Cue } from './attribution.ts';
import type { SentenceInfo } from './sentence-info.ts';
import { countWords } from '../text/words.ts';

export function indirectQuote(info: SentenceInfo, text: string): { cue: Cue; start: number; end: number } | null {
  const s = info.sentence;
  for (const c of info.cues) {
    // "did not respond to an email seeking comment" reports that nothing was said.
    if (!c.core || c.relative || c.negated || !c.source) continue;
    if (!info.resolved.get(c.index)) continue;
    // "X said (that) …": the content follows the cue.
    let k = c.index + 1;
    const toks = info.tokens;
    if (c.text === 'according to') {
      // "according to X, …": content after the source phrase's comma, or before "according to".
      const before = text.slice(s.start, c.start).replace(/[\s,]+$/, '');
      if (countWords(before, 0, before.length) >= 4) return { cue: c, start: s.start, end: s.start + before.length };
      continue;
    }
    if (c.source.start > c.start) {
      // Inverted "…, said X." : the content comes before.
      const before = text.slice(s.start, c.start).replace(/[\s,]+$/, '');
      if (countWords(before, 0, before.length) >= 4) return { cue: c, start: s.start, end: s.start + before.length };
      continue;
    }
    if (c.source.start < c.start) {
      // "…, Doe said.": the content is the clause before the source.
      const tail = text.slice(c.end, s.end);
      const lead = text.slice(s.start, c.source.start).replace(/[\s,]+$/, '');
      if (/^[^.!?:]{0,30}[.]?\s*$/.test(tail) && countWords(tail, 0, tail.length) <= 4 && /,\s*$/.test(text.slice(s.start, c.source.start)) && countWords(lead, 0, lead.length) >= 4) {
        return { cue: c, start: s.start, end: s.start + lead.length };
      }
    }
    if (c.source.start < c.start && toks[k]) {
      while (toks[k] && /^(?:that|,|:|on|in|to|reporters|him|her|them|me|us|friday|monday|tuesday|wednesday|thursday|saturday|sunday|today|yesterday|recently|earlier|later|previously|also)$/i.test(toks[k]!.text)) k++;
      const from = toks[k];
      if (!from) continue;
      let end = s.end;
      while (end > from.start && /[.!?\s]/.test(text[end - 1]!)) end--;
      if (countWords(text, from.start, end) >= 3) return { cue: c, start: from.start, end };
    }
  }
  return null;
}
