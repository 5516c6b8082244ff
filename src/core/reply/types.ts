// The neutral reply: every command and every digest answers with this shape, and each adapter
// (console text, Slack Block Kit, Discord embeds) renders it. Text fields are plain text, never
// markup: renderers escape them for their platform.
import type { FactKind, QuoteKind } from '../model.ts';

/** Where an item comes from, for the context line under it. */
export interface SourceRef {
  articleId: string;
  title: string;
  /** ISO date or null. */
  published: string | null;
  /** The date was read from the article's text, not given: renderers add "(date inferred)". */
  publishedInferred?: boolean;
  /** 0-based paragraph index. */
  paragraph: number;
  url: string | null;
  /** The outlet, when known. */
  outlet: string | null;
}

export interface QuoteItem {
  type: 'quote';
  kind: QuoteKind;
  text: string;
  speaker: { name: string; role: string | null } | null;
  source: SourceRef;
  /** The sentence around the quote. */
  context?: string;
  score?: number;
}

export interface FactItem {
  type: 'fact';
  kind: FactKind;
  text: string;
  /** Short display forms of the values it carries ("2.5% of GDP", "Tue 18 Feb 2025"). */
  values: string[];
  source: SourceRef;
  score?: number;
}

export interface PersonItem {
  type: 'person';
  name: string;
  roles: string[];
  aliases: string[];
  quoteCount: number;
  mentionCount: number;
  /** Titles of the articles they appear in (the latest ones when there are many). */
  articles: string[];
  /** How many articles they appear in, all told (at least `articles.length`). */
  articleCount: number;
}

export interface TextItem {
  type: 'text';
  text: string;
}

export interface LinkItem {
  type: 'link';
  label: string;
  url: string | null;
}

export type ReplyItem = QuoteItem | FactItem | PersonItem | TextItem | LinkItem;

export interface ReplySection {
  heading?: string;
  items: ReplyItem[];
}

export interface Reply {
  /** `error` replies are shown only to the asker where the platform allows. */
  tone: 'answer' | 'info' | 'error';
  title: string;
  sections: ReplySection[];
  /** Short remarks shown after the sections ("3 more results: narrow with `about <topic>`"). */
  notes: string[];
  /** Results that exist but were not included; renderers add what they cut themselves. */
  more: number;
  /** For errors: the one-line usage of the command concerned. */
  usage?: string;
}
