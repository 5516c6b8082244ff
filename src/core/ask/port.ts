// What the question engine needs from an index. The SQLite knowledge store implements it; the engine
// never sees SQL, and the store never decides what a question means. Asynchronous, so an index over a
// network database (PostgreSQL) implements it as well as the embedded one.
import type { FactKind, FactValue, Person, QuoteKind } from '../model.ts';

/** One meaning of a topic word: alternatives that each count as a match (words or phrases). */
export interface TermGroup {
  /** The word as asked. */
  word: string;
  alts: TermAlt[];
}

export interface TermAlt {
  text: string;
  /** 1 for the word itself, lower for lemmas, synonyms and spelling corrections. */
  weight: number;
  via: 'word' | 'lemma' | 'thesaurus' | 'wordnet' | 'vector' | 'fuzzy';
}

export interface QuoteHit {
  id: number;
  articleId: string;
  kind: QuoteKind;
  text: string;
  context: string;
  paragraph: number;
  speakerName: string | null;
  personId: string | null;
  role: string | null;
  /** FTS5 bm25 rank (lower is better), 0 when the query had no text terms. */
  rank: number;
}

export interface FactHit {
  id: number;
  articleId: string;
  kind: FactKind;
  text: string;
  context: string;
  paragraph: number;
  values: FactValue[];
  people: string[];
  rank: number;
  /** True for a sentence that merely mentions a person, rather than an extracted fact. */
  mention?: boolean;
}

export interface ArticleRef {
  id: string;
  title: string;
  published: string | null;
  /** The date was read from the text (no front matter gave it): answers say so. */
  publishedInferred?: boolean;
  url: string | null;
  source: string | null;
}

export interface QuoteSearch {
  /** Topic term groups; a quote matching any group is a candidate. Empty: no topic. */
  groups: TermGroup[];
  personId?: string | null;
  /** An unnamed source's wording ("No10", "officials"), when the question asked about one. */
  sourceName?: string | null;
  articleId?: string | null;
  limit: number;
}

export interface FactSearch {
  groups: TermGroup[];
  /** Only facts naming this person (canonical name). */
  person?: string | null;
  kinds?: FactKind[];
  articleId?: string | null;
  limit: number;
}

export interface SearchPort {
  /**
   * Changes whenever the indexed data changed (own writes, or another connection's), and drops the
   * index's own caches when it did. The engine asks once per question and rebuilds what it derived
   * (the speaker matcher) when the number moved.
   */
  version(): Promise<number>;
  /** Named people across the briefing (small; cached by the store). */
  people(): Promise<Person[]>;
  /** Wordings of unnamed sources that were quoted ("No10", "officials"). */
  sources(): Promise<string[]>;
  /** In how many indexed quotes/facts the word (lowercased, as written) occurs; 0 when never. */
  documentFrequency(word: string): Promise<number>;
  /** Indexed words within `maxDistance` edits of `word`, closest and most frequent first. */
  similarWords(word: string, maxDistance: number, limit: number): Promise<{ word: string; df: number }[]>;
  /** Indexed words of the same family (long shared prefix: "negotiated" for "negotiations"). */
  family(word: string, limit: number): Promise<{ word: string; df: number }[]>;
  searchQuotes(q: QuoteSearch): Promise<QuoteHit[]>;
  countQuotes(personId: string): Promise<number>;
  searchFacts(q: FactSearch): Promise<FactHit[]>;
  /** Sentences that mention the person, for "what the articles say about them". */
  mentions(personId: string, limit: number): Promise<FactHit[]>;
  /** Sentences of article bodies that contain `name` as a phrase: for names no extraction listed. */
  textMentions(name: string, limit: number): Promise<FactHit[]>;
  article(id: string): Promise<ArticleRef | null>;
  personArticles(personId: string): Promise<ArticleRef[]>;
  /** How many articles the person appears in (personArticles lists the latest 50). */
  personArticleCount(personId: string): Promise<number>;
  /** The most recently published (then added) articles. */
  recentArticles(limit: number): Promise<ArticleRef[]>;
  /** The indexed words, most frequent first (for word vectors). */
  vocabulary(limit: number): Promise<string[]>;
}
