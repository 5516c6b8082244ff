// Whether the words around a time expression place it before or after the article's date.

export type Tense = 'past' | 'future' | 'unknown';

// Future cues include the forms news uses for scheduled events ("set to", "due to", "planned for").
const FUTURE = new Set([
  'will', "'ll", 'shall', 'would', 'set', 'due', 'planned', 'plans', 'plan', 'scheduled', 'expected',
  'upcoming', 'later', 'going', 'intends', 'aims', 'hopes', 'next', 'tomorrow', 'begins', 'starts', 'meets', 'travels', 'heads', 'visits', 'hold', 'holds',
]);
const PAST = new Set([
  'was', 'were', 'had', 'has', 'have', 'did', 'said', 'told', 'met', 'spoke', 'held', 'went', 'came',
  'took', 'made', 'gave', 'been', 've', 'ago', 'earlier', 'last', 'yesterday', 'previously', 'already', 'began',
  'saw', 'won', 'lost', 'sent', 'flew', 'left', 'agreed', 'announced', 'visited', 'travelled', 'traveled',
]);
// "-ed" words are past tense unless they are the scheduling participles above.
const ED = /^[a-z]{3,}ed$/;
const NOT_PAST_ED = new Set(['need', 'speed', 'feed', 'seed', 'proceed', 'exceed', 'succeed', 'indeed', 'bed', 'red', 'shed']);

const WORD = /[A-Za-z']+/g;
// A cue after the expression only counts when it is close: "On Tuesday, he said".
const FORWARD_CHARS = 40;

function cue(word: string): Tense {
  const w = word.toLowerCase();
  if (FUTURE.has(w)) return 'future';
  if (PAST.has(w)) return 'past';
  if (ED.test(w) && !NOT_PAST_ED.has(w)) return 'past';
  return 'unknown';
}

/**
 * The tense governing the expression at [start, end) of `text`: the nearest cue before it in the
 * same clause, else the nearest cue after it ("On Tuesday, he said …").
 */
export function tenseAt(text: string, start: number, end: number, lookAhead = FORWARD_CHARS): Tense {
  const before = clauseStart(text, start);
  const prior = text.slice(before, start).match(WORD);
  if (prior) {
    for (let i = prior.length - 1; i >= 0; i--) {
      // "will be focused", "will be held": a participle after "be" is passive, not past; the
      // auxiliary before it ("will", "was", "has been") carries the tense.
      if (i > 0 && /^(?:be|being|been)$/i.test(prior[i - 1]!)) {
        // "is to be held", "are to be signed": a plan, so future.
        if (i > 2 && /^be$/i.test(prior[i - 1]!) && /^to$/i.test(prior[i - 2]!) && /^(?:is|are|am)$/i.test(prior[i - 3]!)) return 'future';
        continue;
      }
      const t = cue(prior[i]!);
      if (t !== 'unknown') return t;
    }
  }
  WORD.lastIndex = end;
  const limit = Math.min(text.length, end + lookAhead);
  for (let m = WORD.exec(text); m && m.index < limit; m = WORD.exec(text)) {
    const t = cue(m[0]);
    if (t !== 'unknown') return t;
  }
  return 'unknown';
}

function clauseStart(text: string, pos: number): number {
  for (let i = pos - 1; i >= 0; i--) {
    const c = text[i];
    if (c === ';' || c === '–' || c === '—' || c === ':') return i + 1;
  }
  return 0;
}
