// The web store on a real PostgreSQL shared by two replicas (two pools): what one writes the other
// reads, commands racing on two replicas end as on one, and each replica's visibility snapshot
// follows the other's writes as soon as they commit (the notification), or within its stamp check
// when no notification comes. The web module's own suites (test/web/feeds, follow) run on both
// backends through test/web/harness.ts.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openPostgres, type Pool } from '../../../src/store/postgres/index.ts';
import { PgWebStore, pgWebVisibility, type PgWebVisibility } from '../../../src/store/postgres/web.ts';
import type { WebArticleRecord } from '../../../src/store/web.ts';
import { describePg, freshDatabase, pgUrl } from '../../pg/db.ts';

let a: Pool;
let b: Pool;
const views: PgWebVisibility[] = [];
beforeAll(async () => {
  if (!pgUrl) return;
  const url = await freshDatabase('web');
  [a, b] = await Promise.all([openPostgres(url, { max: 4 }), openPostgres(url, { max: 4 })]);
});
afterAll(async () => {
  for (const v of views) await v.close();
  await a?.end();
  await b?.end();
});

const T1 = { platform: 'slack', workspace: 'T1', channel: 'C1' };
const T1b = { platform: 'slack', workspace: 'T1', channel: 'C2' };
const article = (id: string, scope: string, over: Partial<WebArticleRecord> = {}): WebArticleRecord => ({
  articleId: id,
  scope,
  url: `https://news.example/${id}`,
  canonicalUrl: `https://news.example/${id}`,
  textHash: `hash-${id}`,
  title: id,
  feedId: null,
  addedBy: 'U1',
  addedAt: 1,
  ...over,
});

describePg('postgres web store, two replicas', () => {
  it('the same feed added on two replicas at once is one feed, followed by both channels', async () => {
    const [ra, rb] = [new PgWebStore(a), new PgWebStore(b)];
    const url = 'https://news.example/race.rss';
    const results = await Promise.all([
      ra.addFeed('slack:T1', url, { origin: 'command', now: 10, channel: T1 }),
      rb.addFeed('slack:T1', url, { origin: 'command', now: 11, channel: T1b }),
    ]);
    expect(results.map((r) => r.created).sort()).toEqual([false, true]);
    expect(results.every((r) => r.followed)).toBe(true);
    const feeds = await rb.listFeeds('slack:T1');
    expect(feeds).toHaveLength(1);
    expect(feeds[0]!.channels).toEqual([T1, T1b]);
    // Removing it in both channels on both replicas at once: it goes exactly once.
    const gone = await Promise.all([ra.removeFeed('slack:T1', url, T1), rb.removeFeed('slack:T1', url, T1b)]);
    expect(gone.map((g) => g.removed)).toEqual([true, true]);
    expect(gone.filter((g) => g.feedGone)).toHaveLength(1);
    expect(await ra.findFeed('slack:T1', url)).toBeNull();
  });

  it('polling state, entries and due feeds as on SQLite; entries of a feed removed meanwhile are not kept', async () => {
    const [ra, rb] = [new PgWebStore(a), new PgWebStore(b)];
    const { feed } = await ra.addFeed('', 'https://news.example/all.rss', { origin: 'config', now: 100, title: 'All' });
    expect(feed).toMatchObject({ scope: '', title: 'All', origin: 'config', nextPollAt: 100, failures: 0, articles: 0, channels: [] });
    await rb.updateFeed(feed.id, { etag: '"v1"', lastModified: 'Thu, 03 Dec 2026 09:00:00 GMT', nextPollAt: 500, failures: 2, lastError: 'timed out', lastErrorAt: 90, addArticles: 3 });
    await rb.updateFeed(feed.id, { addArticles: 2 });
    expect(await ra.getFeed(feed.id)).toMatchObject({ etag: '"v1"', nextPollAt: 500, failures: 2, lastError: 'timed out', articles: 5 });
    expect((await ra.dueFeeds(499, 10)).map((f) => f.id)).not.toContain(feed.id);
    expect((await ra.dueFeeds(500, 10)).map((f) => f.id)).toContain(feed.id);
    await ra.updateFeed(feed.id, { pausedAt: 600 });
    expect((await ra.dueFeeds(10_000, 10)).map((f) => f.id)).not.toContain(feed.id);
    // Paused, added again: resumed, failures forgiven, due now.
    const again = await rb.addFeed('', 'https://news.example/all.rss', { origin: 'config', now: 700 });
    expect(again).toMatchObject({ created: false, resumed: true, feed: { pausedAt: null, failures: 0, nextPollAt: 700 } });

    await ra.markEntries(feed.id, ['guid-1', 'https://news.example/1', 'hash-1'], 'art-1', 800);
    expect(await rb.seenEntries(feed.id, ['guid-1', 'guid-2', 'hash-1'])).toEqual(new Set(['guid-1', 'hash-1']));
    expect(await rb.seenEntries(feed.id, [])).toEqual(new Set());
    const other = await ra.addFeed('slack:T1', 'https://news.example/gone.rss', { origin: 'command', now: 1, channel: T1 });
    await rb.removeFeed('slack:T1', 'https://news.example/gone.rss', T1);
    await ra.markEntries(other.feed.id, ['late'], 'art-late', 900);
    expect((await a.query('SELECT count(*)::int AS n FROM web_feed_entries WHERE feed_id = $1', [other.feed.id])).rows[0].n).toBe(0);
  });

  it('finds an article by URL, canonical URL or text, within a scope or in any', async () => {
    const [ra, rb] = [new PgWebStore(a), new PgWebStore(b)];
    await ra.recordArticle(article('found', 'discord:G1', { canonicalUrl: 'https://news.example/canonical' }));
    await ra.recordArticle(article('found', 'discord:G1')); // once per article and scope
    expect(await rb.findArticle('discord:G1', { url: 'https://news.example/canonical' })).toMatchObject({ articleId: 'found' });
    expect(await rb.findArticle('discord:G1', { canonicalUrl: 'https://news.example/found' })).toMatchObject({ articleId: 'found' });
    expect(await rb.findArticle('discord:G1', { textHash: 'hash-found' })).toMatchObject({ articleId: 'found', addedBy: 'U1' });
    expect(await rb.findArticle('discord:G2', { url: 'https://news.example/found' })).toBeNull();
    expect(await rb.findAnyArticle({ textHash: 'hash-found' })).toMatchObject({ articleId: 'found', scope: 'discord:G1' });
    expect((await rb.scopedArticles()).get('found')).toEqual(new Set(['discord:G1']));
  });

  it('a replica sees another replica’s new article as soon as it commits (notification), and without one within its stamp check', async () => {
    const seenByB = pgWebVisibility(b, { refreshMs: 60_000 });
    views.push(seenByB);
    await seenByB.ready;
    const writer = new PgWebStore(a);
    await writer.recordArticle(article('fresh', 'slack:T9'));
    // B has not written anything: only the notification can tell it.
    await expect.poll(() => seenByB.visibility({ platform: 'slack', workspace: 'T8' })?.('fresh'), { timeout: 2000, interval: 10 }).toBe(false);
    expect(seenByB.visibility({ platform: 'slack', workspace: 'T9' })!('fresh')).toBe(true);
    expect(seenByB.visibility({ platform: 'slack', workspace: 'T8' })!('content-article')).toBe(true);

    const polled = pgWebVisibility(b, { refreshMs: 100, listen: false });
    views.push(polled);
    await polled.ready;
    await writer.recordArticle(article('fresh2', 'slack:T9'));
    await expect.poll(() => polled.visibility({ platform: 'slack', workspace: 'T8' })?.('fresh2'), { timeout: 2000, interval: 10 }).toBe(false);
  });

  it('a feed’s articles go to the digests of the channels following it; a link to every channel of its workspace', async () => {
    const store = new PgWebStore(a);
    const seen = pgWebVisibility(b, { listen: false });
    views.push(seen);
    store.onChange = () => seen.refresh();
    const { feed } = await store.addFeed('slack:T5', 'https://news.example/t5.rss', { origin: 'command', now: 1, channel: { platform: 'slack', workspace: 'T5', channel: 'CF' } });
    await store.recordArticle(article('by-feed', 'slack:T5', { feedId: feed.id }));
    await store.recordArticle(article('by-link', 'slack:T5'));
    const digest = (channel: string, workspace = 'T5') => ['by-feed', 'by-link', 'content'].filter(seen.digestVisibility({ platform: 'slack', workspace, channel })!);
    expect(digest('CF')).toEqual(['by-feed', 'by-link', 'content']);
    expect(digest('CX')).toEqual(['by-link', 'content']);
    expect(digest('CF', 'T6')).toEqual(['content']);
    // Answers in any channel of the workspace have both.
    expect(['by-feed', 'by-link'].filter(seen.visibility({ platform: 'slack', workspace: 'T5' })!)).toEqual(['by-feed', 'by-link']);
  });

  it('a newer web schema is refused with the module and versions named', async () => {
    const url = await freshDatabase('web_newer');
    const p = await openPostgres(url);
    try {
      await p.query(`UPDATE schema_versions SET version = 9 WHERE module = 'web'`);
    } finally {
      await p.end();
    }
    await expect(openPostgres(url)).rejects.toThrow('the database was migrated by a newer version of briefing (web schema version 9; this version knows up to 1)');
  });
});
