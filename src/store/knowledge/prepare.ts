// Everything about storing an article that needs no database: contexts, FTS documents, `who`
// tokens, JSON columns and the words for the vocabulary. A pure function of the extraction and the
// text, so it runs wherever the extraction ran (an extraction worker), leaving the thread that owns
// the SQLite connection only the statements.
import type { Extraction, Person } from '../../core/model.ts';
import { fold, words } from '../../core/ask/words.ts';
import { nameDocument, peopleDocument, sourceToken, whoToken } from './tokens.ts';
import { capitalisedNames } from './names.ts';

export interface ArticleText {
  /** The article's full text; quote contexts are cut from it. */
  text: string;
  bodyStart: number;
}

export interface PreparedQuote {
  qid: string;
  kind: string;
  text: string;
  context: string;
  /** The context without the quote's own words (the `context` column of `quote_fts`). */
  around: string;
  paragraph: number;
  speakerName: string | null;
  personId: string | null;
  role: string | null;
  who: string;
}

export interface PreparedFact {
  fid: string;
  kind: string;
  text: string;
  context: string;
  paragraph: number;
  vals: string;
  people: string;
  who: string;
}

/** One article's rows, ready to insert. Plain data: it crosses from a worker by structured clone. */
export interface PreparedArticle {
  id: string;
  path: string;
  title: string;
  published: string | null;
  publishedInferred: 0 | 1;
  source: string | null;
  url: string | null;
  tags: string;
  hash: string;
  /** The body and the extraction JSON, as text or (from a worker, moved rather than copied) UTF-8. */
  body: string | Uint8Array | null;
  extraction: string | Uint8Array;
  /** The `name_fts` document (capitalised names of the body), or null. */
  names: string | null;
  /** The `person_fts` document (the people listed), or null. */
  people: string | null;
  quotes: PreparedQuote[];
  facts: PreparedFact[];
  /** Unnamed sources and their quote counts. */
  sources: [string, number][];
  /** The article's people, with the ways its quotes referred to them added to their aliases. */
  persons: Person[];
  /**
   * Indexed words, joined by spaces, and in how many of the article's rows each occurs (two flat
   * values: a list of pairs cost more to send from a worker than all the rows).
   */
  words: string;
  wordRows: Int32Array;
}

export function prepareArticle(ex: Extraction, hash: string, path: string, text: ArticleText | null): PreparedArticle {
  const rowWords = new Map<string, number>();
  const quotes: PreparedQuote[] = [];
  const sources = new Map<string, number>();
  for (const q of ex.quotes) {
    const context = text ? text.text.slice(q.sentence.start, q.sentence.end).trim() || q.text : q.text;
    const personId = q.speaker?.personId ?? null;
    const speakerName = q.speaker?.name ?? null;
    const who = personId ? whoToken(personId) : speakerName ? sourceToken(speakerName) : '';
    // The context column holds only the words around the quote: the quote's own are in `text`.
    const around = context.replace(q.text, ' ');
    quotes.push({ qid: q.id, kind: q.kind, text: q.text, context, around, paragraph: q.paragraph, speakerName, personId, role: q.speaker?.role ?? null, who });
    countRowWords(q.text + ' ' + around, rowWords);
    if (!personId && speakerName) sources.set(speakerName, (sources.get(speakerName) ?? 0) + 1);
  }
  const idByName = new Map(ex.people.map((p) => [p.name, p.id]));
  const facts: PreparedFact[] = ex.facts.map((f) => {
    countRowWords(f.text, rowWords);
    return {
      fid: f.id,
      kind: f.kind,
      text: f.text,
      context: text ? text.text.slice(f.start, f.end).trim() || f.text : f.text,
      paragraph: f.paragraph,
      vals: JSON.stringify(f.values),
      people: JSON.stringify(f.people),
      who: f.people.map((n) => whoToken(idByName.get(n) ?? n)).join(' '),
    };
  });
  const mentions = quoteMentions(ex);
  const persons = ex.people.map((p) => ({ ...p, roles: [...p.roles], aliases: [...new Set([...p.aliases, ...(mentions.get(p.id) ?? [])])] }));
  const names = text ? capitalisedNames(text.text, text.bodyStart) : null;
  return {
    id: ex.article.id,
    path,
    title: ex.article.title,
    published: ex.article.published,
    publishedInferred: ex.article.publishedInferred ? 1 : 0,
    source: ex.article.source,
    url: ex.article.url,
    tags: JSON.stringify(ex.article.tags),
    hash,
    body: text ? text.text.slice(text.bodyStart) : null,
    extraction: JSON.stringify(ex),
    names: names?.size ? nameDocument(names) : null,
    people: ex.people.length ? peopleDocument(new Set(ex.people.map((p) => p.id))) : null,
    quotes,
    facts,
    sources: [...sources],
    persons,
    words: [...rowWords.keys()].join(' '),
    wordRows: Int32Array.from(rowWords.values()),
  };
}

let stamp = 0;
const seenAt = new Map<string, number>();

/**
 * Text whose only non-ASCII characters are typographic punctuation (curly quotes, dashes, ellipsis,
 * no-break space), as most news text is: its words are exactly the ASCII letter and digit runs, so
 * it takes the fast path (words() would normalise it and match Unicode classes for nothing).
 */
const ASCII_WORDS = /^[\x00-\x7f\u00a0\u2010-\u2015\u2018\u2019\u201c\u201d\u2026]*$/;

/** Adds `delta` to the count of each distinct word of one row (folded, ≤ 40 chars). */
export function countRowWords(text: string, into: Map<string, number>, delta = 1): void {
  const ascii = ASCII_WORDS.test(text);
  const ws = ascii ? (text.toLowerCase().match(/[a-z0-9]+/g) ?? []) : words(text);
  if (!ascii) {
    for (const w0 of new Set(ws)) {
      const w = fold(w0);
      if (w.length <= 40) into.set(w, (into.get(w) ?? 0) + delta);
    }
    return;
  }
  // ASCII text (most of it): words are already folded, and a per-call stamp replaces the Set.
  if (seenAt.size > 200_000) seenAt.clear();
  const s = ++stamp;
  for (const w of ws) {
    if (w.length > 40 || seenAt.get(w) === s) continue;
    seenAt.set(w, s);
    into.set(w, (into.get(w) ?? 0) + delta);
  }
}

const PRONOUN = /^(?:he|she|they|him|her|them|his|hers|their|it|its|we|i|you|who|which)$/i;

/**
 * How the text referred to each quoted person ("the PM", "the Prime Minister"): the extractor has
 * already resolved these to the person, so they are aliases a question may use. Pronouns are not.
 */
function quoteMentions(ex: Extraction): Map<string, string[]> {
  const out = new Map<string, Set<string>>();
  for (const q of ex.quotes) {
    const id = q.speaker?.personId;
    const m = q.speaker?.mention.trim();
    if (!id || !m || PRONOUN.test(m) || m.length > 60 || m === q.speaker!.name) continue;
    const set = out.get(id) ?? new Set<string>();
    // "The PM" at a sentence start is "the PM".
    set.add(/^The\s/.test(m) ? 't' + m.slice(1) : m);
    out.set(id, set);
  }
  return new Map([...out].map(([k, v]) => [k, [...v]]));
}
