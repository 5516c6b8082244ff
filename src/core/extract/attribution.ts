// Speech cues in a sentence and the source each one names: "X said", "said X", "according to X",
// "X told reporters:", "…, stating:". Works on the text with quotations masked out, so words
// inside quotation marks are never taken for an attribution.
import { CORE_SPEECH_VERBS, SPEECH_VERBS } from './lexicon.ts';
import { phraseAfter, phraseBefore, PREPOSITIONS, type SourcePhrase } from './source-phrase.ts';
import type { Token } from './tokens.ts';

export interface Cue {
  /** Index of the cue's first token in the sentence tokens. */
  index: number;
  /** Offset of the cue in the text. */
  start: number;
  end: number;
  /** The cue as written ("said", "according to"). */
  text: string;
  core: boolean;
  source: SourcePhrase | null;
  /** Inside a relative clause ("what X says …"): attributes quotes, but reports no speech itself. */
  relative?: boolean;
  /** "did not respond", "never said": reports that something was not said. */
  negated?: boolean;
}

const NEGATION = /^(?:not|never|n't|didn't|did't|hasn't|haven't|hadn't|won't|wouldn't|doesn't|don't|declined|refused|failed)$/i;
const MODAL = /^(?:would|will|could|might|may|should|can|must)$/;

// Lower case only: "Doe said", "Will said" name their speaker; "later said", "will say" do not.
const SKIP_BACK = /^(?:has|have|had|also|later|then|once|previously|reportedly|repeatedly|again|would|will|could|can|did|does|do|is|was|were|are|be|been|further|subsequently|separately|publicly|privately|recently|earlier|initially|quickly|bluntly|flatly|simply|not|never|just|already|still|even|often|always|once|first|finally|immediately|directly|[a-z]+ly)$/;
const ING_OR_PARTICIPLE = /ing$/;
/** Verbs that report a retort with "back" after them ("shot back"), and only then. */
const BACK_VERBS = new Set(['shot', 'shoots', 'shoot', 'fired', 'fires', 'fire', 'hit', 'hits', 'snapped', 'snaps', 'pushed', 'pushes', 'wrote', 'writes']);
/** Verbs that may come before their speaker ("…," said X); others never invert ("told X" is the hearer). */
const INVERTING = new Set(['said', 'says', 'added', 'adds', 'asked', 'asks', 'wrote', 'writes', 'continued', 'continues',
  'explained', 'explains', 'noted', 'notes', 'recalled', 'recalls', 'replied', 'replies', 'responded', 'insisted', 'warned',
  'declared', 'quipped', 'countered', 'argued', 'argues', 'stated', 'tweeted', 'remarked', 'observed', 'concluded',
  'exclaimed', 'conceded', 'joked', 'acknowledged', 'admitted', 'cautioned', 'predicted', 'promised', 'suggested',
  'suggests', 'claimed', 'claims', 'announced', 'confirmed', 'stressed', 'reported', 'reports', 'shouted', 'yelled',
  'retorted', 'answered', 'barked', 'proclaimed', 'demurred']);
const BASE_NOUNISH = new Set(['state', 'post', 'note', 'comment', 'call', 'show', 'report', 'remark', 'claim', 'charge',
  'demand', 'point', 'read', 'counter', 'answer', 'reply', 'estimate', 'fear', 'hope', 'promise', 'pledge', 'vow', 'tweet']);
/** Speech verbs that are also plural nouns ("Republican claims"): need a real subject to count. */
const NOUNISH = new Set(['claims', 'calls', 'reports', 'notes', 'comments', 'remarks', 'promises', 'shows', 'charges',
  'demands', 'posts', 'tweets', 'finds', 'estimates', 'worries', 'fears', 'hopes', 'answers', 'replies', 'warnings',
  'pledges', 'vows', 'questions', 'suggestions', 'counters', 'reads', 'points', 'statements', 'states']);

const PASSIVE_HEARD = new Set(['asked', 'told']);
const PASSIVE_BEFORE = /^(?:was|were|is|are|be|been|being|when|if|once|after|get|gets|got|getting)$/i;

/** All speech cues in the sentence tokens, each with the source phrase it attributes to. */
export function findCues(tokens: readonly Token[], text: string, subject: () => SourcePhrase | null): Cue[] {
  const cues: Cue[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    // Cues are lower-case words (only "According to" may open a sentence): skip the rest cheaply.
    const c0 = t.text.charCodeAt(0);
    if (!(c0 >= 97 && c0 <= 122) && t.text !== 'According') continue;
    const l = c0 >= 97 ? t.text : t.text.toLowerCase();
    if (l === 'according' && tokens[i + 1]?.text.toLowerCase() === 'to') {
      const src = phraseAfter(tokens, i + 2, text);
      cues.push({ index: i, start: t.start, end: tokens[i + 1]!.end, text: 'according to', core: true, source: src });
      i++;
      continue;
    }
    if ((l === 'went' || l === 'goes' || l === 'go') && tokens[i + 1]?.text.toLowerCase() === 'on') {
      let j = i;
      while (j > 0 && SKIP_BACK.test(tokens[j - 1]!.text)) j--;
      const src = j > 0 ? phraseBefore(tokens, j, text) : null;
      cues.push({ index: i, start: t.start, end: tokens[i + 1]!.end, text: `${t.text} on`, core: true, source: src });
      i++;
      continue;
    }
    if (BACK_VERBS.has(l) && tokens[i + 1]?.text === 'back') {
      // "X shot back", "fired back", "hit back": a retort, whose speaker stands before the verb.
      let j = i;
      while (j > 0 && SKIP_BACK.test(tokens[j - 1]!.text)) j--;
      const src = j > 0 ? phraseBefore(tokens, j, text) : null;
      cues.push({ index: i, start: t.start, end: tokens[i + 1]!.end, text: `${t.text} back`, core: true, source: src });
      i++;
      continue;
    }
    if (l === 'put' && tokens[i + 1]?.text === 'it') {
      // "as X put it"
      const src = i > 0 ? phraseBefore(tokens, i, text) : null;
      cues.push({ index: i, start: t.start, end: tokens[i + 1]!.end, text: 'put it', core: false, source: src });
      i++;
      continue;
    }
    if (!SPEECH_VERBS.has(l)) continue;
    // "said" as part of a noun phrase ("the said", "a report") or a capitalised heading word is not a cue.
    if (t.text[0] !== l[0]) continue;
    // "Doe, when asked about it, …", "she was told": the subject of a passive is the hearer.
    if (PASSIVE_HEARD.has(l) && i > 0 && PASSIVE_BEFORE.test(tokens[i - 1]!.text)) continue;
    const core = CORE_SPEECH_VERBS.has(l);
    let src: SourcePhrase | null = null;
    let relative = false;
    let negated = false;
    if (ING_OR_PARTICIPLE.test(l)) {
      // "footage of X saying" names the speaker right before; "…, stating:" means the clause's subject.
      const before = i > 0 && tokens[i - 1]!.text !== ',' ? phraseBefore(tokens, i, text) : null;
      src = before && before.kind === 'person' ? before : subject();
    } else {
      let j = i;
      while (j > 0 && SKIP_BACK.test(tokens[j - 1]!.text)) j--;
      src = j > 0 ? phraseBefore(tokens, j, text) : null;
      for (let k = j; k < i; k++) if (NEGATION.test(tokens[k]!.text)) negated = true;
      if (j > 0 && /^(?:declined|refused|failed)$/.test(tokens[j - 1]!.text) && tokens[j]?.text === 'to') negated = true;
      // "X said Y would call it …": a speech act someone only might perform reports nothing; the
      // quotation stays with the speaker who reported it.
      if (src && i > 0 && MODAL.test(tokens[i - 1]!.text) && cues.some((c) => c.source && c.end <= src!.start)) src = null;
      // Base forms that are also nouns ("Battleground state", "a post") need a pronoun or plural subject.
      if (BASE_NOUNISH.has(l) && !baseFormSubject(src, text)) continue;
      // A possessive source makes the cue a noun: only "X's claim that …" reports speech ("Editor's note" does not).
      if (src && /['’]s?$/.test(src.text) && tokens[i + 1]?.text !== 'that') continue;
      // "what X says his plan would do": a cue inside a relative clause reports nothing by itself.
      if (src && src.kind !== 'pronoun') {
        let before: Token | undefined;
        for (let k = i - 1; k >= 0; k--) {
          if (tokens[k]!.end <= src.start) {
            before = tokens[k];
            break;
          }
        }
        if (before && /^(?:what|how|whatever|whom|which)$/i.test(before.text)) relative = true;
      }
      if (NOUNISH.has(l) && (!src || (src.kind !== 'person' && src.kind !== 'pronoun' && src.kind !== 'org') || /(?:an|ic|ish|ese)$/.test(src.text))) continue;
      // "…," said X: only right after a quotation, a comma or a dash does the speaker follow the verb.
      const prevTok = j > 0 ? tokens[j - 1]!.text : '';
      if (!src && INVERTING.has(l) && (j === 0 || /^[,"”“—–―:]$/.test(prevTok))) {
        // Only when the phrase ends the clause ("…," said X. / said X, a spokesman): "said the visit was" is not.
        const after = phraseAfter(tokens, i + 1, text);
        let next: Token | undefined;
        for (let k = i + 1; after && k < tokens.length; k++) {
          if (tokens[k]!.start >= after.end) {
            next = tokens[k];
            break;
          }
        }
        if (after && (!next || !/^(?:was|is|were|are|has|had|have|would|will|could|should|can|may|might|must|did|does|do|not|that|been|being)$/i.test(next.text))) src = after;
      }
      if (!src && j > 0 && (prevTok === ',' || prevTok === 'and' || prevTok === 'but' ||
        (core && /^[a-z]+$/.test(prevTok) && !PREPOSITIONS.has(prevTok) && !/^(?:the|a|an|of|with)$/.test(prevTok)))) {
        // "X, who …, said" / "Protesters marching through the streets chanted": the clause's subject.
        const subj = subject();
        if (subj && subj.end <= t.start) src = subj;
      }
    }
    cues.push({ index: i, start: t.start, end: t.end, text: t.text, core, source: src, relative, ...(negated ? { negated } : {}) });
  }
  return cues;
}

/** "Doe's claim that …", "X and Y call it …", "they state …": a subject that makes a base form a verb
 * (or a possessed noun cue), unlike a lone capitalised word before a noun ("Battleground state"). */
function baseFormSubject(src: SourcePhrase | null, text: string): boolean {
  if (!src) return false;
  if (src.kind === 'pronoun') return true;
  if (src.kind === 'nominal') return /s$/.test(src.text);
  if (src.kind !== 'person') return false;
  return /['’]s?$/.test(src.text) || src.name!.includes(' ') || /\band\s*$/.test(text.slice(Math.max(0, src.start - 6), src.start));
}
