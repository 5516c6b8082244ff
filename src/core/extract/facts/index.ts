// Fact extraction entry point. The facts module (figures, dates, events, roles) replaces this body.
import type { Article, Fact, Person, Quote, Segmentation } from '../../model.ts';

export interface FactInput {
  article: Article;
  segments: Segmentation;
  people: Person[];
  quotes: Quote[];
}

export function extractFacts(_input: FactInput): Fact[] {
  return [];
}
