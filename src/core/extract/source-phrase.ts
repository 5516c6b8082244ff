// Reads the noun phrase that names a source next to a speech cue: "Kremlin spokesman Ivan Petrov",
// "Sen. Jane Doe (R-Texas)", "the Prime Minister", "a senior source", "he", "The New York Post".
import { HONORIFICS, NOT_NAME_WORDS, ORG_WORDS, PRONOUNS, ROLE_TITLES, UNNAMED_SOURCE_HEADS } from './lexicon.ts';
import { isDemonym, PLACES } from './places.ts';
import { isCapitalized, isPossessive, stripPossessive, type Token } from './tokens.ts';
import { BoundedMemo } from '../util/memo.ts';

export type PhraseKind = 'pronoun' | 'person' | 'org' | 'nominal';

export interface SourcePhrase {
  kind: PhraseKind;
  start: number;
  end: number;
  /** The phrase as written. */
  text: string;
  /** For people: the name without honorific or role ("Ivan Petrov"); for orgs the name as written. */
  name: string | null;
  /** Role words written before or beside the name ("Kremlin spokesman"). */
  role: string | null;
  honorific: string | null;
  /** For pronouns: the pronoun, lower-cased. */
  pronoun: string | null;
}

const DETERMINERS = new Set(['the', 'a', 'an', 'one', 'another', 'two', 'three', 'several', 'some', 'many', 'his', 'her',
  'their', 'its', 'our', 'other', 'both', 'most', 'few', 'these', 'those', 'multiple', 'numerous', 'four',
  'five', 'more', 'top', 'senior', 'former', 'ex', 'chief', 'deputy', 'press', 'campaign', 'state', 'federal', 'local',
  // "that" and "this" stay out: inside a walk back they are mostly conjunctions ("in Michigan that X said").
  'foreign', 'prime', 'vice', 'general', 'national', 'security', 'defense', 'defence', 'policy', 'political', 'communications',
  'acting', 'interim', 'executive', 'assistant', 'associate', 'managing', 'lead', 'longtime', 'veteran', 'outgoing', 'incoming',
  'anonymous', 'unnamed', 'administration', 'government', 'military', 'intelligence', 'law', 'enforcement', 'congressional',
  'presidential', 'republican', 'democratic', 'gop', 'party', 'white', 'house', 'justice', 'department', 'election',
  'health', 'legal', 'medical', 'news', 'public', 'us', 'u.s.', 'uk', 'eu', 'official', 'familiar', 'close', 'knowledgeable',
  'high-ranking', 'high', 'ranking', 'western', 'european', 'american', 'british', 'russian', 'chinese', 'ukrainian',
  'independent', 'conservative', 'liberal', 'progressive', 'prominent', 'leading', 'key', 'new', 'sitting', 'retired',
  'current', 'then-', 'co', 'founding', 'regional', 'county', 'city', 'town', 'school', 'police', 'fire', 'tech',
  'trade', 'business', 'industry', 'union', 'labor', 'labour', 'world', 'global', 'international', 'human', 'rights',
  'civil', 'environmental', 'economic', 'financial', 'budget', 'tax', 'energy', 'climate', 'education', 'immigration',
  'border', 'homeland', 'army', 'navy', 'air', 'force', 'marine', 'nuclear', 'foreign-policy', 'national-security',
]);
export const PREPOSITIONS = new Set(['through', 'in', 'at', 'on', 'of', 'from', 'to', 'with', 'by', 'for', 'into', 'over',
  'under', 'near', 'across', 'around', 'outside', 'inside', 'about', 'after', 'before', 'during', 'against', 'among', 'between']);
const OPENING_DETERMINER = /^(?:the|a|an|one|another|two|three|several|some|many|most|other)$/i;
/** Words that cannot head a noun phrase (verbs, adverbs) even after a determiner. */
const SPEECH_LIKE = /(?:ly|ed|ing)$/;
const NAME_PARTICLES = new Set(['de', 'van', 'von', 'der', 'den', 'bin', 'al', 'la', 'le', 'da', 'di', 'del', 'du', 'dos', 'ibn', 'ter']);
const SUFFIXES = new Set(['Jr.', 'Sr.', 'Jr', 'Sr', 'II', 'III', 'IV']);
/** Domains written after "Secretary of …" and the like, part of the role not the name. */
const ROLE_DOMAINS = new Set(['State', 'Defense', 'Defence', 'Homeland', 'Security', 'Energy', 'Health', 'Education',
  'Labor', 'Treasury', 'Commerce', 'Agriculture', 'Transportation', 'Interior', 'Veterans', 'Affairs', 'Housing',
  'Justice', 'Staff', 'Communications', 'the', 'Human', 'Services', 'Urban', 'Development', 'Policy', 'Operations',
  'Intelligence', 'National', 'Joint', 'Chiefs', 'Armed', 'Forces', 'Exchequer', 'Commons', 'Lords', 'Foreign', 'Strategy']);

function lower(t: Token): string {
  return t.text.toLowerCase();
}

const titleMemo = new BoundedMemo<string, boolean>(50_000);

function isTitleWord(t: string): boolean {
  return titleMemo.getOr(t, computeTitleWord);
}

function computeTitleWord(t: string): boolean {
  const l = t.toLowerCase();
  return HONORIFICS.has(l) || ROLE_TITLES.has(l) || ROLE_TITLES.has(l.replace(/\.$/, '')) || (l.length > 4 && ROLE_TITLES.has(l.replace(/s$/, '')));
}

function isNameToken(t: Token): boolean {
  const s = stripPossessive(t.text);
  // "Twenty-seven states": spelled numbers are not names.
  if (NOT_NAME_WORDS.has(s.split('-')[0]!)) return false;
  return isCapitalized(s) && !NOT_NAME_WORDS.has(s) && !/^[A-Z]\.?$/.test(s) || /^[A-Z]\.$/.test(t.text);
}

function acceptsInPhrase(t: Token): boolean {
  const l = lower(t);
  if (isCapitalized(t.text)) return !NOT_NAME_WORDS.has(stripPossessive(t.text)) || l === 'the' || l === 'a' || l === 'an' || HONORIFICS.has(l) || l === 'former' || l === 'senior' || l === 'first' || l === 'new';
  return DETERMINERS.has(l) || ROLE_TITLES.has(l) || UNNAMED_SOURCE_HEADS.has(l) || NAME_PARTICLES.has(l) ||
    /^[a-z]+-(?:in-chief|elect)$/.test(l) || /^[a-z]+-(?:run|owned|backed|based|level|ranking|appointed|affiliated|funded|aligned)$/.test(l) || l === '-' || l === '&';
}

/**
 * Parses the phrase that ends at tokens[end - 1] (walking backwards), e.g. the subject before
 * "said". Skips a trailing parenthesis ("(R-Texas)") and an apposition between commas.
 */
export function phraseBefore(tokens: readonly Token[], end: number, text: string): SourcePhrase | null {
  let i = end - 1;
  // "(R-Texas)" or "(D-Wis.)" between the name and the verb.
  if (i >= 0 && tokens[i]!.text === ')') {
    let j = i;
    while (j >= 0 && tokens[j]!.text !== '(') j--;
    if (j > 0 && i - j <= 8) i = j - 1;
  }
  let appositionName: SourcePhrase | null = null;
  if (i >= 0 && tokens[i]!.text === ',') {
    // "X, the mayor of Y, said": the name stands before the apposition.
    let j = i - 1;
    while (j >= 0 && tokens[j]!.text !== ',' && i - j <= 12) j--;
    if (j > 0 && tokens[j]!.text === ',') {
      const named = phraseBackwards(tokens, j, text);
      const appos = phraseBackwards(tokens, i, text);
      if (named && (named.kind === 'person' || named.kind === 'org') && appos && appos.start === tokens[j + 1]!.start) {
        if (named.kind === 'person' && appos.kind === 'nominal') named.role ??= appos.text.replace(/^(?:the|a|an)\s+/i, '');
        return named;
      }
      if (named && named.kind === 'person') appositionName = named;
      // "X's aide, Ilya Petrenko, said": the name between the commas is the speaker.
      if (!appositionName && appos && appos.kind === 'person' && appos.start === tokens[j + 1]!.start) return appos;
    }
    return appositionName;
  }
  return phraseBackwards(tokens, i + 1, text);
}

function phraseBackwards(tokens: readonly Token[], end: number, text: string): SourcePhrase | null {
  let i = end - 1;
  if (i < 0) return null;
  const last = tokens[i]!;
  const lp = lower(last);
  if (PRONOUNS.has(lp) && lp !== 'one' && lp !== 'her' && lp !== 'his' && lp !== 'him') {
    return { kind: 'pronoun', start: last.start, end: last.end, text: last.text, name: null, role: null, honorific: null, pronoun: lp };
  }
  let start = end;
  let count = 0;
  // "the New York businessman": an ordinary noun heads the phrase when a determiner opens it.
  if (!acceptsInPhrase(last) && /^[a-z]+$/.test(last.text) && !SPEECH_LIKE.test(last.text)) {
    let j = i - 1;
    while (j >= 0 && i - j <= 5 && acceptsInPhrase(tokens[j]!) && !OPENING_DETERMINER.test(tokens[j]!.text)) j--;
    if (j >= 0 && OPENING_DETERMINER.test(tokens[j]!.text) && j < i) {
      // "marching through the streets chanted": the object of a preposition is not the speaker.
      if (j > 0 && PREPOSITIONS.has(tokens[j - 1]!.text.toLowerCase())) return null;
      return classify(tokens.slice(j, end), text);
    }
  }
  while (i >= 0 && count < 9) {
    const t = tokens[i]!;
    if (!acceptsInPhrase(t)) {
      // "Secretary of State X", "director of the FBI": "of" joins two parts of one phrase.
      if ((lower(t) === 'of' || lower(t) === 'for') && i > 0 && start < end && isTitleWord(stripPossessive(tokens[i - 1]!.text))) {
        i--;
        count++;
        continue;
      }
      break;
    }
    // A possessive ends a phrase only if it is the head ("Doe's campaign" keeps both parts).
    start = i;
    i--;
    count++;
  }
  if (start >= end) return null;
  return classify(tokens.slice(start, end), text);
}

/** Parses the phrase that starts at tokens[from] (the source after an inverted "said"). */
export function phraseAfter(tokens: readonly Token[], from: number, text: string): SourcePhrase | null {
  let i = from;
  const first = tokens[i];
  if (!first) return null;
  const lf = lower(first);
  if (PRONOUNS.has(lf) && lf !== 'her' && lf !== 'his' && lf !== 'one') {
    return { kind: 'pronoun', start: first.start, end: first.end, text: first.text, name: null, role: null, honorific: null, pronoun: lf };
  }
  let end = i;
  while (i < tokens.length && i - from < 9) {
    const t = tokens[i]!;
    if (!acceptsInPhrase(t) && !(lower(t) === 'of' && i > from && isTitleWord(tokens[i - 1]!.text) && tokens[i + 1] && isCapitalized(tokens[i + 1]!.text))) {
      // "conservative talk radio host X": plain modifiers before a role word or a name belong to the phrase.
      const skip = modifiersBeforeHead(tokens, i);
      if (skip > 0) {
        i += skip;
        continue;
      }
      break;
    }
    i++;
    end = i;
    if (isPossessive(t.text) && tokens[i] && !isCapitalized(tokens[i]!.text) && !acceptsInPhrase(tokens[i]!)) break;
  }
  // "said the New York businessman": take the ordinary noun that heads a determined phrase.
  const head = tokens[end];
  const lastIn = tokens[end - 1];
  const open = !!lastIn && (isCapitalized(lastIn.text) || (DETERMINERS.has(lastIn.text.toLowerCase()) && !UNNAMED_SOURCE_HEADS.has(lastIn.text.toLowerCase())));
  if (end > from && open && /^(?:the|a|an)$/i.test(first.text) && head && /^[a-z]+$/.test(head.text) && !SPEECH_LIKE.test(head.text) &&
    !/^(?:of|in|on|at|to|for|with|who|that|and|or|but|is|was|has|had|will|would|said|says)$/.test(head.text)) end++;
  if (end <= from) return null;
  return classify(tokens.slice(from, end), text);
}

/** How many plain lower-case words at `i` lead to a role word or a name (0 when they do not). */
function modifiersBeforeHead(tokens: readonly Token[], i: number): number {
  for (let k = i; k < tokens.length && k - i < 3; k++) {
    const t = tokens[k]!;
    if (!/^[a-z]+$/.test(t.text) || PREPOSITIONS.has(t.text) || SPEECH_LIKE.test(t.text) || /^(?:and|or|but|that|who|which|is|was|has|had|said|says)$/.test(t.text)) {
      if (k > i && (isCapitalized(t.text) || isTitleWord(t.text))) return k - i;
      return 0;
    }
    const next = tokens[k + 1];
    if (next && (isTitleWord(next.text) || isCapitalized(next.text))) return k - i + 1;
  }
  return 0;
}

/** Decides what a phrase names and splits it into role, honorific and name. */
export function classify(toks: readonly Token[], text: string): SourcePhrase | null {
  // Drop leading conjunction-like words the walk may have swept in.
  let a = 0;
  while (a < toks.length && toks.length - a > 1 && (/^(?:and|or|but|that|this|these|those)$/i.test(toks[a]!.text) ||
    (NOT_NAME_WORDS.has(stripPossessive(toks[a]!.text)) && !HONORIFICS.has(toks[a]!.text.toLowerCase()) && !/^(?:The|A|An|Former|Senior|First|New)$/.test(toks[a]!.text)))) a++;
  toks = toks.slice(a);
  if (toks.length === 0) return null;
  const start = toks[0]!.start;
  const end = toks[toks.length - 1]!.end;
  const asWritten = text.slice(start, end);
  const lastTok = toks[toks.length - 1]!;
  // The name is the trailing run of capitalised tokens after the last title or role word.
  let n = toks.length;
  while (n > 0 && SUFFIXES.has(toks[n - 1]!.text)) n--;
  let k = n;
  while (k > 0) {
    const t = toks[k - 1]!;
    const bare = stripPossessive(t.text);
    if (isTitleWord(bare)) break;
    // "Secretary of State Jane Doe": the domain after "of" belongs to the role.
    if (ROLE_DOMAINS.has(bare) && k >= 2 && toks[k - 2]!.text.toLowerCase() === 'of') break;
    if (!(isNameToken(t) || (NAME_PARTICLES.has(t.text) && k < n))) break;
    if (k < n && isPossessive(t.text)) break;
    k--;
  }
  const nameToks = toks.slice(k, toks.length);
  const before = toks.slice(0, k);
  const headIsName = nameToks.length > 0 && k < n;
  if (!headIsName) {
    // No name at the end: a nominal source ("the Prime Minister", "officials") or a bare title.
    const words = toks.map((t) => t.text);
    const head = stripPossessive(lastTok.text).toLowerCase();
    if (DETERMINERS.has(head) || PRONOUNS.has(head)) return null;
    const determined = /^(?:the|a|an|one|another)$/i.test(toks[0]!.text) && toks.length > 1;
    if (!determined && !UNNAMED_SOURCE_HEADS.has(head) && !isTitleWord(head) && !ROLE_TITLES.has(head) && !/s$/.test(head)) return null;
    return { kind: 'nominal', start, end, text: asWritten, name: null, role: words.join(' ').replace(/^(?:the|a|an)\s+/i, ''), honorific: null, pronoun: null };
  }
  const nameText = text.slice(nameToks[0]!.start, lastTok.end).replace(/['’]s?$/, '');
  // A run of words in capitals is a headline, not a name.
  if (nameToks.length >= 2 && nameToks.every((t) => /^[A-Z][A-Z'’.\-]+$/.test(t.text))) return null;
  const lowerNameWords = nameToks.map((t) => stripPossessive(t.text).toLowerCase());
  const prev = before[before.length - 1];
  const prevLower = prev ? prev.text.toLowerCase() : '';
  const honorific = prev && HONORIFICS.has(prevLower) ? prev.text : null;
  const roleToks = honorific ? before.slice(0, -1) : before;
  const roleText = roleToks.filter((t) => !/^(?:the|a|an)$/i.test(t.text)).map((t) => t.text).join(' ') || null;
  // A lone word with digits or in capitals ("No10", "NATO"), a place ("Mexico said") or a group
  // ("Republicans") names an organisation or place, not a person.
  const lone = nameToks.length === 1 && !honorific && !roleText &&
    (/\d/.test(nameText) || /^[A-Z]{2,}$/.test(nameText));
  // A title right before the name ("Finance Minister Lena Park") makes it a person whatever the surname.
  const titled = !!honorific || (!!prev && isTitleWord(stripPossessive(prev.text)));
  const lastName = stripPossessive(nameToks[nameToks.length - 1]!.text);
  const place = !titled && (PLACES.has(lastName) || isDemonym(lastName));
  const isOrg = place || !titled && (lone || lowerNameWords.some((w) => ORG_WORDS.has(w))) ||
    (!honorific && !roleText && (prevLower === 'the' || toks[0]!.text === 'The') && nameToks.length >= 1);
  if (isOrg) {
    return { kind: 'org', start, end, text: asWritten, name: asWritten.replace(/['’]s?$/, ''), role: null, honorific: null, pronoun: null };
  }
  return { kind: 'person', start, end, text: asWritten, name: nameText, role: roleText, honorific, pronoun: null };
}
