export { loadArticles, loadArticleFile, parseArticle, type LoadOptions, type LoadResult } from './load.ts';
export { ARTICLE_EXTENSIONS, articleId, listArticleFiles, skipReason, type ArticleFiles, type SkippedFile } from './files.ts';
export { MAX_ARTICLE_BYTES, formatArticleError, type ArticleError, type ArticleErrorCode } from './types.ts';
