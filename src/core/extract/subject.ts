// The subject of a sentence: who a partial quote or an "-ing" cue ("…, stating:") belongs to.
import { phraseAfter, type SourcePhrase } from './source-phrase.ts';
import { isCapitalized, type Token } from './tokens.ts';

/** The clause subject: the first phrase of the sentence (after an introductory clause). */
export function sentenceSubject(tokens: readonly Token[], masked: string): SourcePhrase | null {
  // A dateline ("FLINT, Mich., Oct. 4 (UPI) — …") is not the subject: start after its dash.
  if (tokens[0] && /^[A-Z]{3,}$/.test(tokens[0].text) && tokens[1]?.text === ',') {
    let dash = -1;
    for (let i = 0; i < Math.min(tokens.length, 20); i++) if (dash === -1 && /^[—–-]$/.test(tokens[i]!.text)) dash = i;
    if (dash !== -1) return sentenceSubject(tokens.slice(dash + 1), masked);
  }
  let at0 = phraseAfter(tokens, 0, masked);
  // "Conversely, …", "Seeking to …": a lone opening word is not a name.
  if (at0 && at0.kind === 'person' && !at0.name!.includes(' ') && !at0.honorific) {
    const k = tokens.findIndex((t) => t.start >= at0!.end);
    const next = tokens[k];
    // "Doe, who has …, said": a relative clause after the word shows it is a name.
    const relative = next?.text === ',' && /^(?:who|whose)$/i.test(tokens[k + 1]?.text ?? '');
    if (next && !relative && (next.text === ',' || /(?:ing|ly|ed)$/.test(at0.name!))) at0 = null;
  }
  if (at0 && at0.kind !== 'nominal') return at0;
  // "For the first time X has confirmed …": the first name followed by a lower-case word.
  for (let i = 1; i < Math.min(tokens.length, 10); i++) {
    const t = tokens[i]!;
    if (t.text === ',') break;
    if (!isCapitalized(t.text)) continue;
    const p = phraseAfter(tokens, i, masked);
    // "Though she called Doe's plan …": a possessive name is a determiner, not the subject.
    if (p && p.kind === 'person' && !/['’]s?$/.test(p.text)) {
      const next = tokens.find((x) => x.start >= p.end);
      if (next && /^[a-z]/.test(next.text)) return p;
    }
    break;
  }
  let comma = -1;
  for (let i = 0; i < Math.min(tokens.length, 30); i++) {
    if (tokens[i]!.text === ',') {
      comma = i;
      break;
    }
  }
  if (comma !== -1) {
    const p = phraseAfter(tokens, comma + 1, masked);
    if (p && p.kind !== 'nominal') return p;
  }
  if (at0) return at0;
  // "On September 27 they published …": a subject pronoun early in the sentence.
  for (let i = 0; i < Math.min(tokens.length, 8); i++) {
    if (/^(?:he|she|they|we)$/i.test(tokens[i]!.text) && tokens[i + 1] && /^[a-z]/.test(tokens[i + 1]!.text)) {
      return phraseAfter(tokens, i, masked);
    }
  }
  return null;
}
