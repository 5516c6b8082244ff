// The subject of a sentence: who a partial quote or an "-ing" cue ("…, stating:") belongs to.
import { phraseAfter, PREPOSITIONS, type SourcePhrase } from './source-phrase.ts';
import { PLACES } from './places.ts';
import { isCapitalized, type Token } from './tokens.ts';

/** The clause subject: the first phrase of the sentence (after an introductory clause). */
export function sentenceSubject(tokens: readonly Token[], masked: string): SourcePhrase | null {
  // A dateline ("FLINT, Mich., Oct. 4 (UPI) — …", "Washington (AFP) – …") is not the subject:
  // start after its dash.
  const dash = datelineDash(tokens);
  if (dash !== -1) return sentenceSubject(tokens.slice(dash + 1), masked);
  let at0 = phraseAfter(tokens, 0, masked);
  // "Conversely, …", "Seeking to …": a lone opening word is not a name.
  if (at0 && at0.kind === 'person' && !at0.name!.includes(' ') && !at0.honorific) {
    const k = tokens.findIndex((t) => t.start >= at0!.end);
    const next = tokens[k];
    // "Doe, who has …, said" / "Doe, when asked …, often …": a relative or time clause after the
    // word shows it is a name.
    const relative = next?.text === ',' && /^(?:who|whose|when)$/i.test(tokens[k + 1]?.text ?? '');
    if (next && (!relative || /(?:ing|ly|ed)$/.test(at0.name!)) && (next.text === ',' || /(?:ing|ly|ed)$/.test(at0.name!))) at0 = null;
  }
  if (at0 && at0.kind !== 'nominal') return at0;
  // "For the first time X has confirmed …": the first name followed by a lower-case word. Not
  // after a subordinating word ("When Doe died, Roe said …"): that name is the subordinate
  // clause's subject, and the main clause's comes after the comma. With no comma, the clause runs
  // to the quote ("When Doe called them “squatters” the room went quiet"), and its subject is the one.
  const subordinate = SUBORDINATORS.test(tokens[0]?.text ?? '') && tokens.some((t) => t.text === ',');
  for (let i = 1; !subordinate && i < Math.min(tokens.length, 10); i++) {
    const t = tokens[i]!;
    if (t.text === ',') break;
    if (!isCapitalized(t.text)) continue;
    // "Doe told reporters in Springfield last week": the object of a preposition is not the subject.
    if (PREPOSITIONS.has(tokens[i - 1]!.text.toLowerCase())) break;
    const p = phraseAfter(tokens, i, masked);
    // "Though she called Doe's plan …": a possessive name is a determiner, not the subject.
    if (p && p.kind === 'person' && !/['’]s?$/.test(p.text)) {
      const next = tokens.find((x) => x.start >= p.end);
      if (next && /^[a-z]/.test(next.text)) return p;
    }
    break;
  }
  // "After the vote, Doe …": the subject follows the opening clause. "Speaking at a rally in Springfield,
  // Ohio, the senator …": a place between commas belongs to the clause, so look past it.
  for (let i = 0; i < Math.min(tokens.length, 30); i++) {
    if (tokens[i]!.text !== ',') continue;
    const p = phraseAfter(tokens, i + 1, masked);
    if (!p) break;
    const next = tokens.find((x) => x.start >= p.end);
    if (isPlace(p) && next?.text === ',') continue;
    if (p.kind !== 'nominal' && !isPlace(p)) return p;
    break;
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

const SUBORDINATORS = /^(?:When|Whenever|While|After|Before|Although|Though|Because|Since|Once|Until|Unless|If)$/;

/** A phrase whose every capitalised word is a place word ("Ohio", "New Hampshire"). */
export function isPlace(p: SourcePhrase): boolean {
  const words = p.text.split(/\s+/).filter((w) => /^[A-Z]/.test(w));
  return words.length > 0 && words.every((w) => PLACES.has(w.replace(/[.,]$/, '')) || /^(?:New|North|South|East|West|San|Santa|St\.?|Fort|Port|Lake|Mount)$/.test(w)) && words.some((w) => PLACES.has(w.replace(/[.,]$/, '')));
}

/** The dash that ends an opening dateline, or -1: capitalised place words, commas, an abbreviated
 * state, a date and an agency in parentheses, then a dash. */
function datelineDash(tokens: readonly Token[]): number {
  const first = tokens[0];
  if (!first || !/^[A-Z]/.test(first.text)) return -1;
  let paren = false;
  for (let i = 1; i < Math.min(tokens.length, 20); i++) {
    const t = tokens[i]!.text;
    if (/^[—–-]$/.test(t)) return i > 1 || /^[A-Z]{3,}$/.test(first.text) ? i : -1;
    if (t === '(') paren = true;
    else if (t === ')') paren = false;
    else if (!paren && !/^(?:,|\.|[A-Z][\w.'’]*|\d[\d,]*)$/.test(t)) return -1;
  }
  return -1;
}
