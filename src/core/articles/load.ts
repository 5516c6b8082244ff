// Loads articles from files and folders: .md (optional YAML front matter) and .txt. Each bad file
// becomes an ArticleError naming it (and the line, for front matter); the others still load.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { basename, extname, relative, resolve, sep } from 'node:path';
import type { Article, Span } from '../model.ts';
import { segment } from '../text/segment.ts';
import { looksLikeHtmlPage, prepareText } from '../text/prepare.ts';
import { scanQuotes } from '../text/quote-marks.ts';
import { parseFrontMatter } from './front-matter.ts';
import { ARTICLE_EXTENSIONS, articleId, listArticleFiles, type SkippedFile } from './files.ts';
import { titleFromText } from './title.ts';
import { MAX_ARTICLE_BYTES, type ArticleError } from './types.ts';

export interface LoadResult {
  articles: Article[];
  errors: ArticleError[];
  /** Files in the folders searched that are not articles, with why (see files.ts). */
  skipped: SkippedFile[];
}

export interface LoadOptions {
  /**
   * The content folder the files belong to: an article's id is its path relative to it. Without
   * it, a file in a folder named in `paths` is identified relative to that folder, and a file named
   * directly by its base name.
   */
  root?: string;
}

/** Loads every article named by `paths` (files, or folders searched recursively), in path order. */
export function loadArticles(paths: readonly string[], opts: LoadOptions = {}): LoadResult {
  const result: LoadResult = { articles: [], errors: [], skipped: [] };
  const root = opts.root !== undefined ? resolve(opts.root) : null;
  const idFor = (file: string, folder: string | null) => {
    const abs = resolve(file);
    if (root && abs.startsWith(root + sep)) return articleId(root, abs);
    return folder ? articleId(folder, abs) : basename(file);
  };
  for (const path of paths) {
    let stat;
    try {
      stat = statSync(path);
    } catch {
      result.errors.push(err(path, null, 'not-found', 'no such file or folder'));
      continue;
    }
    if (stat.isDirectory()) {
      const listed = listArticleFiles(path);
      result.errors.push(...listed.errors);
      result.skipped.push(...listed.skipped);
      for (const file of listed.files) loadInto(file, idFor(file, resolve(path)), result);
    } else if (ARTICLE_EXTENSIONS.has(extname(path).toLowerCase())) {
      loadInto(path, idFor(path, null), result);
    } else {
      result.errors.push(err(path, null, 'unsupported', `not an article file (expected ${[...ARTICLE_EXTENSIONS].join(', ')})`));
    }
  }
  uniqueIds(result.articles);
  return result;
}

/**
 * Two inputs can still yield one id (`extract east/ west/` with a `report.txt` in each, or the same
 * file named twice): those articles are identified by their path relative to the working folder.
 */
function uniqueIds(articles: Article[]): void {
  const count = new Map<string, number>();
  for (const a of articles) count.set(a.id, (count.get(a.id) ?? 0) + 1);
  const seen = new Set<string>();
  for (const a of articles) {
    if (count.get(a.id)! > 1) {
      let id = relative(process.cwd(), resolve(a.path)).split(sep).join('/') || a.id;
      for (let n = 2; seen.has(id); n++) id = `${id}~${n}`;
      a.id = id;
    }
    seen.add(a.id);
  }
}

function loadInto(path: string, id: string, result: LoadResult): void {
  const loaded = loadArticleFile(path, id);
  if ('article' in loaded) {
    result.articles.push(loaded.article);
    result.errors.push(...loaded.warnings);
  } else {
    result.errors.push(loaded.error);
  }
}

/** Loads one file: the article plus any warnings, or the error that stopped it. */
export function loadArticleFile(path: string, id?: string): { article: Article; warnings: ArticleError[] } | { error: ArticleError } {
  let bytes: Buffer;
  try {
    const size = statSync(path).size;
    if (size > MAX_ARTICLE_BYTES) {
      return { error: err(path, null, 'too-large', tooLarge(size)) };
    }
    bytes = readFileSync(path);
  } catch (e) {
    return { error: err(path, null, 'unreadable', (e as Error).message) };
  }
  return parseArticle(path, bytes, id);
}

/** Builds an article from a file's bytes (exported for tests and callers that hold the bytes). */
export function parseArticle(path: string, bytes: Uint8Array, id: string = basename(path)): { article: Article; warnings: ArticleError[] } | { error: ArticleError } {
  if (bytes.length > MAX_ARTICLE_BYTES) {
    return { error: err(path, null, 'too-large', tooLarge(bytes.length)) };
  }
  let text: string;
  const utf16 = utf16Bom(bytes);
  if (utf16) {
    // UTF-16 text (what some Windows editors save) holds NUL bytes but is text: decode it.
    try {
      text = new TextDecoder(utf16, { fatal: true, ignoreBOM: true }).decode(bytes);
    } catch {
      return { error: err(path, null, 'invalid-utf8', `starts with a ${utf16.toUpperCase()} byte-order mark but is not valid ${utf16.toUpperCase()}`) };
    }
  } else {
    const nul = bytes.indexOf(0);
    if (nul !== -1) return { error: err(path, lineAtByte(bytes, nul), 'binary', 'contains NUL bytes: this is a binary file, not text') };
    try {
      // Keep a byte-order mark in the text so offsets match the file as other tools read it.
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    } catch {
      const at = firstInvalidUtf8(bytes);
      return { error: err(path, lineAtByte(bytes, at), 'invalid-utf8', `is not valid UTF-8 (first bad byte at offset ${at})`) };
    }
  }
  if (text.trim() === '') return { error: err(path, null, 'empty', 'the file is empty') };

  const fm = parseFrontMatter(text);
  if (!fm.ok) return { error: err(path, fm.line, 'front-matter', fm.message) };
  if (text.slice(fm.bodyStart).trim() === '') return { error: err(path, null, 'empty', 'the article has no text after its front matter') };

  let title = fm.data?.title ?? null;
  let titleSpan: Span | null = null;
  let bodyStart = fm.bodyStart;
  if (!title) {
    const t = titleFromText(text, fm.bodyStart);
    title = t.title;
    titleSpan = t.span;
    bodyStart = t.bodyStart;
  }
  const article: Article = {
    id,
    path,
    title: title || basename(path, extname(path)),
    published: fm.data?.published ?? null,
    publishedInferred: fm.data?.publishedInferred ?? false,
    source: fm.data?.source ?? null,
    url: fm.data?.url ?? null,
    tags: fm.data?.tags ?? [],
    text,
    bodyStart,
    titleSpan,
    hash: createHash('sha256').update(bytes).digest('hex'),
  };
  const warnings = looksLikeHtmlPage(text.slice(fm.bodyStart))
    ? [err(path, null, 'html-page', 'looks like an HTML page saved as text: its tags are skipped, but menus and page furniture may read as article text', 'warning')]
    : [];
  return { article, warnings: [...warnings, ...quoteWarnings(article)] };
}

/** Unclosed quotation marks: the article still loads (each such quote stops at its paragraph's end).
 * Read in the extraction view of the text (markup blanked, one kind of line break), as quotes are. */
function quoteWarnings(article: Article): ArticleError[] {
  const view = prepareText(article.text);
  const text = view ? view.text : article.text;
  const { paragraphs } = segment(text, view ? view.fromOriginal(article.bodyStart) : article.bodyStart);
  const { unbalanced } = scanQuotes(text, paragraphs);
  return unbalanced.slice(0, 5).map((at) =>
    err(article.path, lineAt(article.text, view ? view.start(at) : at), 'unbalanced-quotes', 'a quotation mark opens here and never closes; the quote is taken to end with its paragraph', 'warning'),
  );
}

/** 'utf-16le' / 'utf-16be' when the bytes open with that byte-order mark. */
function utf16Bom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

/**
 * Exact figures: rounded to one decimal, 1,000,001 and 1,049,999 bytes both read "1.0 MB is over
 * the 1 MB limit".
 */
export function tooLarge(bytes: number): string {
  const n = (x: number) => x.toLocaleString('en-GB');
  return `${n(bytes)} bytes is over the limit of ${n(MAX_ARTICLE_BYTES)} bytes (${MAX_ARTICLE_BYTES / 1e6} MB) for one article`;
}

function err(path: string, line: number | null, code: ArticleError['code'], message: string, severity: ArticleError['severity'] = 'error'): ArticleError {
  return { path, line, code, severity, message };
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  const breaks = /\r\n?|[\n\u2028\u2029]/g;
  for (let m = breaks.exec(text); m && m.index < offset; m = breaks.exec(text)) line++;
  return line;
}

function lineAtByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 10) line++;
  return line;
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  // Binary search on the longest prefix that decodes (a cut mid-character is fine with stream: true).
  let lo = 0;
  let hi = bytes.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
      lo = mid;
    } catch {
      hi = mid - 1;
    }
  }
  return lo;
}
