// An extractor module for the extraction-worker tests: the launch fixture, marking which thread
// extracted each article (in `source`), with articles that fail, crash a worker, or take a while.
import { isMainThread } from 'node:worker_threads';
import type { Article, Extraction } from '../../src/core/model.ts';
import { fixtureExtract } from '../core/ask/fixture.ts';

export function extractArticle(article: Article): Extraction {
  if (article.text.includes('EXPLODE')) throw new Error('no sentences to extract');
  // process.exit in a worker ends that thread only, without an exception anyone could catch.
  if (article.text.includes('CRASH') && !isMainThread) process.exit(3);
  if (article.text.includes('SLOW')) {
    const until = Date.now() + 20;
    while (Date.now() < until);
  }
  const ex = fixtureExtract(article);
  return { ...ex, article: { ...ex.article, source: isMainThread ? 'main' : 'worker' } };
}

export const notAFunction = 42;
