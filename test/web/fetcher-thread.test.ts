// The web module as a running bot has it: pages and feeds fetched and read in the web fetcher
// thread (WorkerWebReader), against the local web. The same replies as in-thread, the same refusals
// (the connected address is checked in that thread), one per-host spacing and Retry-After for all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderText } from '../../src/adapters/console/render.ts';
import { WorkerWebReader } from '../../src/web/remote.ts';
import { FakeWeb } from '../fakes/web.ts';
import { ctx, fixture, openHarness, type WebHarness } from './harness.ts';
import { rss, storyHtml } from './pages.ts';

const web = new FakeWeb();
let threaded: WebHarness;
let inThread: WebHarness;
const here = ctx('console', 'local', 'C-news');
const resolver = { module: new URL('./names.ts', import.meta.url), export: 'resolveTestNames' };
const url = (path: string, host = 'news.test') => web.url(path, host);

beforeAll(async () => {
  await web.start();
  web.route('/news/dock-strike', { body: fixture('harbour-strike.html'), type: 'text/html; charset=utf-8' });
  web.route('/report.pdf', { body: Buffer.from('%PDF-1.7\n%âãÏÓ\n'), type: 'application/pdf' });
  web.redirect('/to-loopback', `http://127.0.0.1:${web.port}/news/dock-strike`);
  for (const n of [1, 2, 3]) web.page(`/story/${n}`, storyHtml({ n }));
  web.route('/feed.rss', (req, res) => {
    const etag = '"three"';
    if (req.headers['if-none-match'] === etag) return void res.writeHead(304).end();
    res.writeHead(200, { 'content-type': 'application/rss+xml', etag }).end(rss('Thread feed', [1, 2, 3].map((n) => ({ n, url: url(`/story/${n}`) }))));
  });
  web.route('/busy', { body: 'busy', status: 429, headers: { 'retry-after': '300' } });
  // Only the test names are allowed: 127.0.0.1 itself is not (a redirect there is refused).
  const config = { allow: ['news.test', 'other.test'], perHostPerSecond: 5 };
  threaded = openHarness(config, { fetching: 'worker', resolver });
  inThread = openHarness({ allow: ['127.0.0.1'] });
});

afterAll(async () => {
  await threaded?.close();
  await inThread?.close();
  await web.stop();
});

describe('the web fetcher thread', () => {
  it('is what the module reads through', () => {
    expect(threaded.web.reader).toBeInstanceOf(WorkerWebReader);
  });

  it('adds a page with the same reply as when fetched in-thread', async () => {
    const viaThread = renderText(await threaded.briefing.run(`add ${url('/news/dock-strike')}`, here));
    const local = renderText(await inThread.briefing.run(`add ${web.url('/news/dock-strike')}`, here));
    expect(viaThread).toMatch(/^Added: Dock workers walk out/);
    expect(viaThread.split('\n')[0]).toBe(local.split('\n')[0]);
  });

  it('refuses what is not HTML, a name resolving to a private address, and a redirect to loopback', async () => {
    expect(renderText(await threaded.briefing.run(`add ${url('/report.pdf')}`, here))).toContain('Not added (not HTML): the link is a PDF, not an HTML page');
    const intranet = renderText(await threaded.briefing.run('add http://intranet.test/news/dock-strike', here));
    expect(intranet).toContain(`Not added (blocked address): intranet.test resolves to 10.0.0.1, a private address`);
    const redirected = renderText(await threaded.briefing.run(`add ${url('/to-loopback')}`, here));
    expect(redirected).toContain('Not added (blocked address)');
    expect(redirected).toContain('127.0.0.1');
  });

  it('follows and polls a feed, conditionally the second time', async () => {
    expect(renderText(await threaded.briefing.run(`feeds add ${url('/feed.rss')}`, here))).toContain('Following: Thread feed');
    await threaded.web.poller.idle();
    const feed = (await threaded.webStore.listFeeds('console:local')).find((f) => f.url === url('/feed.rss'))!;
    expect(feed.articles).toBe(3);
    expect(await threaded.web.poller.poll(feed.id)).toMatchObject({ status: 'unchanged', added: 0 });
    expect(web.requestsTo('/feed.rss').at(-1)!.headers['if-none-match']).toBe('"three"');
  });

  it('spaces requests to one host by the per-host rate, whoever asks', async () => {
    for (const n of [4, 5, 6, 7]) web.page(`/spaced/${n}`, storyHtml({ n: 50 + n }));
    const from = web.requests.length;
    await Promise.all([4, 5, 6, 7].map((n) => threaded.web.reader.page(url(`/spaced/${n}`))));
    const times = web.requests.slice(from).filter((r) => r.path.startsWith('/spaced/')).map((r) => r.at).sort((a, b) => a - b);
    expect(times).toHaveLength(4);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(180);
  });

  it('holds a host back for its Retry-After for every later request, and not another host', async () => {
    const first = await threaded.web.reader.page(url('/busy', 'other.test'));
    expect(first).toMatchObject({ ok: false, status: 429 });
    const sent = web.requests.length;
    const next = await threaded.web.reader.page(url('/story/1', 'other.test'));
    expect(next).toMatchObject({ ok: false, reason: 'http-error', status: 429 });
    expect(!next.ok && next.message).toMatch(/^other\.test:\d+ asked not to be fetched for another \d+(\.\d)? s \(Retry-After\)$/);
    expect(web.requests.length).toBe(sent);
    expect(await threaded.web.reader.page(url('/story/1'))).toMatchObject({ ok: true });
  });
});
