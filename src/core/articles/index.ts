export { loadArticles, loadArticleFile, parseArticle, type LoadResult } from './load.ts';
export { MAX_ARTICLE_BYTES, formatArticleError, type ArticleError, type ArticleErrorCode } from './types.ts';
