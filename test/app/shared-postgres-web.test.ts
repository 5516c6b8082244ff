// BRIEFING_DATABASE_URL puts the web module's links and feeds in PostgreSQL: two replicas opened as
// `briefing start` opens them (openBriefing with the app's web hook), each with its own SQLite file
// for the knowledge store. A feed followed through one is listed by the other; a link one
// workspace adds through one replica is that workspace's on the other at once (the notification),
// with nothing written to either replica's SQLite web tables.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { renderText } from '../../src/adapters/console/render.ts';
import { openBriefing, type OpenBriefing } from '../../src/app/open.ts';
import { webHooks } from '../../src/app/web-hooks.ts';
import { configSchema } from '../../src/config/schema.ts';
import { silentLogger } from '../../src/log.ts';
import { FakeWeb } from '../fakes/web.ts';
import { describePg, freshDatabase, pgUrl } from '../pg/db.ts';
import { fixture } from '../web/harness.ts';
import { rss, storyHtml } from '../web/pages.ts';

const web = new FakeWeb();
const replicas: OpenBriefing[] = [];
const T1 = { platform: 'slack' as const, workspace: 'T1', channel: 'C1', user: 'U1', canManage: true };
const T2 = { ...T1, workspace: 'T2' };

beforeAll(async () => {
  if (!pgUrl) return;
  await web.start();
  web.route('/news/dock-strike', { body: fixture('harbour-strike.html'), type: 'text/html; charset=utf-8' });
  web.page('/story/1', storyHtml({ n: 1 }));
  web.route('/harbour.rss', { body: rss('Harbour news', [{ n: 1, url: web.url('/story/1') }]), type: 'application/rss+xml' });
  const url = await freshDatabase('app_web');
  for (let i = 0; i < 2; i++) {
    const dir = mkdtempSync(join(tmpdir(), `briefing-replica-${i}-`));
    const config = configSchema.parse({ databasePath: join(dir, 'briefing.db'), contentDir: join(dir, 'content'), databaseUrl: url, web: { allow: ['127.0.0.1'], perHostPerSecond: 50 } });
    replicas.push(await openBriefing(config, silentLogger, webHooks, { watch: true }));
  }
});
afterAll(async () => {
  for (const r of replicas) {
    await r.web?.stop();
    await r.deps.webStorage().close();
    r.close();
  }
  await web.stop();
});

const run = async (i: number, cmd: string, c = T1) => renderText(await replicas[i]!.briefing.run(cmd, c));

describePg('web tables in PostgreSQL, shared by replicas', () => {
  it('a feed followed through one replica is listed by the other, polled state included', async () => {
    expect((await run(0, `feeds add ${web.url('/harbour.rss')}`)).split('\n')[0]).toBe('Following: Harbour news');
    const list = await run(1, 'feeds list');
    expect(list.split('\n')[0]).toBe('Feeds (1)');
    expect(list).toContain(web.url('/harbour.rss'));
    // The other workspace does not see the feed.
    expect((await run(1, 'feeds list', T2)).split('\n')[0]).not.toBe('Feeds (1)');
  });

  it('a link one workspace adds through one replica is that workspace’s on the other, at once', async () => {
    const out = await run(0, `add ${web.url('/news/dock-strike')}`);
    expect(out.split('\n')[0]).toMatch(/^Added: Dock workers walk out/);
    const id = (await replicas[0]!.store.listArticles()).find((a) => a.title.startsWith('Dock workers walk out'))!.id;
    const rules = replicas[1]!.deps.webStorage();
    expect(rules.backend).toBe('postgres');
    await expect.poll(() => rules.visibility({ platform: 'slack', workspace: 'T2' })?.(id), { timeout: 3000, interval: 10 }).toBe(false);
    expect(rules.visibility({ platform: 'slack', workspace: 'T1' })!(id)).toBe(true);
    // Adding it again through the other replica finds it (the same URL is one article).
    expect((await run(1, `add ${web.url('/news/dock-strike')}`)).split('\n')[0]).toMatch(/^Already in the briefing/);
    // Nothing went to the replicas' SQLite web tables.
    for (const r of replicas) expect(r.deps.db().prepare(`SELECT count(*) AS n FROM sqlite_master WHERE name = 'web_feeds'`).get()).toEqual({ n: 0 });
  });
});
