// Quotation marks that hold no one's words: titles of shows and writing, named events, nicknames.
import type { QuotedSpan } from '../text/quote-marks.ts';
import { isCapitalized } from './tokens.ts';

// `a show called "…"`, `the bill, known as "…"`: a noun (not a speaker) before a naming verb.
const NAMED_THING = /\b(?!(?:he|she|they|we|you|who|it|has|have|had|once|also|what)\b)[a-z]+,?\s+(?:called|named|known as)\s*$/;

/** `on "Meet the Nation"`, `told "Morning Show"`, `NBC's "Nightly Report"`: the marks name a show or work. */
export function namesAWork(text: string, sp: QuotedSpan): boolean {
  const open = sp.openMark >= 0 ? sp.openMark : sp.start;
  const before = text.slice(Math.max(0, open - 24), open);
  return /(?:\b(?:on|to|told|at|of|in|the|a|an|his|her|their|its|our|my|your|watching|watched|hosted|host|show|program|programme|titled|entitled|book|film|movie|song|album)|['’]s)\s*$/i.test(before) || NAMED_THING.test(before);
}

/** The marks hold the title of a piece of writing: `Jane Doe's commentary, "…"`, `an essay titled "…"`. */
export function titlesAWork(text: string, sp: QuotedSpan): boolean {
  const open = sp.openMark >= 0 ? sp.openMark : sp.start;
  const before = text.slice(Math.max(0, open - 30), open);
  return /\b(?:column|commentary|op-ed|essay|article|editorial|piece|book|memoir|novel|film|movie|documentary|song|album|series|episode|poem|podcast),\s*$|\b(?:titled|entitled|headlined)\s*$|(?<!\b(?:he|she|they|we|I|you|who|whom)\s+)\bdubbed\s*$/i.test(before) ||
    // An email's subject line is a label, not the sender's speech: `with the subject line "…"`, `Subject: "…"`.
    /\bsubject(?:\s+line)?(?:\s+(?:of|reading|read|that read))?\s*:?\s*$/i.test(before);
}

/** A nickname between a first and a last name: `Marcia "Cia" Price`. */
export function isNickname(text: string, sp: QuotedSpan): boolean {
  if (sp.openMark < 0 || sp.closeMark < 0) return false;
  const before = text.slice(Math.max(0, sp.openMark - 20), sp.openMark);
  const after = text.slice(sp.closeMark + 1, sp.closeMark + 20);
  // Punctuation inside the marks ends a clause (`called Doe "unhinged." Roe said`): words, not a name.
  if (/[.,;:!?]$/.test(text.slice(sp.start, sp.end))) return false;
  return /\b[A-Z][a-z]+\s$/.test(before) && /^\s[A-Z][a-z]+/.test(after);
}

export function isTitleLike(text: string, start: number, end: number): boolean {
  const words = text.slice(start, end).match(/[A-Za-z][A-Za-z'’]*/g) ?? [];
  if (words.length < 2 || words.length > 8) return false;
  const small = /^(?:a|an|the|of|and|or|in|on|to|for|at|by|with|from|is|vs)$/;
  return words.every((w, i) => isCapitalized(w) || (i > 0 && small.test(w)));
}

// Verbs that pin a description on someone or something: `described X as "…"`, `hailed X as "…"`.
const DESCRIBE_AS = /\b(?:describ|referr?|reference|hail|blast|brand|denounc|derid|dismiss|slamm?|mock|characteri[sz]|portray|label|criticiz|criticis|attack|prais|tout|paint|cast|condemn|depict|deride|admir|regard|view|sees|saw|pound|target|ridicul|assail|lambast|smear|(?:go|goes|going|gone|went) after)[a-z]*\b(?: to)?[^.!?"“”;]{0,50}\bas\s+(?:(?:an?|the)\s+)?$/i;
// `she called it a "…"`, `Doe dubbed him "…"`: a speaker (pronoun, name, relative or adverb) before a naming verb.
// `a show called "…"` (a noun before the verb) names a thing, and stays out.
const CALLED = /(?:\b(?:he|she|they|I|we|you|who|what\s+\w+|has|have|had|and|to|would|will|did|not|never|even|once|also|repeatedly|publicly|recently|then|later|often)|\b[A-Z][\w’'-]+)\s+(?:call(?:s|ed|ing)?|dub(?:s|bed)|label(?:s|l?ed)|brand(?:s|ed)|term(?:s|ed)|nicknamed)\s+(?:[\w’'-]+\s+){0,3}?(?:(?:an?|the)\s+)?$/;
// `calling him a "…"`, `called the plan a "…"`: a naming verb with its object before the term is
// someone naming something; only right before the marks (`a show called "…"`) does it name a thing.
const CALLED_OBJECT = /(?<!so-)\b(?:call(?:s|ed|ing)?|dub(?:s|bed|bing)|label(?:s|l?ed|l?ing)|brand(?:s|ed|ing)|term(?:s|ed|ing)|nicknamed)\s+(?!(?:by|for|on|in|at|from|to|of|with|about|over)\s)(?!(?:an?|the)\s+$)(?:(?!(?:Q|is|was|are|were|be|been|has|had|have|will|would)\s)[\w’'-]+\s+){1,5}?(?:(?:an?|the)\s+)?$/;
// `it was labeled "…"`, `the claim was rated "…"`: a verdict, which someone gave.
const VERDICT = /\b(?:was|were|is|are|been|be)\s+(?:labell?ed|branded|rated|deemed)\s+(?:as\s+)?$/i;
// A speech verb earlier in the same clause: `saying he would "never"`, `said the delay was "justified"`.
const SPEECH_IN_CLAUSE = /\b(?:said|says|saying|say|told|tells|telling|argued|argues|arguing|claimed|claims|claiming|insisted|insists|warned|warns|warning|declared|declares|proclaimed|vowed|vows|promised|promises|predicted|wrote|writes|tweeted|tweets|added|adds|stated|states|contended|maintained|asserted|chanting|chanted|shouted|shouting|fear(?:ed|s)?|cited|cites|ruled|rules|concluded|concludes|referenced|mentioned|invoked|quoted)\b[^.!?"“”;:]{0,60}$/i;
// `likened the plan to "…"`, `accused them of being "…"`: a comparison or charge someone made.
const LIKENED_OR_ACCUSED = /\b(?:(?:likened|likens|likening|compared|compares|comparing)\b[^.!?"“”;]{0,50}\bto|accus(?:e|es|ed|ing)\b[^.!?"“”;]{0,50}\bof(?:\s+being)?)\s+(?:(?:an?|the)\s+)?$/i;
// `the phrase "…"`, `his statement about "…"`: a noun for someone's words introduces them.
const WORDS_NOUN = /\b(?:statement|remark|comment|claim|phrase|word|term|tweet|slogan|promise|pledge|vow|warning|description|characteri[sz]ation|nickname|insult)s?\s+(?:(?:about|of|that)\s+)?(?:(?:an?|the)\s+)?$/i;
// `the four "loopholes" he cited`: a relative clause right after the term says whose word it is.
const ATTRIBUTED_AFTER = /^,?\s+(?:(?:that|which)\s+)?(?:he|she|they|we|I|[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?)\s+(?:(?:had|has|have|once|often|repeatedly|later)\s+)?(?:cited|cites|called|calls|mentioned|described|promised|proposed|touted|coined|demanded|warned of|referred to|refers to|decried|denounced|derided)\b/;

const COORDINATED = /["“][^"“”]{1,80}["”]\s*,?\s*(?:(?:and|or)\s+)?(?:(?:an?|the)\s+)?$/;
// `appeared on "…"`, `NBC's "…"`: the marks name a programme or work even after a speech verb.
const SHOW_BEFORE = /(?:\b(?:on|watching|watched|hosted|host|show|program|programme|titled|entitled|book|film|movie|song|album|known as)|['’]s)\s*$/i;

/** `the "loopholes" he cited`: the relative clause after the closing mark names who used the term. */
export function citedAfter(text: string, sp: QuotedSpan): boolean {
  const close = sp.closeMark >= 0 ? sp.closeMark + 1 : sp.end;
  return ATTRIBUTED_AFTER.test(text.slice(close, close + 60));
}

/**
 * The sentence says someone used these words: a short quoted term after `called`, `described … as`,
 * `was labeled` or a speech verb in the same clause is a partial quote, not a scare quote or a title.
 */
export function isAttributedTerm(text: string, sp: QuotedSpan, titleLike: boolean): boolean {
  const open = sp.openMark >= 0 ? sp.openMark : sp.start;
  if (!titleLike && citedAfter(text, sp)) return true;
  let before = text.slice(Math.max(0, open - 120), open).split('\n').pop() ?? '';
  if (SHOW_BEFORE.test(before)) return false;
  // `as "A" and "B"`: a term coordinated with earlier quoted terms shares their attribution.
  for (let m = COORDINATED.exec(before); m; m = COORDINATED.exec(before)) before = before.slice(0, m.index);
  // Earlier quoted words in the clause do not end it: `ruled that his claim about "…" is "…"`.
  before = before.replace(/["“][^"“”]{1,80}["”]/g, 'Q');
  if (DESCRIBE_AS.test(before) || CALLED.test(before) || CALLED_OBJECT.test(before) || VERDICT.test(before) || LIKENED_OR_ACCUSED.test(before) || WORDS_NOUN.test(before)) return true;
  // A speech verb further back is weaker evidence: `told the "Morning Hour" show` names a show.
  if (!SPEECH_IN_CLAUSE.test(before)) return false;
  if (!titleLike) return true;
  const close = sp.closeMark >= 0 ? sp.closeMark + 1 : sp.end;
  // A title-like term after a speech verb names a show or outlet when an article, preposition or
  // possessive stands before it or a programme word after it (`told the "Morning Hour" show`).
  return !/\b(?:the|to|told|at|in|on|about|for|from|his|her|their|its|our|my|your)\s+(?:an?\s+)?$/i.test(before) &&
    !/^\s*(?:show|program|programme|interview|broadcast|podcast|radio|newspaper|column|forum|event)\b/i.test(text.slice(close, close + 20));
}
