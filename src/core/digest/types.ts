// A digest as neutral data: what is new for a channel, article by article. `digestToReply` turns it
// into the Reply every platform already renders.
import type { Extraction, QuoteKind } from '../model.ts';

/** One article as the digest reads it from the store. */
export interface DigestEntry {
  extraction: Extraction;
  /** When the store first saw the article (epoch ms); digest windows are cut on it. */
  addedAt: number;
  /** The article body as plain text (no front matter). Key points are chosen from its sentences; without it they come from the extracted facts only. */
  body?: string;
}

/** What the digest needs from the knowledge store; the lead adapts KnowledgeStore to it. */
export interface DigestSource {
  /** Articles with `addedAt > since`, any order. */
  articlesAddedSince(since: number): DigestEntry[];
  /** The `limit` most recently added articles. */
  latestArticles(limit: number): DigestEntry[];
}

export type WhenNothingNew = 'skip' | 'notice' | 'repost';

export interface DigestQuote {
  kind: QuoteKind;
  text: string;
  speaker: { name: string; role: string | null };
  paragraph: number;
}

export interface DigestFigure {
  /** The sentence the figures stand in. */
  text: string;
  /** Display forms ("2.5% of GDP", "£3bn"). */
  values: string[];
  paragraph: number;
}

export interface DigestEvent {
  /** "Talks in Geneva". */
  label: string;
  /** "Tue 18 Feb 2025", "week of 24 Feb 2025", "spring 2025". */
  when: string;
  /** ISO start date, for ordering. */
  date: string;
  /** The statement it comes from. */
  text: string;
  articleId: string;
  paragraph: number;
}

export interface DigestArticle {
  id: string;
  headline: string;
  published: string | null;
  /** The date was read from the article's text: the digest says "(date inferred)". */
  publishedInferred?: boolean;
  url: string | null;
  outlet: string | null;
  addedAt: number;
  keyPoints: { text: string; paragraph: number }[];
  quotes: DigestQuote[];
  figures: DigestFigure[];
}

export interface Digest {
  /** `new`: articles added since the last digest; `latest`: a first digest (or a repost); `nothing_new`: a short notice. */
  mode: 'new' | 'latest' | 'nothing_new';
  generatedAt: number;
  /** The window's start (exclusive), or null for a first digest. */
  since: number | null;
  articles: DigestArticle[];
  /** Coming events across the articles, soonest first. */
  next: DigestEvent[];
  /** Articles in the window beyond those shown. */
  more: number;
  /** The next digest's window starts here. */
  coveredUntil: number | null;
}
