// Shared by `quotes`, `people` and `facts`: extract every article in the configured content folder
// (`contentDir` in config/default.yaml, or BRIEFING_CONTENT_DIR), reporting bad files on stderr.
import { loadConfig } from '../../config/load.ts';
import { formatArticleError, loadArticles } from '../../core/articles/index.ts';
import { extractArticle } from '../../core/extract/index.ts';
import type { Extraction } from '../../core/model.ts';
import type { CliIo } from '../main.ts';

export function contentDir(): string {
  // A bad configuration throws a ConfigError naming the key; the CLI prints it and exits non-zero.
  return loadConfig().config.contentDir;
}

export function extractContent(io: CliIo): { extractions: Extraction[]; failed: boolean } {
  const { articles, errors } = loadArticles([contentDir()]);
  for (const e of errors) io.err(`${formatArticleError(e)}\n`);
  return { extractions: articles.map(extractArticle), failed: errors.some((e) => e.severity === 'error') };
}
