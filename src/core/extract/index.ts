// extractArticle: an article in, its quotes (with speakers), people and facts out.
import type { Article, Extraction } from '../model.ts';
import { segment } from '../text/segment.ts';
import { extractFacts } from './facts/index.ts';
import { People } from './people.ts';
import { extractQuotes } from './quotes.ts';

export function extractArticle(article: Article): Extraction {
  const segments = segment(article.text, article.bodyStart);
  const people = new People(article.text);
  people.discover(article.bodyStart, article.text.length);
  const quotes = extractQuotes(article, segments, people);
  const persons = people.toPeople();
  const facts = extractFacts({ article, segments, people: persons, quotes });
  const { text: _text, bodyStart: _b, titleSpan: _t, hash: _h, ...meta } = article;
  return { article: meta, quotes, people: persons, facts };
}
