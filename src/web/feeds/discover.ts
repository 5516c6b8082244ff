// Finding a site's feed from its home page: <link rel="alternate"> with a feed type, in page order.
import { parseHTML } from 'linkedom';

const FEED_TYPES = new Set(['application/rss+xml', 'application/atom+xml', 'application/feed+json', 'application/json', 'application/rdf+xml', 'application/xml', 'text/xml']);

export interface FoundFeed {
  url: string;
  title: string | null;
}

export function discoverFeeds(html: string, pageUrl: string): FoundFeed[] {
  const { document } = parseHTML(html) as unknown as { document: { querySelectorAll(s: string): Iterable<{ getAttribute(n: string): string | null }> } };
  const out: FoundFeed[] = [];
  for (const link of document.querySelectorAll('link[rel~="alternate"][href]')) {
    const type = (link.getAttribute('type') ?? '').toLowerCase().split(';')[0]!.trim();
    if (!FEED_TYPES.has(type)) continue;
    try {
      const url = new URL(link.getAttribute('href')!, pageUrl);
      if ((url.protocol === 'http:' || url.protocol === 'https:') && !out.some((f) => f.url === url.href)) out.push({ url: url.href, title: link.getAttribute('title') });
    } catch {
      // A bad href among good ones: skip it.
    }
  }
  return out;
}
