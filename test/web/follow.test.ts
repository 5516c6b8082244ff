// Feeds are followed per channel: a feed's new articles go into the digests of the channels that
// follow it. Answers, `who` and facts are the workspace's, in every one of its channels; another
// workspace sees none of it. On SQLite and on PostgreSQL (the web tables, the digest ledger and the
// visibility snapshot), with the real poller and the local web.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderText } from '../../src/adapters/console/render.ts';
import { migrate, openDb } from '../../src/store/sqlite/db.ts';
import { sqliteDigestVisibility, webMigrations } from '../../src/store/sqlite/web.ts';
import { FakeWeb } from '../fakes/web.ts';
import { ctx, openHarnessOn, WEB_BACKENDS, type WebHarness } from './harness.ts';
import { rss, storyHtml, type FeedItem } from './pages.ts';

for (const backend of WEB_BACKENDS) {
  (backend.skip ? describe.skip : describe)(`on ${backend.name}${backend.skip ? ` (skipped: ${backend.skip})` : ''}`, () => {
    const web = new FakeWeb();
    let h: WebHarness;
    const news = ctx('slack', 'T0NEWS', 'C0HARBOUR');
    const sport = ctx('slack', 'T0NEWS', 'C0SPORT');
    const other = ctx('slack', 'T0OTHER', 'C0HARBOUR');

    function stories(from: number, to: number): FeedItem[] {
      const out: FeedItem[] = [];
      for (let n = from; n <= to; n++) {
        web.page(`/story/${n}`, storyHtml({ n }));
        out.push({ n, url: web.url(`/story/${n}`) });
      }
      return out;
    }

    beforeAll(async () => {
      await web.start();
      web.route('/harbour.rss', { body: rss('Harbour news', stories(1, 2)), type: 'application/rss+xml' });
      web.route('/ferries.rss', { body: rss('Ferry news', stories(2, 3)), type: 'application/rss+xml' });
      web.page('/link/9', storyHtml({ n: 9 }));
      h = await openHarnessOn(backend);
    });

    afterAll(async () => {
      await h?.close();
      await web.stop();
    });

    const run = async (cmd: string, c = news) => renderText(await h.briefing.run(cmd, c));
    /** Which stories a channel's digest links to (its sources list every article it covers). */
    const digestTitles = async (c = news) => {
      const links = JSON.stringify((await h.briefing.run('digest preview', c)).sections.flatMap((s) => s.items).filter((i) => i.type === 'link'));
      return [1, 2, 3, 9].filter((n) => links.includes(`"url":"${web.url(n === 9 ? '/link/9' : `/story/${n}`)}"`));
    };

    describe('a feed followed in one channel', () => {
      it('goes into that channel’s digest, with links to the articles', async () => {
        expect(await run(`feeds add ${web.url('/harbour.rss')}`)).toMatch(/^Following: Harbour news/);
        await h.web.poller.idle();
        expect(await digestTitles(news)).toEqual([1, 2]);
        const reply = await h.briefing.run('digest preview', news);
        expect(JSON.stringify(reply)).toContain(`"url":"${web.url('/story/1')}"`);
      });

      it('is not in the digest of another channel of the workspace, whose answers still have it', async () => {
        expect(await digestTitles(sport)).toEqual([]);
        expect(await run('quotes Tomas Reyes', sport)).toContain('We cannot run a service that loses money on every sailing of route 1,');
        expect(await run('who Tomas Reyes', sport)).toContain('Tomas Reyes');
        expect(await run('feeds list', sport)).toContain('followed in 1 channel');
        expect(await run('feeds list', news)).toContain('followed here');
      });

      it('is seen nowhere in another workspace', async () => {
        expect(await digestTitles(other)).toEqual([]);
        expect(await run('quotes Tomas Reyes', other)).not.toContain('route 1,');
        expect(await run('who Tomas Reyes', other)).toContain('Tomas Reyes does not appear in the briefing.');
        expect(await run('feeds list', other)).toMatch(/^No feeds yet/);
      });

      it('a link added with /brief add is the whole workspace’s, in every channel’s digest', async () => {
        expect(await run(`add ${web.url('/link/9')}`, sport)).toMatch(/^Added: Ferry service number 9/);
        expect(await digestTitles(news)).toEqual([1, 2, 9]);
        expect(await digestTitles(sport)).toEqual([9]);
        expect(await digestTitles(other)).toEqual([]);
      });

      it('an article two feeds bring goes to the followers of either', async () => {
        expect(await run(`feeds add ${web.url('/ferries.rss')}`, sport)).toMatch(/^Following: Ferry news/);
        await h.web.poller.idle();
        // Story 2 came first through the harbour feed; the ferry feed brings it again, and story 3.
        expect(await digestTitles(sport)).toEqual([2, 3, 9]);
        expect(await digestTitles(news)).toEqual([1, 2, 9]);
      });

      it('stops with feeds remove in that channel only; the articles stay answerable', async () => {
        expect(await run(`feeds remove ${web.url('/harbour.rss')}`, news)).toBe(
          `Stopped following: ${web.url('/harbour.rss')}\n\nNo channel follows it any more, so it is no longer polled. Articles already added stay in the briefing.`,
        );
        expect(await digestTitles(news)).toEqual([9]);
        expect(await digestTitles(sport)).toEqual([2, 3, 9]);
        expect(await run('quotes Tomas Reyes', news)).toContain('route 1,');
        expect(await run(`feeds add ${web.url('/ferries.rss')}`, news)).toMatch(/^Following: Ferry news/);
        expect(await digestTitles(news)).toEqual([2, 3, 9]);
      });

      it('an article a feed brought, added again with /brief add, becomes the workspace’s link: in every channel’s digest', async (t) => {
        // The upgrade rule is the SQLite web store's; the PostgreSQL one does not have it yet.
        if (backend.name !== 'SQLite') return t.skip();
        const id = (n: number) => (h.db.prepare('SELECT article_id FROM web_articles WHERE url = ?').pluck().get(web.url(`/story/${n}`)) as string);
        const inDigest = (c: typeof news, n: number) => sqliteDigestVisibility(h.db)(c)!(id(n));
        const elsewhere = ctx('slack', 'T0NEWS', 'C0ELSEWHERE');
        // Story 1 came only through the harbour feed, which nobody follows now: in no digest.
        expect([news, sport, elsewhere].map((c) => inDigest(c, 1))).toEqual([false, false, false]);
        expect(await run(`add ${web.url('/story/1')}`, sport)).toMatch(/^Already in the briefing: Ferry service number 1 faces new timetable row/);
        expect([news, sport, elsewhere].map((c) => inDigest(c, 1))).toEqual([true, true, true]);
        expect(inDigest(other, 1)).toBe(false);
        // The same with the page under another URL whose canonical URL is the feed's: story 3, only in the ferry followers' digests.
        expect([news, sport, elsewhere].map((c) => inDigest(c, 3))).toEqual([true, true, false]);
        web.page('/amp/story/3', storyHtml({ n: 3 }).replace('<head>', `<head><link rel="canonical" href="${web.url('/story/3')}">`));
        expect(await run(`add ${web.url('/amp/story/3')}`, elsewhere)).toMatch(/^Already in the briefing: Ferry service number 3/);
        expect([news, sport, elsewhere].map((c) => inDigest(c, 3))).toEqual([true, true, true]);
        // Story 2 is still the feeds' only.
        expect(inDigest(elsewhere, 2)).toBe(false);
      });
    });
  });
}

describe('migrating feeds followed per workspace (web version 1) to per channel', () => {
  it('keeps every feed, follower, entry and article, and knows which feed brought which article', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefing-web-migrate-'));
    const db = openDb(join(dir, 'briefing.db'));
    migrate(db, webMigrations.filter((m) => m.version === 1));
    db.exec(`
      INSERT INTO web_feeds (id, scope, url, title, origin, added_at, next_poll_at) VALUES
        (1, 'slack:T1', 'https://a.example/rss', 'A', 'command', 1, 1),
        (2, 'slack:T1', 'https://b.example/rss', 'B', 'command', 1, 1);
      INSERT INTO web_feed_channels VALUES (1, 'slack', 'T1', 'C-A'), (2, 'slack', 'T1', 'C-B');
      INSERT INTO web_articles VALUES
        ('art-a', 'slack:T1', 'https://a.example/1', 'https://a.example/1', 'h1', 'From A', 1, NULL, 1),
        ('art-ab', 'slack:T1', 'https://a.example/2', 'https://a.example/2', 'h2', 'From A and B', 1, NULL, 1),
        ('art-gone', 'slack:T1', 'https://gone.example/1', 'https://gone.example/1', 'h3', 'From a removed feed', 7, NULL, 1),
        ('art-link', 'slack:T1', 'https://c.example/1', 'https://c.example/1', 'h4', 'A link', NULL, 'U1', 1);
      INSERT INTO web_feed_entries VALUES (1, 'g1', 'art-a', 1), (1, 'g2', 'art-ab', 1), (2, 'g3', 'art-ab', 1), (2, 'g4', NULL, 1);`);
    const count = (t: string) => (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
    const before = ['web_feeds', 'web_feed_channels', 'web_articles', 'web_feed_entries'].map(count);
    // Before the migration, the digest rule reads the workspace's articles in every channel.
    expect([...['art-a', 'art-ab', 'art-link']].filter(sqliteDigestVisibility(db)({ platform: 'slack', workspace: 'T1', channel: 'C-B' })!)).toEqual(['art-a', 'art-ab', 'art-link']);

    migrate(db, webMigrations);
    expect(['web_feeds', 'web_feed_channels', 'web_articles', 'web_feed_entries'].map(count)).toEqual(before);
    expect(db.prepare('SELECT article_id, feed_id FROM web_article_feeds ORDER BY article_id, feed_id').all()).toEqual([
      { article_id: 'art-a', feed_id: 1 },
      { article_id: 'art-ab', feed_id: 1 },
      { article_id: 'art-ab', feed_id: 2 },
    ]);
    const ids = ['art-a', 'art-ab', 'art-gone', 'art-link', 'content-article'];
    const digest = (channel: string) => ids.filter(sqliteDigestVisibility(db)({ platform: 'slack', workspace: 'T1', channel })!);
    // A removed feed's article is answerable still, in no channel's digest.
    expect(digest('C-A')).toEqual(['art-a', 'art-ab', 'art-link', 'content-article']);
    expect(digest('C-B')).toEqual(['art-ab', 'art-link', 'content-article']);
    expect(digest('C-NONE')).toEqual(['art-link', 'content-article']);
    expect(ids.filter(sqliteDigestVisibility(db)({ platform: 'slack', workspace: 'T2', channel: 'C-A' })!)).toEqual(['content-article']);
    db.close();
  });
});
