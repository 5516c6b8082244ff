import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderText } from '../../src/adapters/console/render.ts';
import { parseFeedText } from '../../src/web/feeds/parse.ts';
import { readOpml } from '../../src/web/feeds/opml.ts';
import { FakeWeb } from '../fakes/web.ts';
import { ctx, openHarnessOn, WEB_BACKENDS, type WebHarness } from './harness.ts';
import { atom, jsonFeed, rss, storyHtml, storyTitle, type FeedItem } from './pages.ts';

for (const backend of WEB_BACKENDS) {
  (backend.skip ? describe.skip : describe)(`on ${backend.name}${backend.skip ? ` (skipped: ${backend.skip})` : ''}`, () => {
    const web = new FakeWeb();
    let h: WebHarness;
    let clock = Date.parse('2026-12-03T09:00:00Z');
    const here = ctx('console', 'local', 'C-news');

    function stories(from: number, to: number): FeedItem[] {
      const out: FeedItem[] = [];
      for (let n = from; n <= to; n++) {
        web.page(`/story/${n}`, storyHtml({ n }));
        out.push({ n, url: web.url(`/story/${n}`) });
      }
      return out;
    }

    let rssItems: FeedItem[] = [];

    beforeAll(async () => {
      await web.start();
      rssItems = stories(1, 3);
      web.route('/feed.rss', (req, res) => {
        const body = rss('Coastal Herald: News', rssItems);
        const etag = `"${rssItems.length}"`;
        if (req.headers['if-none-match'] === etag) return void res.writeHead(304).end();
        res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag }).end(body);
      });
      web.route('/feed.atom', { body: atom('Coastal Herald: Sport', stories(10, 11)), type: 'application/atom+xml' });
      web.route('/feed.json', { body: jsonFeed('Coastal Herald: JSON', stories(20, 21)), type: 'application/feed+json' });
      web.page('/site', '<html><head><title>Home</title><link rel="alternate" type="application/atom+xml" href="/feed.atom"></head><body><a href="/story/1">x</a></body></html>');
      web.page('/no-feed', '<html><head><title>Home</title></head><body><p>Welcome</p></body></html>');
      web.route('/broken.xml', { body: '<?xml version="1.0"?><rss version="2.0"><channel><title>Broken</title><item><title>Half', type: 'application/rss+xml' });
      web.route('/nolink.rss', { body: rss('No links', [{ n: 30, url: null }, ...stories(31, 31)]), type: 'application/rss+xml' });
      web.route('/fallback.rss', {
        body: rss('Fallback', [{ n: 40, url: web.url('/gone/40'), content: `<p>${'The feed carries the whole story here. '.repeat(8)}</p><p>“We will keep the route open,” said Elena Marsh, the harbour master.</p>` }]),
        type: 'application/rss+xml',
      });
      const big: FeedItem[] = [];
      for (let n = 0; n < 10_000; n++) big.push({ n: 100_000 + n, url: web.url(`/big/${n}`) });
      web.route('/big.rss', { body: rss('Ten thousand', big), type: 'application/rss+xml' });
      for (let n = 0; n < 10_000; n++) web.page(`/big/${n}`, storyHtml({ n: 100_000 + n }));
      let flaky = 0;
      web.route('/flaky.rss', (_req, res) => {
        flaky++;
        res.writeHead(503, { 'retry-after': '600' }).end('busy');
      });
      h = await openHarnessOn(backend, { allow: ['127.0.0.1', 'localhost'], feeds: { pauseAfterFailures: 3 } }, { now: () => clock, poller: { entriesPerPoll: 5 } });
    });

    afterAll(async () => {
      await h.close();
      await web.stop();
    });

    const run = async (cmd: string, c = here) => renderText(await h.briefing.run(cmd, c));
    const feedId = async (url: string) => (await h.webStore.findFeed('console:local', url))!.id;

    describe('feeds', () => {
      it('follows an RSS feed and adds its articles, fetched and extracted like /brief add', async () => {
        const out = await run(`feeds add ${web.url('/feed.rss')}`);
        expect(out).toBe(`Following: Coastal Herald: News\n\n${web.url('/feed.rss')}: 3 entries now; new articles are added to the briefing as they appear (checked every 15 min) and go into this channel's digest.`);
        await h.web.poller.idle();
        const titles = h.store.listArticles().map((a) => a.title).sort();
        expect(titles).toEqual([storyTitle(1), storyTitle(2), storyTitle(3)]);
        const quotes = renderText(await h.briefing.run('quotes Grace Adeyemi', here));
        expect(quotes).toContain('We cannot run a service that loses money on every sailing of route 2,');
      });

      it('polls with a conditional GET, and takes only the new entries when the feed changes', async () => {
        const id = await feedId(web.url('/feed.rss'));
        const before = web.requestsTo('/feed.rss').length;
        const unchanged = await h.web.poller.poll(id);
        expect(unchanged).toMatchObject({ status: 'unchanged', added: 0 });
        expect(web.requestsTo('/feed.rss').at(-1)!.headers['if-none-match']).toBe('"3"');
        rssItems = [...stories(4, 5), ...rssItems];
        const changed = await h.web.poller.poll(id);
        expect(changed).toMatchObject({ status: 'new', added: 2 });
        expect(web.requestsTo('/feed.rss').length).toBe(before + 2);
        // Pages already seen are not fetched again.
        expect(web.requestsTo('/story/1')).toHaveLength(1);
        expect(h.store.listArticles()).toHaveLength(5);
      });

      it('dedupes an entry whose GUID changed but URL did not', async () => {
        const id = await feedId(web.url('/feed.rss'));
        rssItems = rssItems.map((i) => (i.n === 4 ? { ...i, guid: 'renamed-4' } : i));
        expect(await h.web.poller.poll(id)).toMatchObject({ added: 0 });
        expect(web.requestsTo('/story/4')).toHaveLength(1);
      });

      it('reads Atom and JSON Feed, and finds a site’s feed from its home page', async () => {
        expect((await run(`feeds add ${web.url('/feed.json')}`)).split('\n')[0]).toBe('Following: Coastal Herald: JSON');
        expect((await run(`feeds add ${web.url('/site')}`)).split('\n\n')).toEqual(['Following: Coastal Herald: Sport', `${web.url('/feed.atom')}: 2 entries now; new articles are added to the briefing as they appear (checked every 15 min) and go into this channel's digest.`]);
        await h.web.poller.idle();
        const titles = h.store.listArticles().map((a) => a.title);
        for (const n of [10, 11, 20, 21]) expect(titles).toContain(storyTitle(n));
        expect((await run(`feeds add ${web.url('/feed.atom')}`)).split('\n')[0]).toBe('Already following: Coastal Herald: Sport');
      });

      it('says why a link is not a feed', async () => {
        expect(await run(`feeds add ${web.url('/no-feed')}`)).toBe(`error: Not followed: ${web.url('/no-feed')} is a web page that names no feed (no <link rel="alternate"> to RSS, Atom or JSON Feed)\nusage: /brief feeds add <url> | remove <url> | list`);
        expect(await run(`feeds add ${web.url('/broken.xml')}`)).toBe(`error: Not followed: ${web.url('/broken.xml')}: it is not an RSS, Atom or JSON feed (or its XML is broken)\nusage: /brief feeds add <url> | remove <url> | list`);
        expect(await run('feeds add ftp://example.com/feed')).toBe('error: Not followed: not a web link: only http and https links are fetched, not ftp:\nusage: /brief feeds add <url> | remove <url> | list');
        expect(await run('feeds add http://192.168.0.1/rss')).toMatch(/^error: Not followed: blocked address: 192\.168\.0\.1 is a private address/);
      });

      it('skips an entry without a link, saying so in feeds list, and adds the others', async () => {
        await run(`feeds add ${web.url('/nolink.rss')}`);
        await h.web.poller.idle();
        expect(h.store.listArticles().map((a) => a.title)).toContain(storyTitle(31));
        const feed = (await h.webStore.findFeed('console:local', web.url('/nolink.rss')))!;
        expect(feed.lastError).toBe('1 entry has no link and was skipped');
      });

      it('uses the feed’s own content when the page cannot be had', async () => {
        await run(`feeds add ${web.url('/fallback.rss')}`);
        await h.web.poller.idle();
        const a = h.store.listArticles().find((x) => x.title === storyTitle(40))!;
        expect(a.url).toBe(web.url('/gone/40'));
        expect(h.store.getExtraction(a.id)!.quotes.map((q) => q.text)).toContain('We will keep the route open,');
      });

      it('reads a 10,000-entry feed and takes its newest entries a poll at a time', async () => {
        await run(`feeds add ${web.url('/big.rss')}`);
        await h.web.poller.idle();
        const id = await feedId(web.url('/big.rss'));
        const feed = (await h.webStore.getFeed(id))!;
        expect({ articles: feed.articles, error: feed.lastError }).toEqual({ articles: 5, error: null });
        expect(web.requests.filter((r) => r.path.startsWith('/big/'))).toHaveLength(5);
      });

      it('backs off on errors, honours Retry-After, pauses after 3 failures and resumes on feeds add', async () => {
        // On a host of its own (the server under another name): its Retry-After holds that host back.
        const flakyUrl = web.url('/flaky.rss', 'localhost');
        await h.webStore.addFeed('console:local', flakyUrl, { origin: 'command', now: clock, channel: { platform: 'console', workspace: 'local', channel: 'C-news' } });
        const id = await feedId(flakyUrl);
        const r1 = await h.web.poller.poll(id);
        expect(r1).toMatchObject({ status: 'failed', error: `localhost:${web.port} answered 503 Service Unavailable` });
        let f = (await h.webStore.getFeed(id))!;
        expect(f.failures).toBe(1);
        // 15 min ± 10% backoff, but Retry-After (10 min) is less: the backoff wins.
        expect(f.nextPollAt - clock).toBeGreaterThanOrEqual(0.9 * 15 * 60_000);
        // Polled again within the 10 minutes the host asked for: refused without a request.
        const r2 = await h.web.poller.poll(id);
        expect(r2.error).toMatch(new RegExp(`^localhost:${web.port} asked not to be fetched for another (5\\d\\d(\\.\\d)?|600) s \\(Retry-After\\)$`));
        expect(web.requestsTo('/flaky.rss')).toHaveLength(1);
        f = (await h.webStore.getFeed(id))!;
        expect(f.nextPollAt - clock).toBeGreaterThanOrEqual(0.9 * 30 * 60_000);
        await h.web.poller.poll(id);
        f = (await h.webStore.getFeed(id))!;
        expect(f.pausedAt).toBe(clock);
        expect(await h.webStore.dueFeeds(clock + 365 * 86_400_000, 100)).not.toContainEqual(expect.objectContaining({ id }));
        clock += 5 * 60_000;
        const list = await run('feeds list');
        expect(list).toContain(`${flakyUrl}\npaused after 3 failed fetches (feeds add it again to resume) · last fetch 5 min ago · no new article yet · 0 articles · last error 5 min ago: localhost:${web.port} asked not to be fetched for another`);
      });

      it('lists each feed with its last fetch and last new article', async () => {
        const list = await run('feeds list');
        expect(list.split('\n')[0]).toBe('Feeds (7)');
        expect(list).toContain(`Coastal Herald: News — ${web.url('/feed.rss')}\nlast fetch 5 min ago · last new article 5 min ago · 5 articles · followed here`);
      });

      it('stops following on feeds remove', async () => {
        expect(await run(`feeds remove ${web.url('/feed.json')}`)).toBe(`Stopped following: ${web.url('/feed.json')}\n\nNo channel follows it any more, so it is no longer polled. Articles already added stay in the briefing.`);
        expect(await run(`feeds remove ${web.url('/feed.json')}`)).toBe(`error: this channel does not follow ${web.url('/feed.json')} (see /brief feeds list)\nusage: /brief feeds add <url> | remove <url> | list`);
      });

      it('needs channel-manage permission to change feeds, not to list them', async () => {
        const member = { ...here, canManage: false };
        expect(await run(`feeds add ${web.url('/feed.rss')}`, member)).toBe('error: you need permission to manage this channel to add its feeds\nusage: /brief feeds add <url> | remove <url> | list');
        expect((await run('feeds list', member)).split('\n')[0]).toBe('Feeds (6)');
      });
    });
  });
}

describe('feed parsing', () => {
  it('normalises RSS, Atom and JSON Feed entries', () => {
    const base = 'https://example.org/';
    const items = [{ n: 1, url: '/a' }];
    for (const body of [rss('R', items), atom('A', items), jsonFeed('J', items)]) {
      const p = parseFeedText(body, base);
      expect(p.ok && p.entries[0]).toMatchObject({ url: 'https://example.org/a', title: storyTitle(1), published: '2026-12-02' });
    }
  });

  it('reads OPML, nested outlines included, and names a bad entry', () => {
    const xml = `<?xml version="1.0"?><opml version="2.0"><head><title>x</title></head><body><outline text="News" xmlUrl="https://a.example/rss"/><outline text="Group"><outline text="Sport" xmlUrl="https://b.example/atom"/><outline text="Bad" xmlUrl="ftp://c.example/x"/></outline></body></opml>`;
    expect(readOpml(xml, 'feeds.opml')).toEqual({
      feeds: [
        { url: 'https://a.example/rss', title: 'News', where: 'feeds.opml:1 body/outline[1]' },
        { url: 'https://b.example/atom', title: 'Sport', where: 'feeds.opml:1 body/outline[2]/outline[1]' },
      ],
      problems: ["feeds.opml:1 body/outline[2]/outline[2] (Bad): xmlUrl 'ftp://c.example/x' is not an http(s) URL"],
    });
  });
});
