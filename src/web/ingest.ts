// From a link to an article in the briefing: fetch safely, find the article in the page, store
// its text with its URL, extract it as files are extracted. Shared by `/brief add` and the feed
// poller. The same URL, canonical URL or text is one article; a scope that already has it is told
// so, and another scope adding it shares the extraction but not the visibility.
// A running bot fetches and reads pages in the web fetcher thread (a WorkerWebReader) and extracts
// articles in the extraction workers (an asynchronous `ingestArticles`), never on the thread that
// acknowledges commands.
import { createHash } from 'node:crypto';
import type { Article, Extraction } from '../core/model.ts';
import type { Scope, WebArticleRecord, WebStore } from '../store/web.ts';
import type { PageArticle, PageInput, PageRefusal } from './page.ts';
import type { PageResult, WebReader, WebRefusalReason } from './reader.ts';

export type { WebRefusalReason } from './reader.ts';

export interface Added {
  ok: true;
  /** `added`: new to this scope; `known`: this scope had it already. */
  status: 'added' | 'known';
  articleId: string;
  title: string;
  outlet: string | null;
  published: string | null;
  /** The date was read from the article's text, not given by the page (answers say so). */
  publishedInferred?: boolean;
  url: string;
  quotes: number;
  people: number;
  /** The feed's own text stood in for a page that could not be had. */
  fromFeed: boolean;
}

export interface NotAdded {
  ok: false;
  reason: WebRefusalReason;
  message: string;
  url: string;
  /** The HTTP status of a page that answered with an error. */
  status?: number;
}

export type IngestOutcome = Added | NotAdded;

/** What a feed entry says itself, used where its page cannot be fetched or read. */
export interface FeedFallback {
  title: string | null;
  /** The entry's content as HTML or text. */
  content: string | null;
  published: string | null;
  author: string | null;
  outlet: string | null;
}

type IngestResult = { ingested: number; errors: { path: string; message: string }[] };

export interface KnowledgeSink {
  ingestArticles(articles: readonly Article[]): IngestResult | Promise<IngestResult>;
  getExtraction(id: string): Extraction | null | Promise<Extraction | null>;
}

export interface WebIngestOptions {
  /** Fetches and reads pages (a WorkerWebReader in a running bot). */
  reader: WebReader;
  store: WebStore;
  knowledge: KnowledgeSink;
  minChars?: number;
  now?: () => number;
}

export class WebIngest {
  constructor(private readonly opts: WebIngestOptions) {}

  private readonly read = (input: PageInput): Promise<PageArticle | PageRefusal> => this.opts.reader.html(input);

  private now(): number {
    return (this.opts.now ?? Date.now)();
  }

  /** Adds the article at `link` for `scope`. Never throws for a bad link or page. */
  async add(link: string, scope: Scope, meta: { addedBy: string | null; feedId?: number | null; fallback?: FeedFallback } = { addedBy: null }): Promise<IngestOutcome> {
    const checked = this.opts.reader.check(link);
    if ('ok' in checked) return { ok: false, reason: checked.reason, message: checked.message, url: checked.url };
    const url = checked.url.href;
    const already = await this.opts.store.findArticle(scope, { url });
    if (already) {
      await this.claim(already, meta);
      return this.known(already.articleId, already.url, false);
    }

    const page = await this.page(url);
    let found: PageArticle;
    let fromFeed = false;
    let finalUrl = url;
    if (page.ok) {
      found = page.article;
      finalUrl = page.url;
    } else {
      const fb = meta.fallback ? await fallbackArticle(meta.fallback, url, this.read, this.opts.minChars) : null;
      if (!fb) return { ok: false, reason: page.reason, message: page.message, url, ...(page.status !== undefined ? { status: page.status } : {}) };
      found = fb;
      fromFeed = true;
    }
    const text = found.paragraphs.join('\n') + '\n';
    const textHash = createHash('sha256').update(text).digest('hex');
    const keys = { url: finalUrl, canonicalUrl: found.canonicalUrl, textHash };
    const mine = await this.opts.store.findArticle(scope, keys);
    if (mine) {
      // Known under another of its URLs: remember this one too, so the next add is answered at once.
      if (mine.url !== url) await this.opts.store.recordArticle({ ...mine, url, addedAt: mine.addedAt });
      await this.claim(mine, meta);
      return await this.known(mine.articleId, mine.url, fromFeed);
    }
    const other = await this.opts.store.findAnyArticle(keys);
    let articleId: string;
    if (other && (await this.opts.knowledge.getExtraction(other.articleId))) {
      articleId = other.articleId;
    } else {
      const article = toArticle(found, text, textHash);
      const res = await this.opts.knowledge.ingestArticles([article]);
      if (res.errors.length) return { ok: false, reason: 'not-an-article', message: `the article could not be read: ${res.errors[0]!.message}`, url };
      articleId = article.id;
    }
    await this.opts.store.recordArticle({
      articleId,
      scope,
      url,
      canonicalUrl: found.canonicalUrl,
      textHash,
      title: found.title,
      feedId: meta.feedId ?? null,
      addedBy: meta.addedBy,
      addedAt: this.now(),
    });
    return { ...(await this.summary(articleId, found.canonicalUrl)), status: 'added', fromFeed };
  }

  /** A link added to an article this scope had only from feeds: now the scope's link too. */
  private async claim(rec: WebArticleRecord, meta: { addedBy: string | null; feedId?: number | null }): Promise<void> {
    if ((meta.feedId ?? null) === null && rec.feedId !== null) await this.opts.store.recordArticle({ ...rec, feedId: null, addedBy: meta.addedBy });
  }

  private async known(articleId: string, url: string, fromFeed: boolean): Promise<Added> {
    return { ...(await this.summary(articleId, url)), status: 'known', fromFeed };
  }

  private async summary(articleId: string, url: string): Promise<Omit<Added, 'status' | 'fromFeed'>> {
    const x = await this.opts.knowledge.getExtraction(articleId);
    const speakers = new Set((x?.quotes ?? []).filter((q) => q.speaker?.personId).map((q) => q.speaker!.personId));
    return {
      ok: true,
      articleId,
      title: x?.article.title ?? url,
      outlet: x?.article.source ?? null,
      published: x?.article.published ?? null,
      ...(x?.article.published && x.article.publishedInferred ? { publishedInferred: true } : {}),
      url: x?.article.url ?? url,
      quotes: x?.quotes.length ?? 0,
      people: speakers.size,
    };
  }

  /** Fetches and reads one page: the article, or why not. */
  page(url: string): Promise<PageResult> {
    return this.opts.reader.page(url, this.opts.minChars !== undefined ? { minChars: this.opts.minChars } : {});
  }
}

/** An article id from its canonical URL: stable, and never a file's id (those have no `web-`). */
export function webArticleId(canonicalUrl: string): string {
  return `web-${createHash('sha256').update(canonicalUrl).digest('hex').slice(0, 16)}`;
}

function toArticle(p: PageArticle, text: string, hash: string): Article {
  return {
    id: webArticleId(p.canonicalUrl),
    path: p.canonicalUrl,
    title: p.title,
    published: p.published,
    publishedInferred: false,
    source: p.outlet,
    url: p.canonicalUrl,
    tags: [],
    text,
    bodyStart: 0,
    titleSpan: null,
    hash,
  };
}

/** The feed entry's own content as an article, when it has enough text to be one. */
async function fallbackArticle(fb: FeedFallback, url: string, read: (input: PageInput) => Promise<PageArticle | PageRefusal>, minChars = 200): Promise<PageArticle | null> {
  if (!fb.content) return null;
  const html = /<[a-z][\s\S]*>/i.test(fb.content) ? fb.content : fb.content.split(/\n\s*\n|\n/).map((p) => `<p>${escapeHtml(p)}</p>`).join('');
  let page: PageArticle | PageRefusal;
  try {
    page = await read({ html: `<html><body><article>${html}</article></body></html>`, url, opts: { minChars: Math.min(minChars, 200) } });
  } catch {
    return null;
  }
  const paragraphs = page.ok ? page.paragraphs : [];
  if (!paragraphs.length) return null;
  return {
    ok: true,
    title: fb.title ?? (page.ok ? page.title : url),
    published: fb.published,
    outlet: fb.outlet,
    author: fb.author,
    canonicalUrl: url,
    paragraphs,
    lang: null,
  };
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
