// `npm run bench web`: the web module against the local web (a FakeWeb on 127.0.0.1), in one run:
// - pages extracted per second (fetch + Readability + extraction + store) and peak RSS, next to the
//   same pages only fetched (the baseline);
// - BENCH_FEEDS feeds (default 500) of BENCH_ENTRIES entries (default 20) over BENCH_HOSTS host names
//   (default 50, all resolving to 127.0.0.1), polled: the time until every article is answerable;
// - requests per host per second, which must stay within the configured limit;
// - the ack time of `/brief` slash commands through the real Bolt app while that runs, p50/p99,
//   next to the same commands acked before polling starts (the baseline). The commands are sent
//   from another thread every 50 ms (bench/fixtures/ack-client.ts), as Slack sends them.
// The store is wired as a running bot's is: pages are read, and articles extracted and written, in
// the extraction workers (BENCH_IN_THREAD=1: all of it on the app's thread, as before).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { knowledgeOver } from '../src/app/asking.ts';
import { createSlackAdapter } from '../src/adapters/slack/index.ts';
import { configSchema } from '../src/config/schema.ts';
import { createBriefing } from '../src/core/commands/briefing.ts';
import { EXTRACT_WORKER, loadForStore } from '../src/app/knowledge.ts';
import { extractArticle } from '../src/core/extract/index.ts';
import { readPage, type PageInput } from '../src/web/page.ts';
import { once } from 'node:events';
import { beside, spawnWorker } from '../src/workers/spawn.ts';
import { silentLogger } from '../src/log.ts';
import { migrate, openDb } from '../src/store/sqlite/db.ts';
import { KnowledgeStore } from '../src/store/sqlite/knowledge/store.ts';
import { SqliteWebStore, webMigrations } from '../src/store/sqlite/web.ts';
import { SafeFetcher } from '../src/web/fetch.ts';
import { createWebModule } from '../src/web/index.ts';
import { startFakeSlack } from '../test/fakes/slack.ts';
import { FakeWeb } from '../test/fakes/web.ts';
import { rss, storyHtml, storyTitle } from '../test/web/pages.ts';

const FEEDS = Number(process.env.BENCH_FEEDS ?? 500);
const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 20);
const HOSTS = Number(process.env.BENCH_HOSTS ?? 50);
const PAGES = Number(process.env.BENCH_PAGES ?? 300);
const PER_HOST = Number(process.env.BENCH_PER_HOST ?? 20);
const SECRET = 'bench-signing-secret-0123456789';

let peakRss = process.memoryUsage().rss;
const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
const startRss = process.memoryUsage().rss;

const web = await new FakeWeb().start();
const host = (i: number) => `site-${String(i % HOSTS).padStart(3, '0')}.bench.test`;
const resolve = async () => [{ address: '127.0.0.1', family: 4 }];
for (let n = 0; n < PAGES; n++) web.page(`/page/${n}`, storyHtml({ n: 900_000 + n }));
for (let f = 0; f < FEEDS; f++) {
  const items = [];
  for (let e = 0; e < ENTRIES; e++) {
    const n = f * ENTRIES + e;
    web.page(`/story/${n}`, storyHtml({ n }));
    items.push({ n, url: web.url(`/story/${n}`, host(f)) });
  }
  web.route(`/feed/${f}.rss`, { body: rss(`Feed ${f}`, items), type: 'application/rss+xml' });
}

const dir = mkdtempSync(join(tmpdir(), 'briefing-web-bench-'));
const config = configSchema.parse({ databasePath: join(dir, 'b.db'), web: { allow: ['*.bench.test', '127.0.0.1'], perHostPerSecond: PER_HOST, addsPerUserPerMinute: 1000, timeoutMs: 60_000 } });
const IN_THREAD = process.env.BENCH_IN_THREAD === '1';
const store = KnowledgeStore.open({ path: config.databasePath, extract: extractArticle, load: loadForStore, ...(IN_THREAD ? {} : { extractWorker: EXTRACT_WORKER }) });
const sink = IN_THREAD ? store : { ingestArticles: (a: Parameters<typeof store.ingestArticles>[0]) => store.ingestArticlesAsync(a), getExtraction: (id: string) => store.getExtraction(id) };
const pageReader = IN_THREAD ? undefined : (input: PageInput) => store.runTask('page', input, () => readPage(input));
const db = openDb(config.databasePath);
migrate(db, webMigrations);
const webStore = new SqliteWebStore(db);
const module = createWebModule({ config: config.web, knowledge: sink, ...(pageReader ? { readPage: pageReader } : {}), store: webStore, logger: silentLogger, resolve, poller: { tickMs: 100, startSpreadMs: 0, concurrency: 8, entriesPerPoll: ENTRIES } });
const briefing = createBriefing({ knowledge: knowledgeOver(store, { wordnet: false }), web: module.commands });

// 1. Pages: fetched only (baseline), then fetched and extracted and stored.
const fetchOnly = new SafeFetcher({ allow: ['127.0.0.1'], perHostPerSecond: 0 });
let t = performance.now();
await Promise.all(Array.from({ length: PAGES }, (_, n) => fetchOnly.fetch(web.url(`/page/${n}`))));
const fetchPerSec = PAGES / ((performance.now() - t) / 1000);
await fetchOnly.close();
const ctx = { platform: 'console' as const, workspace: 'local', channel: 'bench', user: 'bench', canManage: true };
t = performance.now();
const noLimit = new SafeFetcher({ allow: ['127.0.0.1'], perHostPerSecond: 0 });
const ingest = new (await import('../src/web/ingest.ts')).WebIngest({ fetcher: noLimit, store: webStore, knowledge: sink, ...(pageReader ? { readPage: pageReader } : {}) });
let ok = 0;
for (let n = 0; n < PAGES; n++) if ((await ingest.add(web.url(`/page/${n}`), 'console:local', { addedBy: 'bench' })).ok) ok++;
const extractPerSec = PAGES / ((performance.now() - t) / 1000);
await noLimit.close();
const pagesRss = peakRss;

// 2. The Slack app on the same event loop, for ack times.
const slack = await startFakeSlack();
const adapter = createSlackAdapter({ config: { botToken: 'xoxb-0000000000-0000000000-benchbenchbenchbench', signingSecret: SECRET, port: 0, apiUrl: slack.apiUrl }, briefing, logger: silentLogger, host: '127.0.0.1', webRetries: 0 });
await adapter.start();
const eventsUrl = `http://127.0.0.1:${adapter.port}/slack/events`;
const client = spawnWorker(beside(import.meta.url, './fixtures/ack-client.ts'), {
  workerData: { url: eventsUrl, secret: SECRET, respondBase: slack.url, everyMs: 50, text: 'quotes Grace Adeyemi' },
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
const idleAcks = await acksFor('idle', 5000);

// 3. Feeds: follow them all, then poll until every article is in.
const expected = FEEDS * ENTRIES;
const before = store.listArticles().length;
for (let f = 0; f < FEEDS; f++) await webStore.addFeed('', web.url(`/feed/${f}.rss`, host(f)), { origin: 'config', now: Date.now() });
const reqStart = web.requests.length;
t = performance.now();
let answerable = false;
let allInMs = 0;
const pollAcks = await acksFor('polling', async () => {
  await module.poller.start();
  while (store.listArticles().length - before < expected) {
    await new Promise((r) => setTimeout(r, 200));
    if (performance.now() - t > 30 * 60_000) break;
  }
  answerable = (await briefing.run(`quotes ${['Elena Marsh', 'Tomas Reyes', 'Grace Adeyemi', 'Owen Pritchard', 'Sofia Lindqvist'][(expected - 1) % 5]}`, ctx)).sections.length > 0;
  allInMs = performance.now() - t;
});
await client.terminate();
const lastTitle = storyTitle(expected - 1);
await module.stop();
const added = store.listArticles().length - before;

// Requests per host per second.
const buckets = new Map<string, number>();
for (const r of web.requests.slice(reqStart)) {
  const k = `${r.host.split(':')[0]}@${Math.floor(r.at / 1000)}`;
  buckets.set(k, (buckets.get(k) ?? 0) + 1);
}
const maxPerHost = Math.max(0, ...buckets.values());

clearInterval(rssTimer);
const mb = (b: number) => `${(b / 1e6).toFixed(0)} MB`;
console.log(`extraction: ${IN_THREAD ? 'in-thread (as before)' : 'in the extraction workers'}`);
console.log(`pages: ${PAGES} (${ok} added); fetched only ${fetchPerSec.toFixed(0)}/s (baseline), fetched+extracted+stored ${extractPerSec.toFixed(1)}/s = ${(extractPerSec / fetchPerSec).toFixed(3)}x; RSS at start ${mb(startRss)}, peak after pages ${mb(pagesRss)} (${(pagesRss / startRss).toFixed(2)}x)`);
console.log(`feeds: ${FEEDS} x ${ENTRIES} over ${HOSTS} hosts at ${PER_HOST}/s per host: ${added}/${expected} articles in ${(allInMs / 1000).toFixed(1)} s (${(added / (allInMs / 1000)).toFixed(1)} articles/s), last one answerable: ${answerable ? 'yes' : 'no'} (${lastTitle})`);
console.log(`requests per host per second: max ${maxPerHost} (limit ${PER_HOST}) ${maxPerHost <= PER_HOST + 1 ? 'within' : 'OVER'} the limit`);
console.log(`ack /brief: idle p50 ${pct(idleAcks, 50).toFixed(1)} ms p99 ${pct(idleAcks, 99).toFixed(1)} ms (baseline, n=${idleAcks.length}); while polling p50 ${pct(pollAcks, 50).toFixed(1)} ms p99 ${pct(pollAcks, 99).toFixed(1)} ms (n=${pollAcks.length}) = ${(pct(pollAcks, 99) / pct(idleAcks, 99)).toFixed(2)}x; target p99 <= 100 ms: ${pct(pollAcks, 99) <= 100 ? 'met' : 'not met'}`);
console.log(`peak RSS overall ${mb(peakRss)} (${(peakRss / startRss).toFixed(2)}x start)`);
await adapter.stop();
await slack.close();
await web.stop();
store.close();
db.close();
process.exit(0);
