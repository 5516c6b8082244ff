// Choosing 3–5 key points for an article: salient sentences that carry the news (who, what,
// figures, what happens next), not quotes (they have their own section) or picture credits.
import type { Extraction } from '../model.ts';
import { contentWords, overlap, splitSentences, type BodySentence } from './sentences.ts';

export interface KeyPoint {
  text: string;
  paragraph: number;
}

const MIN_POINTS = 3;
const MAX_POINTS = 5;
const MIN_LEN = 40;
const MAX_LEN = 360;

const DEBRIS = /\b(?:Image|Photo|Picture|Credit)s?:|Getty Images|\bvia (?:Getty|Reuters|AP|AFP)\b|^\W*$|Read more|Sign up|newsletter|Click here|All rights reserved/i;
const TIME_WORDS =
  /\b(?:today|tomorrow|tonight|next (?:week|month|year)|on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|(?:January|February|March|April|May|June|July|August|September|October|November|December)|spring|summer|autumn|winter)\b/i;

/** `shownElsewhere`: statements the digest already shows (its key figures), not repeated as points. */
export function chooseKeyPoints(extraction: Extraction, body: string | undefined, shownElsewhere: readonly string[] = []): KeyPoint[] {
  const headline = contentWords(extraction.article.title);
  const elsewhere = shownElsewhere.map(contentWords);
  const candidates = body ? sentenceCandidates(extraction, body) : factCandidates(extraction);
  const chosen: (Candidate & { words: Set<string> })[] = [];
  for (const c of candidates.sort((a, b) => b.score - a.score || a.paragraph - b.paragraph)) {
    if (chosen.length >= MAX_POINTS) break;
    if (chosen.length >= MIN_POINTS && c.score < 2) break;
    const words = contentWords(c.text);
    if (words.size < 4) continue;
    if (overlap(words, headline) > 0.85 && words.size <= headline.size + 3) continue;
    if (chosen.some((k) => overlap(k.words, words) > 0.6)) continue;
    if (elsewhere.some((e) => overlap(e, words) > 0.8)) continue;
    chosen.push({ ...c, words });
  }
  return chosen.sort((a, b) => a.order - b.order).map(({ text, paragraph }) => ({ text, paragraph }));
}

interface Candidate extends KeyPoint {
  score: number;
  /** Position in the article, to put the chosen points back in reading order. */
  order: number;
}

function sentenceCandidates(extraction: Extraction, body: string): Candidate[] {
  const names = mainNames(extraction);
  const factWords = extraction.facts
    .filter((f) => f.kind === 'figure' || f.kind === 'event' || f.kind === 'date')
    .map((f) => contentWords(f.text));
  const out: Candidate[] = [];
  splitSentences(body).forEach((s, order) => {
    if (isCandidate(s)) out.push({ text: s.text, paragraph: s.paragraph, order, score: score(s, names, factWords) });
  });
  return out;
}

function isCandidate(s: BodySentence): boolean {
  const t = s.text;
  if (t.length < MIN_LEN || t.length > MAX_LEN) return false;
  if (DEBRIS.test(t) || t.startsWith('(')) return false;
  if (/[:?]["”’]?$/.test(t)) return false; // introduces a quote, or asks
  // Mostly quotation: the quotes section shows it with its speaker instead.
  return quotedShare(t) <= 0.35 && !/^[“"‘]/.test(t);
}

/** Share of characters inside quotation marks; a quote still open at the end counts to the end. */
export function quotedShare(t: string): number {
  let inside = false;
  let n = 0;
  for (const ch of t) {
    if (ch === '“') inside = true;
    else if (ch === '”') inside = false;
    else if (ch === '"') inside = !inside;
    else if (inside) n++;
  }
  return n / t.length;
}

function score(s: BodySentence, names: string[], factWords: Set<string>[]): number {
  const t = s.text;
  // The lead carries the news; after the first few paragraphs position matters little (many
  // outlets put every sentence in its own paragraph).
  let v = s.paragraph === 0 ? 3 : s.paragraph === 1 ? 2.2 : s.paragraph === 2 ? 1.8 : Math.max(0.8, 1.6 - 0.04 * (s.paragraph - 3));
  if (s.index === 0) v += 0.4;
  if (/\d/.test(t)) v += 0.6;
  if (TIME_WORDS.test(t)) v += 0.4;
  const words = contentWords(t);
  if (factWords.some((f) => overlap(f, words) > 0.7)) v += 0.8;
  let named = 0;
  for (const n of names) if (t.includes(n)) named++;
  v += Math.min(named, 3) * 0.4;
  if (/^(?:He|She|It|They|This|That|These|Those|But|And)\b/.test(t)) v -= 0.6;
  return v;
}

/** Surnames (or single names) of the people the article is most about. */
function mainNames(extraction: Extraction): string[] {
  return [...extraction.people]
    .sort((a, b) => b.mentions + b.quotes - (a.mentions + a.quotes))
    .slice(0, 6)
    .map((p) => p.name.split(/\s+/).pop() ?? p.name)
    .filter((n) => n.length > 2);
}

function factCandidates(extraction: Extraction): Candidate[] {
  const weight = { event: 2.5, figure: 2.2, date: 1.8, role: 1 } as const;
  return extraction.facts
    .filter((f) => f.text.length >= MIN_LEN && f.text.length <= MAX_LEN && !DEBRIS.test(f.text))
    .map((f, order) => ({ text: f.text, paragraph: f.paragraph, order, score: weight[f.kind] + 1 / (1 + f.paragraph) }));
}
