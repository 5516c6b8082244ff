import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderText } from '../../src/adapters/console/render.ts';
import { FakeWeb } from '../fakes/web.ts';
import { ctx, fixture, openHarness, type WebHarness } from './harness.ts';

const web = new FakeWeb();
let h: WebHarness;
const here = ctx('console', 'local');

beforeAll(async () => {
  await web.start();
  web.route('/news/dock-strike', { body: fixture('harbour-strike.html'), type: 'text/html; charset=utf-8' });
  web.route('/amp/dock-strike', { body: fixture('harbour-strike.html'), type: 'text/html' });
  web.route('/local/budget', { body: fixture('council-budget.html'), type: 'text/html' });
  web.route('/', { body: fixture('home.html'), type: 'text/html' });
  web.route('/paywalled', { body: fixture('paywall.html'), type: 'text/html' });
  web.route('/report.pdf', { body: Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n'), type: 'application/pdf' });
  web.route('/500', { body: 'down', status: 500 });
  web.trickle('/slow', 100);
  web.huge('/huge', 50_000_000);
  web.page('/empty', '<html><head><title>Nothing</title></head><body><div id="app"></div><script>render()</script></body></html>');
  web.redirect('/go', '/news/dock-strike', 301);
  h = openHarness({ timeoutMs: 1500 });
});

afterAll(async () => {
  await h.close();
  await web.stop();
});

function counts(id: string): { quotes: number; people: number } {
  const x = h.store.getExtraction(id)!;
  return { quotes: x.quotes.length, people: new Set(x.quotes.map((q) => q.speaker?.personId).filter(Boolean)).size };
}

const add = async (url: string, c = here) => renderText(await h.briefing.run(`add ${url}`, c));

describe('/brief add', () => {
  it('adds a news page: the article text, its metadata and its quotes', async () => {
    const out = await add(web.url('/news/dock-strike'));
    const [a] = h.store.listArticles();
    // The counts are the extractor's (its own tests pin them); the reply reports them as stored.
    const { quotes, people } = counts(a!.id);
    expect(quotes).toBeGreaterThanOrEqual(5);
    expect(out).toBe(
      `Added: Dock workers walk out as harbour talks collapse (The Coastal Herald, 1 Dec 2026): ${quotes} quotes from ${people} people\n\n` +
        'Dock workers walk out as harbour talks collapse <https://www.coastal-herald.example/news/2026/dec/01/dock-workers-strike>',
    );
    expect(a).toMatchObject({
      title: 'Dock workers walk out as harbour talks collapse',
      published: '2026-12-01',
      source: 'The Coastal Herald',
      url: 'https://www.coastal-herald.example/news/2026/dec/01/dock-workers-strike',
    });
    const x = h.store.getExtraction(a!.id)!;
    const text = x.quotes.map((q) => `${q.speaker?.name}: ${q.text}`);
    expect(text).toContain('Marta Kowalczyk: We have been patient for eighteen months and patience has got us nowhere,');
    expect(text).toContain('Daniel Okafor: Our door remains open.');
    // Nav, ads, cookie banner, related links and comments are not the article.
    const body = (h.store as unknown as { db: { prepare(s: string): { get(id: string): { body: string } } } }).db.prepare('SELECT body FROM articles WHERE id = ?').get(a!.id)?.body ?? '';
    for (const junk of ['We use cookies', 'Advertisement', 'Related stories', 'Port pay talks resume', 'harbourwatcher', 'Most read', 'Share on Facebook']) expect(body).not.toContain(junk);
    expect(body).toContain('Picket lines formed at all three terminals before dawn');
    const ask = renderText(await h.briefing.run('quotes Kowalczyk', here));
    expect(ask).toContain('We have been patient for eighteen months');
  });

  it('treats the same URL, a redirect to it and the same canonical URL as one article', async () => {
    const again = await add(web.url('/news/dock-strike'));
    const { quotes, people } = counts(h.store.listArticles()[0]!.id);
    expect(again.split('\n')[0]).toBe(`Already in the briefing: Dock workers walk out as harbour talks collapse (The Coastal Herald, 1 Dec 2026): ${quotes} quotes from ${people} people`);
    expect((await add(web.url('/amp/dock-strike'))).split('\n')[0]).toMatch(/^Already in the briefing: Dock workers/);
    expect((await add(web.url('/go'))).split('\n')[0]).toMatch(/^Already in the briefing: Dock workers/);
    expect(h.store.listArticles()).toHaveLength(1);
  });

  it('reads a Windows-1252 page with OpenGraph and <time> only', async () => {
    const out = await add(web.url('/local/budget'));
    const a = h.store.listArticles().find((x) => x.title === 'Council backs budget with library cuts')!;
    const { quotes, people } = counts(a.id);
    expect(people).toBeGreaterThanOrEqual(2);
    expect(out.split('\n')[0]).toBe(`Added: Council backs budget with library cuts (Valley Gazette, 28 Nov 2026): ${quotes} quotes from ${people} people`);
    const x = h.store.getExtraction(a.id)!;
    expect(x.quotes.map((q) => q.text)).toContain('No one came into local politics to shut libraries,');
    expect(a.url).toBe('https://valleygazette.example/local/council-budget-library-cuts');
  });

  it.each([
    ['/', 'Not added (not an article): the page is not an article (no article text found in it)'],
    ['/paywalled', 'Not added (paywalled): it looks paywalled: the page shows only 34 words of the article'],
    ['/report.pdf', 'Not added (not HTML): the link is a PDF, not an HTML page'],
    ['/empty', 'Not added (not an article): the page is not an article (no article text found in it)'],
    ['/missing', 'Not added (the page could not be had): 127.0.0.1:PORT answered 404 Not Found'],
    ['/500', 'Not added (the page could not be had): 127.0.0.1:PORT answered 500 Internal Server Error'],
    ['/slow', 'Not added (timed out): 127.0.0.1:PORT did not finish sending the page within 1.5 s'],
    ['/huge', 'Not added (too large): the page is over the 5 MB limit'],
  ])('says exactly why %s was not added', async (path, why) => {
    const out = await add(web.url(path));
    expect(out).toBe(`error: ${why.replace('PORT', String(web.port))}\nusage: /brief add <url>`);
  });

  it.each([
    ['not-a-url', "Not added (not a URL): 'not-a-url' is not a URL (it should start with https://)"],
    ['ftp://files.example.com/a.txt', 'Not added (not a web link): only http and https links are fetched, not ftp:'],
    ['file:///etc/passwd', 'Not added (not a web link): only http and https links are fetched, not file:'],
    ['http://10.0.0.1/admin', 'Not added (blocked address): 10.0.0.1 is a private address, which the bot does not fetch from'],
    ['<http://169.254.169.254/latest/meta-data|link>', 'Not added (blocked address): 169.254.169.254 is a link-local address (cloud metadata lives here), which the bot does not fetch from'],
  ])('refuses %s before fetching anything', async (url, why) => {
    const before = web.requests.length;
    expect(await add(url)).toBe(`error: ${why}\nusage: /brief add <url>`);
    expect(web.requests.length).toBe(before);
  });

  it('asks for a link, and one at a time', async () => {
    expect(renderText(await h.briefing.run('add', here))).toBe('error: add needs a link, e.g. add https://www.example.com/news/story\nusage: /brief add <url>');
    expect(renderText(await h.briefing.run('add https://a.example/ https://b.example/', here))).toBe('error: add takes one link at a time (for a site or feed, use feeds add <url>)\nusage: /brief add <url>');
  });

  it('limits adds per user per minute, with a clear reply, and other users are not affected', async () => {
    const limited = openHarness({ addsPerUserPerMinute: 2 });
    try {
      const me = ctx('slack', 'T1', 'C1', 'U-me');
      await limited.briefing.run(`add ${web.url('/news/dock-strike')}`, me);
      await limited.briefing.run(`add ${web.url('/local/budget')}`, me);
      const third = renderText(await limited.briefing.run(`add ${web.url('/')}`, me));
      expect(third).toMatch(/^error: you have added 2 links in the last minute; try again in (60|59|58) s\nusage: \/brief add <url>$/);
      const other = renderText(await limited.briefing.run(`add ${web.url('/')}`, ctx('slack', 'T1', 'C1', 'U-other')));
      expect(other).toMatch(/^error: Not added \(not an article\)/);
    } finally {
      await limited.close();
    }
  });
});
