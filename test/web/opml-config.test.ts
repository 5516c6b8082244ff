// Feeds declared in config through an OPML file, loaded as the app loads its config: each broken
// outline is reported with the file, its line and its outline path, and the others are followed.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import { createLogger } from '../../src/log.ts';
import { migrate, openDb, type Db } from '../../src/store/sqlite/db.ts';
import { KnowledgeStore } from '../../src/store/sqlite/knowledge/store.ts';
import { SqliteWebStore, webMigrations } from '../../src/store/sqlite/web.ts';
import { extractArticle } from '../../src/core/extract/index.ts';
import { createWebModule, type WebModule } from '../../src/web/index.ts';
import { FakeWeb } from '../fakes/web.ts';
import { rss, storyHtml } from './pages.ts';

const web = new FakeWeb();
const dir = mkdtempSync(join(tmpdir(), 'briefing-opml-'));
const opmlPath = join(dir, 'feeds.opml');
const logs: string[] = [];
let db: Db;
let store: KnowledgeStore;
let module: WebModule;
let webStore: SqliteWebStore;

beforeAll(async () => {
  await web.start();
  web.page('/story/1', storyHtml({ n: 1 }));
  web.route('/harbour.rss', { body: rss('Harbour news', [{ n: 1, url: web.url('/story/1') }]), type: 'application/rss+xml' });
  web.route('/sport.rss', { body: rss('Sport', []), type: 'application/rss+xml' });
  writeFileSync(
    opmlPath,
    [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<opml version="2.0">',
      '  <head><title>Newsroom feeds</title></head>',
      '  <body>',
      `    <outline text="Harbour" type="rss" xmlUrl="${web.url('/harbour.rss')}"/>`,
      '    <!-- <outline text="Commented out" xmlUrl="https://old.example/rss"/> -->',
      '    <outline text="Wire">',
      '      <outline text="Bad scheme" type="rss" xmlUrl="ftp://files.example/feed.xml"/>',
      '      <outline text="Not a URL" type="rss" xmlUrl="harbour news"/>',
      '      <outline text="Intranet" type="rss" xmlUrl="http://10.0.0.7/news.rss"/>',
      '      <outline text="No link"/>',
      `      <outline text="Sport" type="rss" xmlUrl="${web.url('/sport.rss')}"/>`,
      '    </outline>',
      '  </body>',
      '</opml>',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(dir, 'briefing.yaml'),
    [`databasePath: ${join(dir, 'briefing.db')}`, 'web:', '  allow: [127.0.0.1]', '  feeds:', `    opml: ${opmlPath}`, ''].join('\n'),
  );
  const { config } = loadConfig({ cwd: dir, env: { BRIEFING_CONFIG: 'briefing.yaml' }, envFile: null });
  expect(config.web.feeds.opml).toBe(opmlPath);
  store = KnowledgeStore.open({ path: config.databasePath, extract: extractArticle });
  db = openDb(config.databasePath);
  migrate(db, webMigrations);
  webStore = new SqliteWebStore(db);
  const logger = createLogger({ level: 'debug', write: (l) => logs.push(l) });
  module = createWebModule({ config: config.web, knowledge: store, store: webStore, logger });
  await module.syncConfigFeeds();
});

afterAll(async () => {
  await module?.stop();
  store?.close();
  db?.close();
  await web.stop();
});

/** The error lines' messages (`<time> error <message>`). */
const errors = () => logs.map((l) => /^\S+ error (.*)$/.exec(l)?.[1]).filter((m): m is string => m !== undefined);

describe('feeds from an OPML file named in config', () => {
  it('follows the good outlines, as everybody’s config feeds, titled from the OPML', async () => {
    const feeds = await webStore.listFeeds();
    expect(feeds.map((f) => [f.scope, f.url, f.title, f.origin])).toEqual([
      ['', web.url('/harbour.rss'), 'Harbour', 'config'],
      ['', web.url('/sport.rss'), 'Sport', 'config'],
    ]);
  });

  it('names the file, line and outline of each broken one', () => {
    expect(errors()).toEqual([
      `config: web.feeds.opml: ${opmlPath}:8 body/outline[2]/outline[1] (Bad scheme): xmlUrl 'ftp://files.example/feed.xml' is not an http(s) URL`,
      `config: web.feeds.opml: ${opmlPath}:9 body/outline[2]/outline[2] (Not a URL): xmlUrl 'harbour news' is not an http(s) URL`,
      `config: web.feeds.opml: ${opmlPath}:11 body/outline[2]/outline[4] (No link): an outline with neither xmlUrl nor outlines inside, so no feed`,
      `config: web.feeds.opml: ${opmlPath}:10 body/outline[2]/outline[3]: 10.0.0.7 is a private address, which the bot does not fetch from`,
    ]);
  });

  it('polls the feeds it follows: their articles are everybody’s', async () => {
    const id = (await webStore.findFeed('', web.url('/harbour.rss')))!.id;
    expect(await module.poller.poll(id)).toMatchObject({ status: 'new', added: 1 });
    expect(store.listArticles().map((a) => a.title)).toEqual(['Ferry service number 1 faces new timetable row']);
  });

  it('syncing again adds nothing twice', async () => {
    await module.syncConfigFeeds();
    expect((await webStore.listFeeds()).length).toBe(2);
  });

  it('reads a relative path from the config file’s folder, not the working directory', async () => {
    const cfgDir = join(dir, 'config');
    mkdirSync(cfgDir, { recursive: true });
    writeFileSync(join(cfgDir, 'newsroom.opml'), `<?xml version="1.0"?><opml version="2.0"><body><outline text="Relative" type="rss" xmlUrl="${web.url('/relative.rss')}"/></body></opml>`);
    writeFileSync(join(cfgDir, 'briefing.yaml'), [`databasePath: ${join(dir, 'relative.db')}`, 'web:', '  allow: [127.0.0.1]', '  feeds:', '    opml: newsroom.opml', ''].join('\n'));
    // Started from elsewhere (the test's own working directory), with the config file named by path.
    const loaded = loadConfig({ cwd: dir, env: { BRIEFING_CONFIG: 'config/briefing.yaml' }, envFile: null });
    expect(loaded.config.web.feeds.opml).toBe('newsroom.opml');
    const relDb = openDb(loaded.config.databasePath);
    migrate(relDb, webMigrations);
    const relStore = new SqliteWebStore(relDb);
    const relLogs: string[] = [];
    const rel = createWebModule({ config: loaded.config.web, knowledge: store, store: relStore, logger: createLogger({ level: 'debug', write: (l) => relLogs.push(l) }), configDir: dirname(loaded.source) });
    await rel.syncConfigFeeds();
    expect((await relStore.listFeeds()).map((f) => [f.url, f.title])).toEqual([[web.url('/relative.rss'), 'Relative']]);
    expect(relLogs.filter((l) => / error /.test(l))).toEqual([]);
    // Without the config file's folder, the same path is looked for in the working directory, and the error says where.
    const lost = createWebModule({ config: loaded.config.web, knowledge: store, store: relStore, logger: createLogger({ level: 'debug', write: (l) => relLogs.push(l) }), configDir: dir });
    await lost.syncConfigFeeds();
    expect(relLogs.join('\n')).toContain(`config: web.feeds.opml: cannot read ${join(dir, 'newsroom.opml')} (newsroom.opml, from ${dir}): ENOENT`);
    await rel.stop();
    await lost.stop();
    relDb.close();
  });

  it('a file that is not OPML is named, and the config feeds still load', async () => {
    writeFileSync(opmlPath, '<?xml version="1.0"?><opml version="2.0"><body><outline text="Half"');
    logs.length = 0;
    await module.syncConfigFeeds();
    expect(errors()).toHaveLength(1);
    expect(errors()[0]).toMatch(new RegExp(`^config: web\\.feeds\\.opml: ${opmlPath.replace(/[.]/g, '\\.')}: not an OPML file \\(`));
    expect((await webStore.listFeeds()).length).toBe(2);
  });
});
