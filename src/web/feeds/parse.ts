// Reading a feed: RSS 2.0 (and 0.9x, RDF), Atom and JSON Feed through feedsmith (chosen by
// measurement against @rowanmanning/feed-parser and rss-parser; docs/web.md), normalised to
// the few fields the poller needs. A feed that does not parse is an error in words, not a throw.
import { parseFeed } from 'feedsmith';

export interface FeedEntry {
  /** The entry's own id (RSS guid, Atom id, JSON Feed id), when it has one. */
  guid: string | null;
  /** The article's address, absolute; null for an entry without a link. */
  url: string | null;
  title: string | null;
  /** ISO date YYYY-MM-DD, when the entry has one. */
  published: string | null;
  /** The entry's content (HTML or text), the fallback when the page cannot be had. */
  content: string | null;
  author: string | null;
}

export interface ParsedFeed {
  ok: true;
  format: 'rss' | 'atom' | 'json' | 'rdf';
  title: string | null;
  /** The site the feed belongs to. */
  link: string | null;
  entries: FeedEntry[];
}

export type FeedParse = ParsedFeed | { ok: false; message: string };

/** Entries read from one feed document at most (a 10,000-entry feed keeps its newest this many). */
export const MAX_ENTRIES = 200;

type Loose = Record<string, unknown> | undefined;

function text(v: unknown): string | null {
  if (typeof v === 'string') return v.trim() || null;
  if (v && typeof v === 'object' && 'value' in v) return text((v as { value: unknown }).value);
  return null;
}

export function parseFeedText(body: string, baseUrl: string): FeedParse {
  let parsed: { format: string; feed: Record<string, unknown> };
  try {
    parsed = parseFeed(body) as unknown as typeof parsed;
  } catch (err) {
    const msg = (err as Error).message;
    return { ok: false, message: /invalid feed format/i.test(msg) ? 'it is not an RSS, Atom or JSON feed (or its XML is broken)' : `it could not be read as a feed: ${msg}` };
  }
  const f = parsed.feed;
  const format = parsed.format as ParsedFeed['format'];
  const raw = ((format === 'atom' ? f.entries : f.items) ?? []) as Loose[];
  const entries: FeedEntry[] = [];
  for (const item of raw.slice(0, MAX_ENTRIES)) {
    if (!item) continue;
    entries.push(format === 'atom' ? atomEntry(item, baseUrl) : format === 'json' ? jsonEntry(item, baseUrl) : rssEntry(item, baseUrl));
  }
  const link = format === 'atom' ? atomLink(f.links as Loose[] | undefined) : text(f.link) ?? text(f.home_page_url);
  return { ok: true, format, title: text(f.title), link: absolute(link, baseUrl), entries };
}

function rssEntry(i: Record<string, unknown>, base: string): FeedEntry {
  const guid = text(i.guid);
  const link = text(i.link) ?? (guid && /^https?:\/\//.test(guid) ? guid : null);
  const content = text((i.content as Loose)?.encoded) ?? text(i.description);
  const authors = (i.authors as unknown[] | undefined) ?? [];
  return {
    guid,
    url: absolute(link, base),
    title: text(i.title),
    published: isoDay(text(i.pubDate) ?? text((i.dc as Loose)?.date)),
    content,
    author: text(authors[0]) ?? text((i.dc as Loose)?.creator),
  };
}

function atomLink(links: Loose[] | undefined): string | null {
  const list = links ?? [];
  const alt = list.find((l) => !l?.rel || l.rel === 'alternate') ?? list[0];
  return text(alt?.href);
}

function atomEntry(i: Record<string, unknown>, base: string): FeedEntry {
  const authors = (i.authors as Loose[] | undefined) ?? [];
  return {
    guid: text(i.id),
    url: absolute(atomLink(i.links as Loose[] | undefined), base),
    title: text(i.title),
    published: isoDay(text(i.published) ?? text(i.updated)),
    content: text(i.content) ?? text(i.summary),
    author: text(authors[0]?.name),
  };
}

function jsonEntry(i: Record<string, unknown>, base: string): FeedEntry {
  const authors = (i.authors as Loose[] | undefined) ?? (i.author ? [i.author as Loose] : []);
  return {
    guid: text(i.id) ?? (typeof i.id === 'number' ? String(i.id) : null),
    url: absolute(text(i.url) ?? text(i.external_url), base),
    title: text(i.title),
    published: isoDay(text(i.date_published) ?? text(i.date_modified)),
    content: text(i.content_html) ?? text(i.content_text) ?? text(i.summary),
    author: text(authors[0]?.name),
  };
}

function absolute(href: string | null, base: string): string | null {
  if (!href) return null;
  try {
    const u = new URL(href, base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

function isoDay(v: string | null): string | null {
  if (!v) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(v);
  if (m) return `${m[1]}-${m[2]}-${m[3]}`;
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : new Date(t).toISOString().slice(0, 10);
}
