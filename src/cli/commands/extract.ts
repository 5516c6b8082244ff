// `briefing extract <file|dir>... [--json]`: quotes, people and facts of each article.
import { formatArticleError, loadArticles } from '../../core/articles/index.ts';
import type { Extraction } from '../../core/model.ts';
import type { CliCommand } from '../main.ts';
import { extractEach } from './_content.ts';
import { formatExtraction } from './_format.ts';

export const command: CliCommand = {
  async run({ values, positionals: paths }, io, spec) {
    const json = values.json === true;
    const strict = values.strict === true;
    if (paths.length === 0) {
      io.err(`briefing extract: name at least one file or folder\nusage: ${spec.usage}\n`);
      return 2;
    }
    const { articles, errors, skipped } = loadArticles(paths);
    for (const e of errors) io.err(`${formatArticleError(e)}\n`);
    // The same rule as the content sync (docs/extract.md, "Which files are articles").
    for (const s of skipped) io.err(`${s.path}: skipped: ${s.reason}\n`);
    const broken = extractEach(articles, io, (x) => io.out(json ? `${JSON.stringify(toJson(x))}\n` : formatExtraction(x)));
    const failed = broken > 0 || errors.some((e) => e.severity === 'error' || strict);
    return failed ? 1 : 0;
  },
};

/** The documented `extract --json` line (see docs/extract.md). */
export function toJson(x: Extraction): object {
  const { id, path, title, published, publishedInferred, source, url, tags } = x.article;
  return { article: { id, path, title, published, publishedInferred, source, url, tags }, quotes: x.quotes, people: x.people, facts: x.facts };
}
