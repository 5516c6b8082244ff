// Reading the web: what page ingest, the feed poller and `feeds add` ask for, as one interface.
// - `LocalWebReader` fetches here (SafeFetcher) and reads the bytes with the given parsers (by
//   default here too; they may be tasks of the extraction workers).
// - `WorkerWebReader` (./remote.ts) sends every request to the web fetcher thread, which runs a
//   LocalWebReader: sockets, TLS, decompression, charset decoding, Readability and feed parsing
//   all happen there, and the per-host spacing and Retry-After it keeps are the whole process's.
// Checking a URL (scheme, port, literal address) is cheap and synchronous, and is done wherever it
// is asked; the address actually connected to is checked where the socket is made (fetch.ts).
import { feedFromBytes, pageFromBytes, type FeedRead, type FetchedBytes, type PageRead } from './bytes.ts';
import type { Refusal, RefusalReason, SafeFetcher } from './fetch.ts';
import type { ParsedFeed } from './feeds/parse.ts';
import { extractPage, type PageArticle, type PageInput, type PageRefusal } from './page.ts';

export const FEED_ACCEPT = 'application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.8, text/xml;q=0.8, */*;q=0.1';

export type WebRefusalReason = RefusalReason | 'not-html' | 'not-an-article' | 'paywalled' | 'too-short';

export type PageResult =
  | { ok: true; article: PageArticle; url: string }
  | { ok: false; reason: WebRefusalReason; message: string; status?: number; retryAfterMs?: number };

export type FeedFetch =
  | { ok: true; notModified: true; url: string; etag: string | null; lastModified: string | null }
  | { ok: true; notModified: false; url: string; etag: string | null; lastModified: string | null; feed: ParsedFeed }
  | { ok: false; /** Whether the fetch failed or the document is no feed. */ stage: 'fetch' | 'read'; message: string; retryAfterMs?: number };

export type FoundFeedResult = { ok: true; url: string; feed: ParsedFeed } | { ok: false; message: string };

export interface WebReader {
  /** Scheme, port and (for an IP literal) address of a URL, before any request. */
  check(text: string): { url: URL } | Refusal;
  /** Fetches a page and finds the article in it. */
  page(url: string, opts?: { minChars?: number }): Promise<PageResult>;
  /** Reads HTML already in hand (a feed entry's own content). */
  html(input: PageInput): Promise<PageArticle | PageRefusal>;
  /** Fetches a feed (conditionally, with the validators of the copy held) and reads its entries. */
  feed(url: string, validators?: { etag?: string | null; lastModified?: string | null }): Promise<FeedFetch>;
  /** The feed at `link`, or the first feed the page at `link` names. */
  findFeed(link: string): Promise<FoundFeedResult>;
  close(): Promise<void>;
}

/** Where fetched bytes are read: this thread by default. */
export interface ByteReaders {
  page(input: FetchedBytes & { minChars?: number }): PageRead | Promise<PageRead>;
  feed(input: FetchedBytes): FeedRead | Promise<FeedRead>;
  html(input: PageInput): PageArticle | PageRefusal | Promise<PageArticle | PageRefusal>;
}

export const IN_THREAD: ByteReaders = {
  page: pageFromBytes,
  feed: feedFromBytes,
  html: (input) => extractPage(input.html, input.url, input.opts ?? {}),
};

const REASONS: Partial<Record<RefusalReason, string>> = {
  'invalid-url': 'not a URL',
  'unsupported-scheme': 'not a web link',
  'blocked-port': 'blocked port',
  'blocked-address': 'blocked address',
  'too-large': 'too large',
  timeout: 'timed out',
};

export class LocalWebReader implements WebReader {
  constructor(
    readonly fetcher: SafeFetcher,
    private readonly readers: ByteReaders = IN_THREAD,
  ) {}

  check(text: string): { url: URL } | Refusal {
    return this.fetcher.check(text);
  }

  async page(url: string, opts: { minChars?: number } = {}): Promise<PageResult> {
    const res = await this.fetcher.fetch(url);
    if (!res.ok) return { ok: false, reason: res.reason, message: res.message, ...(res.status !== undefined ? { status: res.status } : {}), ...(res.retryAfterMs !== undefined ? { retryAfterMs: res.retryAfterMs } : {}) };
    let page: PageRead;
    try {
      page = await this.readers.page({ body: res.body, charset: res.charset, mediaType: res.mediaType, url: res.url, ...(opts.minChars !== undefined ? { minChars: opts.minChars } : {}) });
    } catch (err) {
      return { ok: false, reason: 'not-an-article', message: `the page could not be read: ${(err as Error).message}` };
    }
    if (!page.ok) return page;
    return { ok: true, article: page, url: res.url };
  }

  async html(input: PageInput): Promise<PageArticle | PageRefusal> {
    return this.readers.html(input);
  }

  async feed(url: string, validators: { etag?: string | null; lastModified?: string | null } = {}): Promise<FeedFetch> {
    const res = await this.fetcher.fetch(url, { accept: FEED_ACCEPT, etag: validators.etag ?? null, lastModified: validators.lastModified ?? null });
    if (!res.ok) return { ok: false, stage: 'fetch', message: res.message, ...(res.retryAfterMs !== undefined ? { retryAfterMs: res.retryAfterMs } : {}) };
    const head = { url: res.url, etag: res.etag, lastModified: res.lastModified };
    if (res.notModified) return { ok: true, notModified: true, ...head };
    const read = await this.readers.feed({ body: res.body, charset: res.charset, mediaType: res.mediaType, url: res.url });
    if (!read.ok) return { ok: false, stage: 'read', message: read.message };
    return { ok: true, notModified: false, ...head, feed: read };
  }

  async findFeed(link: string): Promise<FoundFeedResult> {
    const res = await this.fetcher.fetch(link, { accept: FEED_ACCEPT });
    if (!res.ok) return { ok: false, message: `${REASONS[res.reason] ? `${REASONS[res.reason]}: ` : ''}${res.message}` };
    const direct = await this.readers.feed({ body: res.body, charset: res.charset, mediaType: res.mediaType, url: res.url });
    if (direct.ok) return { ok: true, url: res.url, feed: direct };
    if (!direct.discovered) return { ok: false, message: `${res.url}: ${direct.message}` };
    const first = direct.discovered[0];
    if (!first) return { ok: false, message: `${res.url} is a web page that names no feed (no <link rel="alternate"> to RSS, Atom or JSON Feed)` };
    const again = await this.feed(first.url);
    if (!again.ok) return { ok: false, message: again.stage === 'fetch' ? `the page's feed ${first.url} could not be fetched: ${again.message}` : `the page's feed ${first.url}: ${again.message}` };
    if (again.notModified) return { ok: false, message: `the page's feed ${first.url} answered 304 Not Modified to a plain request` };
    return { ok: true, url: first.url, feed: again.feed };
  }

  async close(): Promise<void> {
    await this.fetcher.close();
  }
}
