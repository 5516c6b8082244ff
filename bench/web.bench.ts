// `npm run bench web`: the web module wired as `briefing start` wires it (openBriefing: answer
// workers, extraction workers, the state database), against a local web in a process of its own
// (bench/fixtures/fake-web-process.ts), in one run:
// - pages added per second (fetch + read + extract + store, 8 at a time) next to the same pages only
//   fetched from this thread (the baseline), and peak RSS;
// - BENCH_FEEDS feeds (default 500) of BENCH_ENTRIES entries (default 20) over BENCH_HOSTS host names
//   (default 50, all resolving to 127.0.0.1), polled: the time until every article is answerable;
// - requests per host per second, counted by the server, which must stay within the limit;
// - the ack time of `/brief` slash commands through the real Bolt app while that runs, p50/p99,
//   next to the same commands acked before polling starts (the baseline). The commands are sent
//   from another thread every 50 ms (bench/fixtures/ack-client.ts), as Slack sends them.
// BENCH_FETCHING picks where pages and feeds are fetched and read:
//   worker (default): fetched and read in the web fetcher thread, as a bot does;
//   pool: fetched here, read (decoding, Readability, feedsmith) in the extraction workers;
//   before: fetched, decoded and feeds parsed here, pages' Readability in the extraction workers
//   (the wiring before the web fetcher thread).
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSlackAdapter } from '../src/adapters/slack/index.ts';
import { openBriefing } from '../src/app/open.ts';
import type { AppHooks } from '../src/app/types.ts';
import { createAppWebModule, type AppWebOptions } from '../src/app/web-hooks.ts';
import { configSchema } from '../src/config/schema.ts';
import { createLogger, silentLogger } from '../src/log.ts';
import { openDb } from '../src/store/sqlite/db.ts';
import { SqliteWebStore } from '../src/store/sqlite/web.ts';
import { decodeBody } from '../src/web/charset.ts';
import { feedFromBytes } from '../src/web/bytes.ts';
import { SafeFetcher } from '../src/web/fetch.ts';
import { readPage, type PageArticle, type PageRefusal } from '../src/web/page.ts';
import { LocalWebReader } from '../src/web/reader.ts';
import { beside, spawnWorker } from '../src/workers/spawn.ts';
import { startFakeSlackChild } from './fixtures/fake-slack-child.ts';
import { benchHost, resolveLocal } from './fixtures/local-names.ts';
import { storyTitle } from '../test/web/pages.ts';

const FEEDS = Number(process.env.BENCH_FEEDS ?? 500);
const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 20);
const HOSTS = Number(process.env.BENCH_HOSTS ?? 50);
const PAGES = Number(process.env.BENCH_PAGES ?? 300);
const PER_HOST = Number(process.env.BENCH_PER_HOST ?? 20);
const FETCHING = (process.env.BENCH_FETCHING ?? 'worker') as 'worker' | 'pool' | 'before';
const SECRET = 'bench-signing-secret-0123456789';

let peakRss = process.memoryUsage.rss();
const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 50);
const startRss = peakRss;

// The local web, in its own process.
const webChild = fork(fileURLToPath(new URL('./fixtures/fake-web-process.ts', import.meta.url)), [String(FEEDS), String(ENTRIES), String(HOSTS), String(PAGES)], { execArgv: ['--import', 'tsx'] });
const { port } = (await once(webChild, 'message'))[0] as { port: number };
const webUrl = (path: string, host: string) => `http://${host}:${port}${path}`;
const requests = async (since: number) => {
  const answer = once(webChild, 'message');
  webChild.send({ since });
  return (await answer)[0] as { count: number; maxPerHostSecond: number };
};

const dir = mkdtempSync(join(tmpdir(), 'briefing-web-bench-'));
mkdirSync(join(dir, 'content'));
const config = configSchema.parse({
  databasePath: join(dir, 'b.db'),
  contentDir: join(dir, 'content'),
  watchContent: false,
  web: { allow: ['*.bench.test', '127.0.0.1'], perHostPerSecond: PER_HOST, addsPerUserPerMinute: 1000, timeoutMs: 60_000 },
});
const poller = { tickMs: 100, startSpreadMs: 0, concurrency: 8, entriesPerPoll: ENTRIES };
const hooks: AppHooks = {
  platforms: {},
  web: (d) => {
    const opts: AppWebOptions =
      FETCHING === 'worker' ? { resolver: { module: new URL('./fixtures/local-names.ts', import.meta.url), export: 'resolveLocal' }, poller } : FETCHING === 'pool' ? { fetching: 'pool', resolve: resolveLocal, poller } : { poller };
    if (FETCHING !== 'before') return createAppWebModule(d, opts);
    // The wiring before the web fetcher thread: fetching, decoding and feed parsing in this thread.
    const store = d.store;
    return createAppWebModule(d, {
      ...opts,
      fetching: (policy) =>
        new LocalWebReader(new SafeFetcher({ ...policy, resolve: resolveLocal }), {
          page: (input) => {
            const type = input.mediaType;
            if (type !== 'text/html' && type !== 'application/xhtml+xml') return { ok: false, reason: 'not-html', message: 'not HTML' };
            const html = decodeBody(input.body, input.charset).text;
            return store.runTask<PageArticle | PageRefusal>('page', { html, url: input.url }, () => readPage({ html, url: input.url }));
          },
          feed: feedFromBytes,
          html: (input) => store.runTask<PageArticle | PageRefusal>('page', input, () => readPage(input)),
        }),
    });
  },
};
// BENCH_LOG=debug (or info, warn): the bot's log on stderr.
const logger = process.env.BENCH_LOG ? createLogger({ level: process.env.BENCH_LOG as 'debug' }) : silentLogger;
const opened = await openBriefing(config, logger, hooks, { answerWorkers: true });
const web = opened.web!;
const briefing = opened.briefing;
const counter = openDb(config.databasePath, { readonly: true });
const articles = () => (counter.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n;

// 1. Pages: fetched only from this thread (baseline), then added through the module, 8 at a time.
const eight = async (n: number, one: (i: number) => Promise<boolean>) => {
  let next = 0;
  let ok = 0;
  await Promise.all(Array.from({ length: 8 }, async () => {
    while (next < n) if (await one(next++)) ok++;
  }));
  return ok;
};
const fetchOnly = new SafeFetcher({ allow: ['*.bench.test'], perHostPerSecond: PER_HOST, resolve: resolveLocal });
let t = performance.now();
await eight(PAGES, async (n) => (await fetchOnly.fetch(webUrl(`/page/${n}`, benchHost(n, HOSTS)))).ok);
const fetchPerSec = PAGES / ((performance.now() - t) / 1000);
await fetchOnly.close();
t = performance.now();
const ok = await eight(PAGES, async (n) => (await web.ingest.add(webUrl(`/page/${n}`, benchHost(n, HOSTS)), 'console:local', { addedBy: 'bench' })).ok);
const extractPerSec = PAGES / ((performance.now() - t) / 1000);
const pagesRss = peakRss;

// 2. The Slack app on this event loop, for ack times; the fake Slack (response_url) in its own process.
const slack = await startFakeSlackChild();
const adapter = createSlackAdapter({ config: { botToken: 'xoxb-0000000000-0000000000-benchbenchbenchbench', signingSecret: SECRET, port: 0, apiUrl: slack.apiUrl }, briefing, logger: silentLogger, host: '127.0.0.1', webRetries: 0 });
await adapter.start();
const eventsUrl = `http://127.0.0.1:${adapter.port}/slack/events`;
const client = spawnWorker(beside(import.meta.url, './fixtures/ack-client.ts'), {
  workerData: { url: eventsUrl, secret: SECRET, respondBase: slack.apiUrl.replace(/\/api\/$/, ''), everyMs: 50, text: 'quotes Grace Adeyemi' },
});
async function acksFor(name: string, ms: number | (() => Promise<unknown>)): Promise<number[]> {
  client.postMessage({ start: name });
  if (typeof ms === 'number') await new Promise((r) => setTimeout(r, ms));
  else await ms();
  const answer = once(client, 'message');
  client.postMessage({ stop: name });
  return ((await answer) as [{ acks: number[] }])[0].acks;
}
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
await acksFor('warm-up', 2000);
const idleAcks = await acksFor('idle', 10_000);

// 3. Feeds: follow them all, then poll until every article is in.
const expected = FEEDS * ENTRIES;
const before = articles();
const store = new SqliteWebStore(opened.deps.db());
for (let f = 0; f < FEEDS; f++) await store.addFeed('', webUrl(`/feed/${f}.rss`, benchHost(f, HOSTS)), { origin: 'config', now: Date.now() });
const since = Date.now();
t = performance.now();
let answerable = false;
let allInMs = 0;
let peakPolling = 0;
const pollAcks = await acksFor('polling', async () => {
  await web.poller.start();
  while (articles() - before < expected) {
    await new Promise((r) => setTimeout(r, 250));
    if (performance.now() - t > 30 * 60_000) break;
  }
  allInMs = performance.now() - t;
  const who = ['Elena Marsh', 'Tomas Reyes', 'Grace Adeyemi', 'Owen Pritchard', 'Sofia Lindqvist'][(expected - 1) % 5];
  answerable = (await briefing.run(`quotes ${who}`, { platform: 'console', workspace: 'local', channel: 'bench', user: 'bench', canManage: true })).sections.length > 0;
  peakPolling = peakRss;
});
await client.terminate();
const added = articles() - before;
const seen = await requests(since);

clearInterval(rssTimer);
const mb = (b: number) => `${(b / 1e6).toFixed(0)} MB`;
const p99idle = pct(idleAcks, 99);
const p99poll = pct(pollAcks, 99);
console.log(`fetching: ${{ worker: 'fetched and read in the web fetcher thread', pool: 'fetched here, read in the extraction workers', before: 'fetched, decoded and feeds parsed here, Readability in the extraction workers (as before)' }[FETCHING]}`);
console.log(`pages: ${PAGES} (${ok} added), 8 at a time: fetched only ${fetchPerSec.toFixed(0)}/s (baseline), fetched+read+extracted+stored ${extractPerSec.toFixed(1)}/s = ${(extractPerSec / fetchPerSec).toFixed(3)}x`);
console.log(`feeds: ${FEEDS} x ${ENTRIES} over ${HOSTS} hosts at ${PER_HOST}/s per host: ${added}/${expected} articles in ${(allInMs / 1000).toFixed(1)} s (${(added / (allInMs / 1000)).toFixed(1)} articles/s), last one answerable: ${answerable ? 'yes' : 'no'} (${storyTitle(expected - 1)})`);
console.log(`requests per host per second: max ${seen.maxPerHostSecond} (limit ${PER_HOST}) ${seen.maxPerHostSecond <= PER_HOST ? 'within' : 'OVER'} the limit; ${seen.count} requests while polling`);
console.log(`ack /brief: idle p50 ${pct(idleAcks, 50).toFixed(1)} ms p99 ${p99idle.toFixed(1)} ms (baseline, n=${idleAcks.length}); while polling p50 ${pct(pollAcks, 50).toFixed(1)} ms p99 ${p99poll.toFixed(1)} ms max ${Math.max(...pollAcks).toFixed(0)} ms (n=${pollAcks.length}) = ${(p99poll / p99idle).toFixed(2)}x; target p99 <= 100 ms: ${p99poll <= 100 ? 'met' : 'not met'}`);
console.log(`RSS of the bot's process (all its threads; the web and Slack fakes are other processes): start ${mb(startRss)}, peak after pages ${mb(pagesRss)} (${(pagesRss / startRss).toFixed(2)}x), peak while polling ${mb(peakPolling)} (${(peakPolling / startRss).toFixed(2)}x)`);
const answers = (briefing as { stats?: () => Record<string, number> }).stats?.();
if (answers) console.log(`answers: ${JSON.stringify(answers)}`);
await adapter.stop();
slack.child.kill();
webChild.send({ close: true });
counter.close();
opened.close();
process.exit(0);
