// Quotes with their speakers: quoted spans (direct or partial) attributed through the cues around
// them, reported speech without quotation marks (indirect), in reading order so pronouns and role
// nouns resolve against what the text has said so far.
import type { Article, Quote, QuoteKind, Segmentation, Sentence, Speaker } from '../model.ts';
import type { SentenceInfo } from './sentence-info.ts';
import { scanQuotes, type QuotedSpan } from '../text/quote-marks.ts';
import { findCues, type Cue } from './attribution.ts';
import type { People, PersonRecord } from './people.ts';
import { resolveSpeaker, type ResolvedSpeaker } from './speakers.ts';
import { classify, phraseAfter, phraseBefore, PREPOSITIONS, type SourcePhrase } from './source-phrase.ts';
import { NOT_NAME_WORDS, ROLE_TITLES, SPEECH_VERBS, UNNAMED_SOURCE_HEADS } from './lexicon.ts';
import { isCapitalized, tokenize, type Token } from './tokens.ts';
import { countWords, onlySpaceBetween } from '../text/words.ts';
import { indirectQuote } from './indirect.ts';
import { citedAfter, isAttributedTerm, isNickname, isTitleLike, namesAWork, titlesAWork } from './not-quotes.ts';
import { sentenceSubject } from './subject.ts';


const TRANSCRIPT_LABEL = /^([A-Z][A-Z'’.\-]+(?: [A-Z][A-Z'’.\-]+){0,2}):\s+/;

/** What the reading of one article carries from sentence to sentence. */
interface ReadingState {
  article: Article;
  text: string;
  /** The text with the words inside quotation marks masked out. */
  masked: string;
  seg: Segmentation;
  spans: readonly QuotedSpan[];
  spanIndex: ReadonlyMap<QuotedSpan, number>;
  spanSpeaker: Map<QuotedSpan, ResolvedSpeaker | null>;
  sentenceStarts: ReadonlySet<number>;
  people: People;
  quotes: Quote[];
  infos: SentenceInfo[];
  lastSpeaker: ResolvedSpeaker | null;
  lastSpeakerParagraph: number;
  /** The next span not yet given to a sentence. */
  spanIdx: number;
  /** The first span that may still hold the current sentence (for indirect speech). */
  spanCursor: number;
}

/** A quote the sentence already holds: later short terms in the sentence share its attribution. */
type SentenceCue = { speaker: ResolvedSpeaker | null; cue: string } | null;

export function extractQuotes(article: Article, seg: Segmentation, people: People): Quote[] {
  const text = article.text;
  const { spans } = scanQuotes(text, seg.paragraphs);
  const st: ReadingState = {
    article, text, masked: maskSpans(text, spans), seg, spans,
    spanIndex: new Map(spans.map((sp, i) => [sp, i] as const)),
    spanSpeaker: new Map(),
    sentenceStarts: new Set(seg.sentences.map((x) => x.start)),
    people, quotes: [], infos: [],
    lastSpeaker: null, lastSpeakerParagraph: -10, spanIdx: 0, spanCursor: 0,
  };
  const sentences = seg.sentences;
  for (let si = 0; si < sentences.length; si++) {
    const s = sentences[si]!;
    people.decay();
    const info = readSentence(st, s);
    st.infos.push(info);
    const sentenceSpans = spansOpeningIn(st, s);
    let cuedInSentence: SentenceCue = null;
    for (const sp of sentenceSpans) {
      if (transcriptLine(st, sp, s, si)) continue;
      cuedInSentence = quotedSpan(st, sp, info, s, si, cuedInSentence);
    }
    reportedSpeech(st, info, s, sentenceSpans.length > 0);
  }
  return st.quotes;
}

/** Tokens, speech cues and their resolved speakers for one sentence; counts the people it mentions. */
function readSentence(st: ReadingState, s: Sentence): SentenceInfo {
  const { masked, people } = st;
  const tokens = tokenize(masked, s.start, s.end);
  let subjectCache: SourcePhrase | null | undefined;
  const subject = (): SourcePhrase | null => {
    if (subjectCache === undefined) subjectCache = sentenceSubject(tokens, masked);
    return subjectCache;
  };
  const cues = findCues(tokens, masked, subject);
  countMentions(tokens, masked, people, subject());
  const info: SentenceInfo = { sentence: s, tokens, cues, resolved: new Map(), subject: subject() };
  for (const c of cues) {
    if (!c.source) continue;
    info.resolved.set(c.index, resolveCue(st, c, info, subject()));
  }
  return info;
}

/** The speaker a cue's source phrase means, read against the sentence's subject. */
function resolveCue(st: ReadingState, c: Cue, info: SentenceInfo, subj: SourcePhrase | null): ResolvedSpeaker | null {
  const { people } = st;
  const tokens = info.tokens;
  const source = c.source!;
  let r: ResolvedSpeaker | null = null;
  // "Doe says she …": a pronoun later in the sentence whose subject is a person means that person.
  if (source.kind === 'pronoun' && subj && subj.kind === 'person' && subj.end <= source.start && /^(?:he|she)$/.test(source.pronoun ?? '') &&
    !nameBetween(tokens, subj.end, source.start)) {
    const sr = resolveSpeaker(subj, people, subj.start, st.lastSpeaker);
    const g = source.pronoun === 'he' ? 'm' : 'f';
    if (sr?.person && (!sr.person.gender || sr.person.gender === g)) {
      sr.person.pronounVotes[g]++;
      r = { person: sr.person, speaker: { ...sr.speaker, mention: source.text } };
    }
  }
  // "after he admitted": a pronoun in a subordinate clause may mean someone other than the subject.
  const prevTok = tokens[tokens.findIndex((t) => t.start === source.start) - 1];
  const subordinate = !!prevTok && /^(?:after|before|when|while|because|as|although|though|since|if|until|once|unless|whether)$/i.test(prevTok.text);
  r ??= resolveSpeaker(source, people, c.start, st.lastSpeaker, !subordinate);
  return r;
}

/** The quoted spans that open in this sentence (or at the mark just before it). */
function spansOpeningIn(st: ReadingState, s: Sentence): QuotedSpan[] {
  const out: QuotedSpan[] = [];
  while (st.spanIdx < st.spans.length && st.spans[st.spanIdx]!.start < s.end) {
    const sp = st.spans[st.spanIdx]!;
    if (sp.start >= s.start - 1) out.push(sp);
    st.spanIdx++;
  }
  return out;
}

/** A quoted transcript line ("DOE: Well, …") names its own speaker. Returns whether the span was one. */
function transcriptLine(st: ReadingState, sp: QuotedSpan, s: Sentence, si: number): boolean {
  const label = TRANSCRIPT_LABEL.exec(st.text.slice(sp.start, sp.start + 40));
  if (!label) return false;
  const name = label[1]!.toLowerCase().replace(/\b[a-z]/g, (c) => c.toUpperCase());
  const p = st.people.resolve(name, sp.start);
  p.quotes++;
  st.people.raise(p, 3);
  const start = sp.start + label[0].length;
  const speaker: ResolvedSpeaker = { person: p, speaker: { name: p.name, personId: p.id, role: p.roles[0] ?? null, mention: label[1]! } };
  st.spanSpeaker.set(sp, speaker);
  st.lastSpeaker = speaker;
  st.lastSpeakerParagraph = sp.paragraph;
  if (sp.end > start) st.quotes.push(makeQuote(st.article, st.quotes.length, 'direct', start, sp.end, sp.paragraph, sentenceSpan(sp, s, st.seg.sentences, si), speaker.speaker, null));
  return true;
}

/** Attributes one quoted span and keeps it as a quote unless it is a term, title or scare quote.
 * Returns the sentence's cue for the quotes after it. */
function quotedSpan(st: ReadingState, sp: QuotedSpan, info: SentenceInfo, s: Sentence, si: number, cuedInSentence: SentenceCue): SentenceCue {
  const { text, masked, people } = st;
  const sentences = st.seg.sentences;
  const closeInfo = sentenceIndexAt(sp.closeMark >= 0 ? sp.closeMark : sp.end, si, sentences);
  const resolve = (ph: SourcePhrase): ResolvedSpeaker | null => resolveSpeaker(ph, people, ph.start, st.lastSpeaker);
  const r = attribute(sp, info, closeInfo, sentences, masked, resolve);
  let cue: string | null = r?.cue || null;
  let speaker = r?.speaker ?? null;
  const outlet = speaker && r?.cue ? reportingOutlet(info, speaker) : null;
  if (outlet) speaker = outlet;
  if (!speaker) {
    const named = commonWordSurname(st, sp);
    if (named) {
      speaker = named.speaker;
      cue = named.cue;
    }
  }
  if (!speaker) {
    speaker = fallbackSpeaker(sp, st.spans, st.spanIndex, st.spanSpeaker, st.lastSpeaker, st.lastSpeakerParagraph, text, st.seg, st.infos, resolve, people);
    cue = null;
  }
  const words = countWords(text, sp.start, sp.end);
  // A short term someone is said to have used (`called it a "…"`) is theirs; other short terms are not quotes.
  const titleLike = isTitleLike(text, sp.start, sp.end);
  // `according to X, … a "…" in which they "looted" …`: what attributes the first quote covers the rest.
  const sharesCue = !!cuedInSentence && !r?.cue && !sp.continued && words <= 6 && !titleLike;
  if (sharesCue && cuedInSentence) {
    speaker = cuedInSentence.speaker;
    cue = cuedInSentence.cue;
  }
  const attributed = sharesCue || secondHalf(sp, st.spans, st.spanIndex, text) || (!sp.continued && words <= 6 && isAttributedTerm(text, sp, titleLike));
  if (attributed && !speaker && citedAfter(text, sp)) speaker = citingSpeaker(sp, masked, s.end, resolve);
  if (notAQuote(text, sp, r, speaker, words, attributed)) return cuedInSentence;
  st.spanSpeaker.set(sp, speaker);
  if (!sp.continued) cuedInSentence = { speaker, cue: cue || r?.cue || '' };
  if (speaker) {
    st.lastSpeaker = speaker;
    st.lastSpeakerParagraph = sp.paragraph;
    if (speaker.person) {
      speaker.person.quotes++;
      people.raise(speaker.person, 3);
    }
  }
  const kind: QuoteKind = isDirect(sp, text, st.seg, st.sentenceStarts) ? 'direct' : 'partial';
  st.quotes.push(makeQuote(st.article, st.quotes.length, kind, sp.start, sp.end, sp.paragraph, sentenceSpan(sp, s, sentences, si), speaker?.speaker ?? null, cue));
  return cuedInSentence;
}

/** `…," Doe said, according to the Daily Ledger.` / `According to the Ledger, Doe said …` / `…, the Ledger
 * reported.`: words the text has from an outlet's or a group's report are credited to that report. */
function reportingOutlet(info: SentenceInfo, speaker: ResolvedSpeaker): ResolvedSpeaker | null {
  for (const c of info.cues) {
    if (!c.source || c.source.kind !== 'org' || c.negated) continue;
    if (c.text !== 'according to' && !/^report(?:s|ed)$/.test(c.text)) continue;
    const r = info.resolved.get(c.index);
    if (r && r.speaker.name !== speaker.speaker.name) return r;
  }
  return null;
}

/** `…," From said.` / `…," Read wrote`: the surname of someone the article has introduced, when it is
 * also a common word that is never read as a name, right after the closing mark and before a speech verb. */
function commonWordSurname(st: ReadingState, sp: QuotedSpan): { speaker: ResolvedSpeaker; cue: string } | null {
  const close = sp.closeMark >= 0 ? sp.closeMark + 1 : sp.end;
  const m = /^,?\s+([A-Z][a-z]+)\s+([a-z]+)\b/.exec(st.masked.slice(close, close + 40));
  if (!m || !SPEECH_VERBS.has(m[2]!) || !NOT_NAME_WORDS.has(m[1]!)) return null;
  const name = m[1]!;
  if (!st.people.knows(name, name)) return null;
  const start = close + m[0].indexOf(name);
  const phrase: SourcePhrase = { kind: 'person', start, end: start + name.length, text: name, name, role: null, honorific: null, pronoun: null };
  const speaker = resolveSpeaker(phrase, st.people, start, st.lastSpeaker);
  return speaker ? { speaker, cue: m[2]! } : null;
}

/** `a "no frills" cafe`: the quoted words are followed by the noun they describe, not by a
 * preposition, conjunction, verb or punctuation that ends their phrase. */
function modifiesNoun(text: string, sp: QuotedSpan): boolean {
  const close = sp.closeMark >= 0 ? sp.closeMark + 1 : sp.end;
  const next = /^\s+([a-z]+)/.exec(text.slice(close, close + 30))?.[1];
  return !!next && !PREPOSITIONS.has(next) && !PHRASE_ENDERS.test(next);
}
const PHRASE_ENDERS = /^(?:and|or|but|as|than|that|which|who|when|while|because|if|is|was|were|are|has|had|have|would|will|could|should|can|may|might|must|did|does|do|not|been|being|be|he|she|they|it|we|said|says)$/;

/** A term, title, scare quote, nickname or stage direction in quotation marks: no one's words. */
function notAQuote(text: string, sp: QuotedSpan, r: Attribution | null, speaker: ResolvedSpeaker | null, words: number, attributed: boolean): boolean {
  if (!speaker && !sp.continued && !r?.cue && !attributed && (words < 4 || isTitleLike(text, sp.start, sp.end))) return true; // a term, title or scare quote
  if (speaker && !r && words === 1 && !sp.continued && !attributed) return true;
  // `Doe's strategy of "massive resistance"`: being the subject of a sentence does not make a short term one's words.
  // A term the subject uses (`Doe decried "systemic racism"`, `dismissed it as a campaign in "disarray"`)
  // is theirs; not a title, nor a term that modifies the noun after it (`her "fresh start" plan`).
  if (r?.bySubject && !sp.continued && words < 4 && !attributed && !(!isTitleLike(text, sp.start, sp.end) && !modifiesNoun(text, sp))) return true;
  if (!sp.continued && words <= 6 && isTitleLike(text, sp.start, sp.end) && (!r?.cue || namesAWork(text, sp)) && !attributed) return true; // a title or name in quotation marks
  if (!sp.continued && words <= 12 && titlesAWork(text, sp)) return true; // `her column, "…"`, `a film titled "…"`
  if (!sp.continued && words <= 2 && isNickname(text, sp)) return true; // Marcia "Cia" Price
  if (/^\([^()]*\)[.,]?$/.test(text.slice(sp.start, sp.end))) return true; // a stage direction: "(CROSSTALK.)"
  if (!sp.continued && words === 1 && !r?.cue && !attributed && /^[A-Z0-9]/.test(text.slice(sp.start, sp.end))) return true;
  return false;
}

/** Reported speech without quotation marks, in a sentence that holds no quoted span. */
function reportedSpeech(st: ReadingState, info: SentenceInfo, s: Sentence, hasSpans: boolean): void {
  const { spans } = st;
  while (st.spanCursor < spans.length && spans[st.spanCursor]!.end <= s.start) st.spanCursor++;
  const inside = st.spanCursor < spans.length && spans[st.spanCursor]!.start <= s.start;
  if (hasSpans || inside) return;
  const indirect = indirectQuote(info, st.text);
  if (!indirect) return;
  const r = info.resolved.get(indirect.cue.index) ?? null;
  if (!r) return;
  if (r.person) {
    r.person.quotes++;
    st.people.touch(r.person, 2);
  }
  st.lastSpeaker = r;
  st.lastSpeakerParagraph = s.paragraph;
  st.quotes.push(makeQuote(st.article, st.quotes.length, 'indirect', indirect.start, indirect.end, s.paragraph, { start: s.start, end: s.end }, r.speaker, indirect.cue.text));
}

function makeQuote(article: Article, n: number, kind: QuoteKind, start: number, end: number, paragraph: number,
  sentence: { start: number; end: number }, speaker: Speaker | null, cue: string | null): Quote {
  return { id: `${article.id}#q${n + 1}`, kind, start, end, text: article.text.slice(start, end), paragraph, sentence, speaker, cue };
}

/** Replaces the words inside quotation marks with NULs (same length), so attribution never reads them. */
function maskSpans(text: string, spans: readonly QuotedSpan[]): string {
  if (spans.length === 0) return text;
  const parts: string[] = [];
  let at = 0;
  for (const sp of spans) {
    parts.push(text.slice(at, sp.start), '\u0000'.repeat(sp.end - sp.start));
    at = sp.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/** "the mayor", "officials": a nominal that names people, not a thing ("the move"). */
function isPeopleNoun(ph: SourcePhrase): boolean {
  if (ph.kind !== 'nominal') return false;
  const head = ph.text.split(/\s+/).pop()!.toLowerCase();
  return UNNAMED_SOURCE_HEADS.has(head) || ROLE_TITLES.has(head);
}

/** The index of the sentence holding `offset`, searching forward from `current`. */
function sentenceIndexAt(offset: number, current: number, sentences: readonly Sentence[]): { sentenceIndex: number } {
  let i = current;
  while (i + 1 < sentences.length && sentences[i]!.end < offset) i++;
  return { sentenceIndex: i };
}

interface Attribution {
  speaker: ResolvedSpeaker | null;
  cue: string;
  /** Only the sentence's subject, with no speech verb, links the quote to its speaker. */
  bySubject?: boolean;
  /** That subject is a named person, not a possessive, a group or a pronoun. */
  namedSubject?: boolean;
}

/** Finds the cue that attributes a quoted span: after its closing mark, before its opening mark. */
function attribute(sp: QuotedSpan, info: SentenceInfo, close: { sentenceIndex: number }, sentences: readonly Sentence[], masked: string,
  resolve: (ph: SourcePhrase) => ResolvedSpeaker | null): Attribution | null {
  const openAt = sp.openMark >= 0 ? sp.openMark : sp.start;
  const closeAt = sp.closeMark >= 0 ? sp.closeMark + 1 : sp.end;
  // After the close, within the sentence the quote ends in: `…," X said` / `…," said X`.
  const closeSentence = close.sentenceIndex;
  // When the closing mark ends a sentence (`…?" X said.`), the attribution is the next sentence.
  let cs = closeSentence;
  const firstAfter = closeAt + (/^\s*/.exec(masked.slice(closeAt, closeAt + 20))?.[0].length ?? 0);
  let crossed = false;
  while (cs + 1 < sentences.length && sentences[cs]!.end <= firstAfter && sentences[cs + 1]!.paragraph === sp.paragraph) {
    cs++;
    crossed = true;
  }
  let afterTokens = tokenize(masked, closeAt, endOfSentence(masked, closeAt, sentences[cs]?.end ?? masked.length));
  // Across a sentence break only a short attribution counts (`…?" Doe said.`), not a new
  // statement that happens to have a speech verb (`…." Russia insisted that …`).
  if (crossed && (afterTokens.length > 12 || /["“”]/.test(masked.slice(closeAt, sentences[cs]?.end ?? closeAt)))) afterTokens = [];
  const before = info.cues.filter((c) => c.end <= openAt);
  const startsSentence = onlySpaceBetween(masked, info.sentence.start, openAt);
  const afterCue = firstCueAfter(afterTokens, masked, info, resolve) ?? dashAttribution(afterTokens, masked, resolve);
  // "Pollsters agree - Jane Doe: "…"": a name right before the colon that opens the quote signs it.
  const label = colonLabel(info.tokens, openAt, masked, resolve);
  if (label) return { speaker: label, cue: '' };
  let beforeCue = before.length ? pickBefore(before, info) : null;
  // "With X worried about …, Y is rolling out a message: "…"": a cue in an introductory clause
  // gives way to the main clause's subject standing between it and the quotation.
  const mainSubject = info.subject;
  const lastBefore = before[before.length - 1];
  if (beforeCue && lastBefore && mainSubject && (mainSubject.kind === 'person' || mainSubject.kind === 'org') &&
    mainSubject.start > lastBefore.end && mainSubject.end <= openAt) {
    const r = resolve(mainSubject);
    if (r) beforeCue = { speaker: r, cue: '' };
  }
  if (startsSentence) {
    if (afterCue && afterCue.r) return { speaker: afterCue.r, cue: afterCue.cue.text };
    if (beforeCue) return beforeCue;
    if (afterCue) return { speaker: afterCue.r, cue: afterCue.cue.text };
    return null;
  }
  if (beforeCue && beforeCue.speaker) return beforeCue;
  if (afterCue && afterCue.r) return { speaker: afterCue.r, cue: afterCue.cue.text };
  // No cue: the sentence's subject, when it names someone ("X called it a "disgrace"").
  if (info.subject === undefined) info.subject = sentenceSubject(info.tokens, masked);
  const subj = info.subject;
  if (subj && (subj.kind === 'person' || subj.kind === 'org' || subj.kind === 'pronoun' || isPeopleNoun(subj)) && subj.start < openAt) {
    const r = resolve(subj);
    // `Doe blamed the law on "knuckleheaded politicians."`: a named person doing something with words
    // (not `Doe's strategy of "…"`, where the name only owns a noun).
    if (r) return { speaker: r, cue: '', bySubject: true, namedSubject: subj.kind === 'person' && !/['’]s?$/.test(subj.text) && !!r.person };
  }
  return beforeCue;
}

/** The person named right before a colon that opens the quotation (`- Jane Doe: "…"`). */
function colonLabel(tokens: readonly Token[], openAt: number, masked: string, resolve: (ph: SourcePhrase) => ResolvedSpeaker | null): ResolvedSpeaker | null {
  let k = -1;
  for (let i = tokens.length - 1; i >= 0; i--) {
    if (tokens[i]!.end <= openAt) {
      k = i;
      break;
    }
  }
  if (k < 1 || tokens[k]!.text !== ':' || !onlySpaceBetween(masked, tokens[k]!.end, openAt)) return null;
  const ph = phraseBefore(tokens, k, masked);
  if (!ph || ph.kind !== 'person' || !ph.name?.includes(' ')) return null;
  // The name must open its clause: after a dash, a comma or the sentence start (`- Jane Doe:`).
  const prev = tokens.slice(0, k).reverse().find((t) => t.end <= ph.start);
  if (prev && !/^[―—–\-,;]$/.test(prev.text) && !/^[―—–-]/.test(ph.text)) return null;
  return resolve(ph);
}

/** `"Here he comes," she said, clapping. "The Boss."`: a quote right after a short attribution of the
 * paragraph's previous quote is that quote's second half, however much it looks like a title. */
function secondHalf(sp: QuotedSpan, spans: readonly QuotedSpan[], spanIndex: ReadonlyMap<QuotedSpan, number>, text: string): boolean {
  const prev = spans[(spanIndex.get(sp) ?? 0) - 1];
  if (!prev || prev.paragraph !== sp.paragraph || prev.closeMark < 0 || sp.openMark < 0) return false;
  if (!/[.!?,]$/.test(text.slice(sp.start, sp.end)) || !/[,.!?]$/.test(text.slice(prev.start, prev.end))) return false;
  const between = text.slice(prev.closeMark + 1, sp.openMark);
  if (countWords(between, 0, between.length) > 8 || !/[.,:]\s*$/.test(between)) return false;
  return between.split(/[^A-Za-z]+/).some((w) => SPEECH_VERBS.has(w.toLowerCase()));
}

/** The source of `the "…" he cited`: the phrase right after the closing mark (past `that`/`which`). */
function citingSpeaker(sp: QuotedSpan, masked: string, sentenceEnd: number, resolve: (ph: SourcePhrase) => ResolvedSpeaker | null): ResolvedSpeaker | null {
  const close = sp.closeMark >= 0 ? sp.closeMark + 1 : sp.end;
  const tokens = tokenize(masked, close, Math.min(sentenceEnd, close + 60));
  let i = 0;
  while (tokens[i] && /^(?:,|that|which)$/.test(tokens[i]!.text)) i++;
  const ph = phraseAfter(tokens, i, masked);
  return ph && (ph.kind === 'person' || ph.kind === 'pronoun' || ph.kind === 'org') ? resolve(ph) : null;
}

/** `"…" ― Jane Doe`: a dash and a name after the closing mark sign the quote. */
function dashAttribution(tokens: readonly Token[], masked: string, resolve: (ph: SourcePhrase) => ResolvedSpeaker | null): { cue: Cue; r: ResolvedSpeaker | null } | null {
  const first = tokens[0];
  if (!first || !/^[―—–-]$/.test(first.text)) return null;
  const ph = phraseAfter(tokens, 1, masked);
  if (!ph || (ph.kind !== 'person' && ph.kind !== 'org')) return null;
  return { cue: { index: 0, start: first.start, end: first.end, text: first.text, core: true, source: ph }, r: resolve(ph) };
}

function pickBefore(cues: Cue[], info: SentenceInfo): Attribution | null {
  for (let i = cues.length - 1; i >= 0; i--) {
    const c = cues[i]!;
    const r = info.resolved.get(c.index);
    if (r) return { speaker: r, cue: c.text };
  }
  // A cue with a source we could not resolve ("she" with nobody fitting) still marks a real quote.
  const sourced = cues.filter((c) => c.source);
  const last = sourced[sourced.length - 1];
  return last ? { speaker: null, cue: last.text } : null;
}

function endOfSentence(masked: string, from: number, sentenceEnd: number): number {
  // The attribution after a closing mark stops at its sentence's end or the next quotation mark.
  const limit = Math.max(from, Math.min(sentenceEnd, from + 300));
  const m = /["“”]|\n/.exec(masked.slice(from, limit));
  return m ? from + m.index : limit;
}

function firstCueAfter(tokens: readonly Token[], masked: string, info: SentenceInfo,
  resolve: (ph: SourcePhrase) => ResolvedSpeaker | null): { cue: Cue; r: ResolvedSpeaker | null } | null {
  if (tokens.length === 0) return null;
  const cues = findCues(tokens, masked, () => info.subject ?? null);
  // The cue comes within a few words, or further when the source phrase (with its apposition,
  // "Jane Doe, a writer for The Atlantic, said") starts right after the quotation.
  const first = tokens.find((t) => !/^[,.;:!?—–-]$/.test(t.text));
  const c = cues.find((x) => x.index <= 9) ?? cues.find((x) => x.index <= 24 && !!first && x.source?.start === first.start);
  if (!c) return null;
  // Reuse the resolution done for the sentence when the cue is the same one.
  for (const [idx, r] of info.resolved) {
    const sc = info.cues.find((x) => x.index === idx);
    if (sc && sc.start === c.start) return { cue: c, r };
  }
  return { cue: c, r: c.source ? resolve(c.source) : null };
}

function fallbackSpeaker(sp: QuotedSpan, spans: readonly QuotedSpan[], spanIndex: ReadonlyMap<QuotedSpan, number>, spanSpeaker: Map<QuotedSpan, ResolvedSpeaker | null>,
  lastSpeaker: ResolvedSpeaker | null, lastParagraph: number, text: string, seg: Segmentation, infos: readonly SentenceInfo[],
  resolve: (ph: SourcePhrase) => ResolvedSpeaker | null, people: People): ResolvedSpeaker | null {
  const i = spanIndex.get(sp) ?? -1;
  const prev = i > 0 ? spans[i - 1]! : null;
  if (sp.continued && prev) return spanSpeaker.get(prev) ?? null;
  // `"…," he said. "…"`: another quote of the same paragraph already has a speaker. A title in
  // between (`said on ABC's "This Week." "…"`) is not a quote: look past it.
  let k = i - 1;
  while (k > 0 && spans[k]!.paragraph === sp.paragraph && !spanSpeaker.has(spans[k]!)) k--;
  const prevQuote = k >= 0 ? spans[k]! : null;
  if (prevQuote && prevQuote.paragraph === sp.paragraph && spanSpeaker.get(prevQuote)) return spanSpeaker.get(prevQuote) ?? null;
  const para = seg.paragraphs[sp.paragraph];
  const open = sp.openMark >= 0 ? sp.openMark : sp.start;
  // `…, X said. "…"` and `X continued:` / `The Daily Ledger reports:` closing the previous
  // paragraph: the sentence just before the quote ends with an attribution.
  for (let k = infos.length - 1; k >= 0 && k >= infos.length - 3; k--) {
    const info = infos[k]!;
    if (info.sentence.end > open) continue;
    const sameParagraph = info.sentence.paragraph === sp.paragraph;
    const opensParagraph = !!para && onlySpaceBetween(text, para.start, open);
    if (!sameParagraph && !(opensParagraph && info.sentence.paragraph === sp.paragraph - 1)) break;
    const r = trailingAttribution(info, text);
    if (r) return r;
    // `Doe made the following comment:` — a sentence about a person that ends in a colon introduces their words.
    const subj = info.subject;
    if (subj && (subj.kind === 'person' || subj.kind === 'org') && /:\s*$/.test(text.slice(info.sentence.start, info.sentence.end))) return resolve(subj);
    // `Doe praised the plan. "It works."`: a quote standing alone right after a sentence about a
    // named person, with no quotation of its own, continues that person's words.
    if (subj && subj.kind === 'person' && knownPerson(subj, people) && !/["“”]/.test(text.slice(info.sentence.start, open))) return resolve(subj);
    break;
  }
  // A paragraph that is only a quote continues the previous speaker, if they spoke just before;
  // so does one whose short lead-in names nobody (`Then, later that month on CNN: "…"`).
  if (para && lastSpeaker && sp.paragraph - lastParagraph <= 1 && (onlySpaceBetween(text, para.start, open) || namelessLeadIn(text.slice(para.start, open), people))) return lastSpeaker;
  return null;
}

/** A short lead-in ending in a colon, with no quotation, pronoun, known person or noun subject ("The sign read:") in it. */
function namelessLeadIn(lead: string, people: People): boolean {
  if (!/:\s*$/.test(lead) || /["“”]/.test(lead) || countWords(lead, 0, lead.length) > 10) return false;
  const ws = lead.match(/[\p{L}'’]+/gu) ?? [];
  return !ws.some((w) => /^(?:he|she|they|we|i|the|a|an)$/i.test(w) || (/^\p{Lu}/u.test(w) && people.knows(w, w)));
}

/** A person phrase the article has already introduced, or one with a full name or a title: not
 * an imperative or heading word that happens to open a sentence ("Fill in the gaps."). */
function knownPerson(ph: SourcePhrase, people: People): boolean {
  const name = ph.name ?? '';
  if (name.includes(' ') || ph.honorific || ph.role) return true;
  return people.knows(name, name);
}

/** The speaker of a sentence that ends with its attribution ("…, Doe said." / "X continued:"). */
function trailingAttribution(info: SentenceInfo, text: string): ResolvedSpeaker | null {
  for (let c = info.cues.length - 1; c >= 0; c--) {
    const cue = info.cues[c]!;
    const r = info.resolved.get(cue.index);
    if (!r || !cue.source) continue;
    const tail = text.slice(Math.max(cue.end, cue.source.end), info.sentence.end);
    if (/^[^.!?:]{0,40}[.:]?\s*$/.test(tail) && countWords(tail, 0, tail.length) <= 6) return r;
    return null;
  }
  return null;
}



/** Counts mentions of known people in the sentence and raises their salience. */
function countMentions(tokens: readonly Token[], masked: string, people: People, subject: SourcePhrase | null): void {
  for (let i = 0; i < tokens.length; i++) {
    if (!isCapitalized(tokens[i]!.text)) continue;
    let j = i;
    while (j < tokens.length && isCapitalized(tokens[j]!.text) && j - i < 5) j++;
    // Only runs with a known name word or a title can add a mention: skip the rest without parsing.
    let promising = false;
    for (let k = i; k < j && !promising; k++) promising = people.hasWord(tokens[k]!.text);
    if (!promising) {
      i = j - 1;
      continue;
    }
    const ph = classify(tokens.slice(i, j), masked);
    i = j - 1;
    if (!ph || ph.kind !== 'person' || !ph.name) continue;
    const words = ph.name.split(' ');
    const known = people.knows(ph.name, words[words.length - 1]!);
    const roleHead = ph.role?.split(' ').pop()?.toLowerCase() ?? '';
    if (!known && !ph.honorific && !ROLE_TITLES.has(roleHead)) continue;
    if (/^[A-Z]{2,}$/.test(ph.name)) continue; // an acronym, not a person
    const p = people.resolve(ph.name, ph.start, ph.honorific);
    if (ph.role) people.addRole(p, ph.role);
    p.mentions++;
    // The subject of a sentence is what the next pronoun most likely means.
    const isSubject = !!subject && subject.start <= ph.start && subject.end >= ph.end;
    people.touch(p, isSubject ? 4 : 1);
    if (isSubject) voteGender(tokens, ph.end, p);
  }
}

/** "Doe told Roe, after he admitted …": another name between subject and pronoun makes it ambiguous. */
function nameBetween(tokens: readonly Token[], from: number, to: number): boolean {
  for (const t of tokens) if (t.start >= from && t.end <= to && isCapitalized(t.text)) return true;
  return false;
}

/** "Doe defended his bank": pronouns of one gender after a subject hint at that person's gender. */
function voteGender(tokens: readonly Token[], from: number, p: PersonRecord): void {
  let m = 0;
  let f = 0;
  for (const t of tokens) {
    if (t.start < from) continue;
    // Once another name appears ("grilled CEO Jane Roe for his role"), the pronoun may be theirs.
    if (isCapitalized(t.text) && t.start > from) break;
    const l = t.text.toLowerCase();
    if (l === 'he' || l === 'his' || l === 'him' || l === 'himself') m++;
    else if (l === 'she' || l === 'her' || l === 'hers' || l === 'herself') f++;
  }
  if (m && !f) p.pronounVotes.m++;
  else if (f && !m) p.pronounVotes.f++;
}

function isDirect(sp: QuotedSpan, text: string, seg: Segmentation, sentenceStarts: ReadonlySet<number>): boolean {
  if (sp.continued) return true;
  const para = seg.paragraphs[sp.paragraph]!;
  const open = sp.openMark >= 0 ? sp.openMark : sp.start;
  const before = text.slice(Math.max(para.start, open - 3), open);
  const whole = (): boolean => /[.!?…,]$/.test(text.slice(sp.start, sp.end).trim()) || sp.unclosed || countWords(text, sp.start, sp.end) >= 6;
  if (open === para.start || /[:,]\s*$/.test(before)) return whole();
  // `Doe declared "I think …."`: a whole utterance right after its speech verb.
  const verb = /([a-z]+)\s*$/.exec(text.slice(Math.max(para.start, open - 20), open))?.[1];
  if (verb && SPEECH_VERBS.has(verb) && /[.!?…]$/.test(text.slice(sp.start, sp.end).trim()) && countWords(text, sp.start, sp.end) >= 4) return true;
  return sentenceStarts.has(open);
}

function sentenceSpan(sp: QuotedSpan, s: Sentence, sentences: readonly Sentence[], from: number): { start: number; end: number } {
  let end = s.end;
  for (let i = from; i < sentences.length; i++) {
    const x = sentences[i]!;
    if (x.start >= sp.end || x.paragraph !== s.paragraph) break;
    if (x.end > end) end = x.end;
  }
  return { start: s.start, end };
}






