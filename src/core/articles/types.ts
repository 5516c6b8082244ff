// What loading articles reports when a file cannot be used (or can only partly be trusted).

export type ArticleErrorCode =
  | 'not-found' // the path does not exist
  | 'unreadable' // the file system refused to read it
  | 'unsupported' // not a .md or .txt file (only when named explicitly)
  | 'empty' // nothing but whitespace (after any front matter)
  | 'binary' // contains NUL bytes
  | 'invalid-utf8' // bytes that are not UTF-8
  | 'too-large' // over MAX_ARTICLE_BYTES
  | 'front-matter' // YAML front matter that does not parse, is not closed, or has a bad field
  | 'unbalanced-quotes' // a quotation mark that never closes (a warning: the article still loads)
  | 'html-page' // an HTML page saved as .md/.txt (a warning: tags are skipped)
  | 'extract-failed'; // the article loaded but extracting it threw (a bug: the other articles go on)

export interface ArticleError {
  path: string;
  /** 1-based line in the file, when the problem has one. */
  line: number | null;
  code: ArticleErrorCode;
  /** `error`: the article was not loaded. `warning`: it was loaded; some of it may be unreliable. */
  severity: 'error' | 'warning';
  message: string;
}

/** Articles above this size are rejected: news articles are far smaller, and a larger file is
 * almost certainly a dump or the wrong file. Kept well above the longest real article. */
export const MAX_ARTICLE_BYTES = 1_000_000;

export function formatArticleError(e: ArticleError): string {
  return `${e.path}${e.line ? `:${e.line}` : ''}: ${e.severity} [${e.code}] ${e.message}`;
}
