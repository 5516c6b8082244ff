// Sentences that mention a person, found at ingest: "what the articles say about" somebody who was
// never quoted (or beyond their quotes). Plain rules: split paragraphs into sentences, look for the
// person's full name, surname or a capitalised alias in the sentences the segmenter finds.
import type { FactHit } from '../../core/ask/port.ts';
import { words } from '../../core/ask/words.ts';
import type { Person, Sentence } from '../../core/model.ts';
import { isDebrisLine } from '../../core/text/debris.ts';
import { segment, splitSentences, trim } from '../../core/text/segment.ts';

export interface Mention {
  personId: string;
  paragraph: number;
  text: string;
}

const PER_PERSON = 2;
const PRONOUNS = /^(he|she|they|him|her|them|his|hers|their|it)$/i;

export function findMentions(text: string, bodyStart: number, people: readonly Person[]): Mention[] {
  if (people.length === 0) return [];
  const matchers = people.map((p) => ({ p, names: namesOf(p) })).filter((m) => m.names.length > 0);
  // Most articles name a person in few sentences: test the whole body once per person first.
  const body = text.slice(bodyStart);
  const present = matchers.filter((m) => m.names.some((n) => containsName(body, n)));
  if (present.length === 0) return [];
  const out: Mention[] = [];
  const count = new Map<string, number>();
  // Paragraphs as segment() finds them (non-blank, non-debris lines), but only those naming
  // somebody are split into sentences: at question time this runs over dozens of bodies.
  const sentences: Sentence[] = [];
  let paragraph = 0;
  for (let lineStart = bodyStart; lineStart < text.length; ) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    const span = trim(text, lineStart, lineEnd);
    lineStart = lineEnd + 1;
    if (!span) continue;
    const line = text.slice(span.start, span.end);
    if (isDebrisLine(line)) continue;
    const index = paragraph++;
    if (!present.some(({ names }) => names.some((n) => containsName(line, n)))) continue;
    sentences.length = 0;
    splitSentences(text, span.start, span.end, index, sentences);
    for (const s of sentences) {
      const sentence = text.slice(s.start, s.end).trim();
      for (const { p, names } of present) {
        if ((count.get(p.id) ?? 0) >= PER_PERSON || !names.some((n) => containsName(sentence, n))) continue;
        count.set(p.id, (count.get(p.id) ?? 0) + 1);
        out.push({ personId: p.id, paragraph: s.paragraph, text: sentence.length > 600 ? sentence.slice(0, 597) + '…' : sentence });
      }
    }
  }
  return out;
}

function namesOf(p: Person): string[] {
  const names = new Set<string>([p.name]);
  const parts = p.name.split(/\s+/).filter((w) => w.length >= 3);
  const surname = parts[parts.length - 1];
  if (surname && /^\p{Lu}/u.test(surname)) names.add(surname);
  for (const a of p.aliases) if (/^\p{Lu}/u.test(a) && !PRONOUNS.test(a) && a.length >= 3) names.add(a);
  return [...names];
}

const LETTER = /\p{L}/u;

/** `name` occurs in `text` as whole words (a plain substring search, then a boundary check). */
function containsName(text: string, name: string): boolean {
  let at = text.indexOf(name);
  while (at >= 0) {
    const before = at > 0 ? text[at - 1]! : ' ';
    const after = text[at + name.length] ?? ' ';
    if (!LETTER.test(before) && !LETTER.test(after)) return true;
    at = text.indexOf(name, at + 1);
  }
  return false;
}

/** Articles read at most for the sentences mentioning a person. */
export const MENTION_ARTICLES = 60;

/**
 * Sentences of a person's latest articles that name them (at most two per article), newest article
 * first, from the articles listing them (newest first) with the article's record of the person (its
 * names and aliases as found there, JSON). Found when asked rather than stored at ingest: half of all
 * fact rows were these, and few are ever read.
 */
export function mentionHits(articles: Iterable<{ id: string; body: string; person: string | null }>, limit: number): FactHit[] {
  const out: FactHit[] = [];
  let read = 0;
  for (const a of articles) {
    if (out.length >= limit || read++ >= MENTION_ARTICLES) break;
    if (!a.person) continue;
    const found = findMentions(a.body, 0, [JSON.parse(a.person) as Person]);
    // Later sentences first within an article, as the stored rows were read (newest row first).
    for (let i = found.length - 1; i >= 0 && out.length < limit; i--) {
      const m = found[i]!;
      out.push({ id: -1_000_000 - out.length, articleId: a.id, kind: 'role', text: m.text, context: m.text, paragraph: m.paragraph, values: [], people: [], rank: 0, mention: true });
    }
  }
  return out;
}

/** Sentences of these bodies that contain the words `ws` as a phrase: for names no extraction listed. */
export function sentencesNaming(bodies: Iterable<{ id: string; body: string }>, ws: string[], limit: number): FactHit[] {
  const out: FactHit[] = [];
  for (const a of bodies) {
    for (const s of segment(a.body).sentences) {
      const sentence = a.body.slice(s.start, s.end).trim();
      if (out.length >= limit || !containsPhrase(words(sentence), ws)) continue;
      out.push({ id: -out.length - 1, articleId: a.id, kind: 'role', text: sentence, context: sentence, paragraph: s.paragraph, values: [], people: [], rank: 0, mention: true });
    }
  }
  return out;
}

function containsPhrase(hay: string[], needle: string[]): boolean {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}
