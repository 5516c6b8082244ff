// Shared by `quotes` and `people`: extract every article in the content folder
// (BRIEFING_CONTENT_DIR, default `content`), reporting bad files on stderr.
import { formatArticleError, loadArticles } from '../../core/articles/index.ts';
import { extractArticle } from '../../core/extract/index.ts';
import type { Extraction } from '../../core/model.ts';
import type { CliIo } from '../main.ts';

export function contentDir(): string {
  return process.env.BRIEFING_CONTENT_DIR || 'content';
}

export function extractContent(io: CliIo): { extractions: Extraction[]; failed: boolean } {
  const { articles, errors } = loadArticles([contentDir()]);
  for (const e of errors) io.err(`${formatArticleError(e)}\n`);
  return { extractions: articles.map(extractArticle), failed: errors.some((e) => e.severity === 'error') };
}
