// Generated news pages and feeds for the feed tests and the bench: each article has a headline,
// JSON-LD, a nav, an ad and a comment box around paragraphs with quotes by a named speaker.
export interface StoryOptions {
  n: number;
  outlet?: string;
  date?: string;
}

const SPEAKERS = [
  ['Elena Marsh', 'the harbour master'],
  ['Tomas Reyes', 'the transport secretary'],
  ['Grace Adeyemi', 'the council leader'],
  ['Owen Pritchard', 'the union official'],
  ['Sofia Lindqvist', 'the trade minister'],
];

export function storyTitle(n: number): string {
  return `Ferry service number ${n} faces new timetable row`;
}

export function storyHtml({ n, outlet = 'The Coastal Herald', date = '2026-12-02' }: StoryOptions): string {
  const [name, role] = SPEAKERS[n % SPEAKERS.length]!;
  const surname = name!.split(' ')[1];
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${storyTitle(n)} | ${outlet}</title>
<meta property="og:type" content="article"><meta property="og:site_name" content="${outlet}">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"${storyTitle(n)}","datePublished":"${date}T08:00:00Z","author":{"@type":"Person","name":"Staff reporter"},"publisher":{"@type":"Organization","name":"${outlet}"}}</script>
</head><body><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<div class="ad-slot">Advertisement</div>
<article><h1>${storyTitle(n)}</h1>
<p>Passengers on route ${n} were told on Wednesday that sailings would be cut from eight a day to five from January, prompting complaints from businesses on both sides of the crossing.</p>
<p>“We cannot run a service that loses money on every sailing of route ${n},” said ${name}, ${role}. “The numbers simply do not add up.”</p>
<p>Local traders said the change would cost them customers. A petition against the cut had gathered more than ${1000 + n} signatures by the evening.</p>
<p>“This is a lifeline for the island and it is being cut without a proper consultation,” said Mr Hollis, who runs a café by the terminal.</p>
<p>${surname} said the timetable would be reviewed in the spring and that no jobs would be lost.</p>
</article><section class="comments"><h2>Comments</h2><p>Shocking decision.</p></section>
<footer>© 2026 ${outlet}</footer></body></html>`;
}

export interface FeedItem {
  n: number;
  url: string | null;
  title?: string;
  guid?: string;
  content?: string;
}

export function rss(title: string, items: FeedItem[]): string {
  const item = (i: FeedItem) =>
    `<item><title>${i.title ?? storyTitle(i.n)}</title>${i.url ? `<link>${i.url}</link>` : ''}<guid isPermaLink="false">${i.guid ?? `story-${i.n}`}</guid><pubDate>Wed, 02 Dec 2026 08:00:00 GMT</pubDate><description><![CDATA[${i.content ?? `<p>Summary of story ${i.n}.</p>`}]]></description></item>`;
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>${title}</title><link>https://example.org/</link><description>News</description>${items.map(item).join('')}</channel></rss>`;
}

export function atom(title: string, items: FeedItem[]): string {
  const entry = (i: FeedItem) =>
    `<entry><title>${i.title ?? storyTitle(i.n)}</title><id>urn:story:${i.guid ?? i.n}</id>${i.url ? `<link rel="alternate" href="${i.url}"/>` : ''}<updated>2026-12-02T08:00:00Z</updated><summary>Summary of story ${i.n}.</summary></entry>`;
  return `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>${title}</title><id>urn:feed</id><updated>2026-12-02T08:00:00Z</updated>${items.map(entry).join('')}</feed>`;
}

export function jsonFeed(title: string, items: FeedItem[]): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title,
    items: items.map((i) => ({ id: i.guid ?? `story-${i.n}`, ...(i.url ? { url: i.url } : {}), title: i.title ?? storyTitle(i.n), content_html: i.content ?? `<p>Summary of story ${i.n}.</p>`, date_published: '2026-12-02T08:00:00Z' })),
  });
}
