import { parseArticle } from '../../../src/core/articles/index.ts';
import { extractArticle } from '../../../src/core/extract/index.ts';
import type { Article, Extraction, Quote } from '../../../src/core/model.ts';

export function articleOf(text: string, path = 'sample.txt'): Article {
  const r = parseArticle(path, new TextEncoder().encode(text));
  if (!('article' in r)) throw new Error(r.error.message);
  return r.article;
}

export function extract(body: string): Extraction {
  return extractArticle(articleOf(`Title line\n\n${body}`));
}

export function quoteWith(x: Extraction, fragment: string): Quote {
  const q = x.quotes.find((q) => q.text.includes(fragment));
  if (!q) throw new Error(`no quote containing ${JSON.stringify(fragment)}; got ${JSON.stringify(x.quotes.map((q) => q.text))}`);
  return q;
}
