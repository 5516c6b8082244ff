// extractArticle: an article in, its quotes (with speakers), people and facts out.
import type { Article, Extraction, Fact, Quote } from '../model.ts';
import { prepareText, type TextView } from '../text/prepare.ts';
import { segment } from '../text/segment.ts';
import { extractFacts } from './facts/index.ts';
import { People } from './people.ts';
import { extractQuotes } from './quotes.ts';

export function extractArticle(article: Article): Extraction {
  // Extraction reads a normalised view of the text (line breaks, markup, Unicode forms); every
  // offset it reports is mapped back to the file's own text.
  const view = prepareText(article.text);
  const a = view ? viewed(article, view) : article;
  const segments = segment(a.text, a.bodyStart);
  const people = new People(a.text);
  people.discover(a.bodyStart, a.text.length);
  if (a.title) people.discoverTitle(a.title, a.bodyStart);
  const quotes = extractQuotes(a, segments, people);
  const persons = people.toPeople();
  const facts = extractFacts({ article: a, segments, people: persons, quotes });
  const { text: _text, bodyStart: _b, titleSpan: _t, hash: _h, ...meta } = article;
  if (view) mapBack(view, quotes, facts);
  return { article: meta, quotes, people: persons, facts };
}

function viewed(article: Article, view: TextView): Article {
  const titleSpan = article.titleSpan && { start: view.fromOriginal(article.titleSpan.start), end: view.fromOriginal(article.titleSpan.end) };
  return { ...article, text: view.text, bodyStart: view.fromOriginal(article.bodyStart), titleSpan };
}

/** Quote texts stay as read (normalised); their offsets and every fact's point into the file. */
function mapBack(view: TextView, quotes: Quote[], facts: Fact[]): void {
  for (const q of quotes) {
    q.start = view.start(q.start);
    q.end = view.end(q.end);
    q.sentence = { start: view.start(q.sentence.start), end: view.end(q.sentence.end) };
  }
  for (const f of facts) {
    f.start = view.start(f.start);
    f.end = view.end(f.end);
  }
}
