// From fetched bytes to what the web module uses: a page's article (charset decoding, then
// Readability over linkedom) or a feed's entries (decoding, then feedsmith; for an HTML page, the
// feeds it links to). Pure functions of one cloneable argument, so they run wherever the bytes are:
// in the web fetcher's thread, in an extraction worker, or in this thread for tests and tools.
import { decodeBody } from './charset.ts';
import { discoverFeeds, type FoundFeed } from './feeds/discover.ts';
import { parseFeedText, type ParsedFeed } from './feeds/parse.ts';
import { extractPage, type PageArticle, type PageRefusal } from './page.ts';

/** A fetched body and what its headers said about it. */
export interface FetchedBytes {
  body: Uint8Array;
  /** The Content-Type's charset parameter, if any. */
  charset: string | null;
  /** The Content-Type's media type ('' when the server sent none). */
  mediaType: string;
  /** The URL finally answered (after redirects). */
  url: string;
}

export interface NotHtml {
  ok: false;
  reason: 'not-html';
  message: string;
}

export type PageRead = PageArticle | PageRefusal | NotHtml;

const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);

const TYPE_WORDS: Record<string, string> = {
  'application/pdf': 'a PDF',
  'application/json': 'JSON',
  'application/zip': 'a zip file',
  'text/plain': 'plain text',
  'application/octet-stream': 'a binary file',
};

/** The article in a fetched page, or why there is none. */
export function pageFromBytes(input: FetchedBytes & { minChars?: number }): PageRead {
  const body = input.body;
  const type = input.mediaType || sniffType(body);
  if (!HTML_TYPES.has(type)) {
    return { ok: false, reason: 'not-html', message: `the link is ${TYPE_WORDS[type] ?? (type ? `a ${type} file` : 'not a web page')}, not an HTML page` };
  }
  const { text } = decodeBody(body, input.charset);
  try {
    return extractPage(text, input.url, input.minChars !== undefined ? { minChars: input.minChars } : {});
  } catch (err) {
    return { ok: false, reason: 'not-an-article', message: `the page could not be read: ${(err as Error).message}` };
  }
}

export type FeedRead = ParsedFeed | { ok: false; message: string; /** An HTML page: the feeds it names, in page order. */ discovered?: FoundFeed[] };

/** The feed in a fetched document; for an HTML page that is no feed, the feeds it links to. */
export function feedFromBytes(input: FetchedBytes): FeedRead {
  const text = decodeBody(input.body, input.charset).text;
  const parsed = parseFeedText(text, input.url);
  if (parsed.ok) return parsed;
  if (input.mediaType === 'text/html' || input.mediaType === 'application/xhtml+xml') return { ...parsed, discovered: discoverFeeds(text, input.url) };
  return parsed;
}

/** A type for a body sent without one. */
function sniffType(body: Uint8Array): string {
  const head = Buffer.from(body.buffer, body.byteOffset, Math.min(body.length, 512)).toString('latin1').trimStart().toLowerCase();
  if (head.startsWith('%pdf-')) return 'application/pdf';
  if (head.startsWith('<!doctype html') || head.startsWith('<html') || /<(head|body|p|div)[\s>]/.test(head)) return 'text/html';
  return '';
}
