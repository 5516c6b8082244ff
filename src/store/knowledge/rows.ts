// The rows the reader selects from the quotes and facts tables, and how they become the ask port's hits.
import type { FactHit, QuoteHit } from '../../core/ask/port.ts';
import type { FactKind, FactValue, QuoteKind } from '../../core/model.ts';
import type { ArticleSummary } from '../types.ts';

export interface QuoteRow {
  id: number;
  article_id: string;
  kind: QuoteKind;
  text: string;
  context: string;
  paragraph: number;
  speaker_name: string | null;
  person_id: string | null;
  role: string | null;
  rank: number;
}

export interface FactRow {
  id: number;
  article_id: string;
  kind: FactKind;
  text: string;
  context: string;
  paragraph: number;
  vals: string;
  people: string;
  mention: number;
  rank: number;
}

export const QUOTE_COLS = 'q.id, q.article_id, q.kind, q.text, q.context, q.paragraph, q.speaker_name, q.person_id, q.role';
export const FACT_COLS = 'f.id, f.article_id, f.kind, f.text, f.context, f.paragraph, f.vals, f.people, f.mention';

/** A row of `articles` as listArticles reads it. */
export interface ArticleSummaryRow {
  id: string;
  path: string;
  title: string;
  published: string | null;
  source: string | null;
  url: string | null;
  tags: string;
  hash: string;
  added_at: number;
  updated_at: number;
}

export function toArticleSummary(r: ArticleSummaryRow): ArticleSummary {
  return {
    id: r.id,
    path: r.path,
    title: r.title,
    published: r.published,
    source: r.source,
    url: r.url,
    tags: JSON.parse(r.tags) as string[],
    hash: r.hash,
    addedAt: r.added_at,
    updatedAt: r.updated_at,
  };
}

export function toQuoteHit(r: QuoteRow): QuoteHit {
  return {
    id: r.id,
    articleId: r.article_id,
    kind: r.kind,
    text: r.text,
    context: r.context,
    paragraph: r.paragraph,
    speakerName: r.speaker_name,
    personId: r.person_id,
    role: r.role,
    rank: r.rank,
  };
}

export function toFactHit(r: FactRow): FactHit {
  return {
    id: r.id,
    articleId: r.article_id,
    kind: r.kind,
    text: r.text,
    context: r.context,
    paragraph: r.paragraph,
    values: JSON.parse(r.vals) as FactValue[],
    people: JSON.parse(r.people) as string[],
    rank: r.rank,
    mention: r.mention === 1,
  };
}

/** `a`, then the rows of `b` not already in it (by id). */
export function merge<R extends { id: number }>(a: R[], b: R[]): R[] {
  const seen = new Set(a.map((r) => r.id));
  const out = [...a];
  for (const r of b) {
    if (!seen.has(r.id)) {
      seen.add(r.id);
      out.push(r);
    }
  }
  return out;
}
