// Shared by `extract`, `quotes`, `people` and `facts`: extract articles one at a time, so one
// article that fails names its file on stderr and the others still print; the command then exits 1.
import { loadConfig } from '../../config/load.ts';
import { formatArticleError, loadArticles, type ArticleError } from '../../core/articles/index.ts';
import { extractArticle } from '../../core/extract/index.ts';
import type { Article, Extraction } from '../../core/model.ts';
import type { CliIo } from '../main.ts';

export function contentDir(): string {
  // A bad configuration throws a ConfigError naming the key; the CLI prints it and exits non-zero.
  return loadConfig().config.contentDir;
}

export type Extract = (article: Article) => Extraction;

/** Extracts each article, calling `each` with its extraction as soon as it is ready. An article
 * whose extraction throws is reported on stderr (file and error) and skipped. Returns the number
 * that failed. */
export function extractEach(articles: Iterable<Article>, io: CliIo, each: (x: Extraction) => void, extract: Extract = extractArticle): number {
  let failed = 0;
  for (const article of articles) {
    let x: Extraction;
    try {
      x = extract(article);
    } catch (err) {
      failed++;
      const e: ArticleError = { path: article.path, line: null, code: 'extract-failed', severity: 'error', message: errorText(err) };
      io.err(`${formatArticleError(e)}\n`);
      continue;
    }
    each(x);
  }
  return failed;
}

function errorText(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  // The first frame says where: enough to file a bug without flooding the terminal.
  const at = err.stack?.split('\n').find((l) => l.trim().startsWith('at '))?.trim();
  return `${err.message}${at ? ` (${at})` : ''}`;
}

export function extractContent(io: CliIo, extract: Extract = extractArticle): { extractions: Extraction[]; failed: boolean } {
  const { articles, errors } = loadArticles([contentDir()]);
  for (const e of errors) io.err(`${formatArticleError(e)}\n`);
  const extractions: Extraction[] = [];
  const broken = extractEach(articles, io, (x) => extractions.push(x), extract);
  return { extractions, failed: broken > 0 || errors.some((e) => e.severity === 'error') };
}
