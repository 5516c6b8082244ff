// Builds an article from a plain string and runs fact extraction over the real segmentation.
import { extractFacts } from '../../../../src/core/extract/facts/index.ts';
import type { Article, Fact, FactValue, Person } from '../../../../src/core/model.ts';
import { segment } from '../../../../src/core/text/segment.ts';

export function article(text: string, published: string | null = '2025-02-17'): Article {
  return {
    id: 'test', path: 'test.md', title: 'Test', published, publishedInferred: false, source: null, url: null,
    tags: [], text, bodyStart: 0, titleSpan: null, hash: '',
  };
}

export function person(name: string, extra: Partial<Person> = {}): Person {
  return { id: name.toLowerCase().replace(/\s+/g, '-'), name, roles: [], aliases: [], mentions: 1, quotes: 0, ...extra };
}

export function facts(text: string, published: string | null = '2025-02-17', people: Person[] = []): Fact[] {
  const a = article(text, published);
  return extractFacts({ article: a, segments: segment(a.text), people, quotes: [] });
}

export function values(text: string, published: string | null = '2025-02-17', people: Person[] = []): FactValue[] {
  return facts(text, published, people).flatMap((f) => f.values);
}

export function dates(text: string, published: string | null = '2025-02-17'): { text: string; date: string; end?: string; precision: string }[] {
  return values(text, published).flatMap((v) => (v.type === 'date' ? [{ text: v.text, date: v.date, ...(v.end ? { end: v.end } : {}), precision: v.precision }] : []));
}

/** Facts of `text` taken as one sentence (bypasses segmentation, to test masking inside a sentence). */
export function factsOfOneSentence(text: string, published: string | null = '2025-02-17'): Fact[] {
  const a = article(text, published);
  const whole = { start: 0, end: text.length };
  return extractFacts({ article: a, segments: { paragraphs: [whole], sentences: [{ ...whole, paragraph: 0 }] }, people: [], quotes: [] });
}
