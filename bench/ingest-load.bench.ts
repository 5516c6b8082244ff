// `npm run bench ingest-load`: how long a command waits for its ack while content is ingested
// (issue 15 item 6). The real Bolt app on this process's event loop; signed `/brief` slash commands
// sent every 50 ms from another thread (bench/fixtures/ack-client.ts, open loop, as Slack sends
// them), their ack time p50/p99, in one run:
// - with no ingest (the baseline);
// - while BENCH_ARTICLES articles (default 1,000) and one of BENCH_BIG_BYTES (default ~1 MB) dropped
//   into the content folder at once are synced off-thread (syncContentAsync: what the watch of a
//   running bot runs);
// - the same folder synced in-thread into a second database (syncContent: what the watch ran
//   before), for comparison; BENCH_IN_THREAD=0 skips it;
// - then, with half the files deleted and the other half moved into a subfolder, the removals and
//   re-keys: off-thread (syncContentAsync: the extraction workers write them) and in-thread.
// Target: p99 <= 100 ms while ingesting.
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSlackAdapter } from '../src/adapters/slack/index.ts';
import { knowledgeOver } from '../src/app/asking.ts';
import { openKnowledgeStore } from '../src/app/knowledge.ts';
import { createBriefing } from '../src/core/commands/briefing.ts';
import { silentLogger } from '../src/log.ts';
import type { KnowledgeStore } from '../src/store/sqlite/knowledge/store.ts';
import { startFakeSlack } from '../test/fakes/slack.ts';
import { once } from 'node:events';
import { beside, spawnWorker } from '../src/workers/spawn.ts';

const ARTICLES = Number(process.env.BENCH_ARTICLES ?? 1000);
const BIG_BYTES = Number(process.env.BENCH_BIG_BYTES ?? 975_000);
const IN_THREAD = process.env.BENCH_IN_THREAD !== '0';
const SECRET = 'bench-signing-secret-0123456789';

const launch = readFileSync(new URL('../content/2025-02-17-starmer-ukraine-security.md', import.meta.url), 'utf8');
const body = launch.slice(launch.indexOf('---', 3) + 4);
const root = mkdtempSync(join(tmpdir(), 'briefing-ingest-load-'));
const content = join(root, 'content');
mkdirSync(content);
for (let i = 0; i < ARTICLES; i++) writeFileSync(join(content, `story-${String(i).padStart(4, '0')}.txt`), `Story ${i} of the day\n\n${body}\nParagraph ${i} closes it.\n`);
let big = 'The long read of the week\n\n';
for (let k = 0; big.length < BIG_BYTES; k++) big += `${body}\nPart ${k} ends here.\n\n`;
writeFileSync(join(content, 'long-read.txt'), big);

// The commands are answered from a store that already holds the launch article.
const answering = openKnowledgeStore({ databasePath: join(root, 'answers.db') });
answering.syncContent(new URL('../content', import.meta.url).pathname);
const briefing = createBriefing({ knowledge: knowledgeOver(answering, { wordnet: false }) });
const slack = await startFakeSlack();
const adapter = createSlackAdapter({
  config: { botToken: 'xoxb-0000000000-0000000000-benchbenchbenchbench', signingSecret: SECRET, port: 0, apiUrl: slack.apiUrl },
  briefing,
  logger: silentLogger,
  host: '127.0.0.1',
  webRetries: 0,
});
await adapter.start();
const eventsUrl = `http://127.0.0.1:${adapter.port}/slack/events`;

const client = spawnWorker(beside(import.meta.url, './fixtures/ack-client.ts'), {
  workerData: { url: eventsUrl, secret: SECRET, respondBase: slack.url, everyMs: 50, text: 'quotes Starmer' },
});

/** Acks of the commands sent while `work` runs (for at least `minMs`). */
async function acksDuring(name: string, work: () => Promise<unknown> | unknown, minMs = 0): Promise<{ acks: number[]; ms: number }> {
  client.postMessage({ start: name });
  await new Promise((r) => setTimeout(r, 150));
  const t0 = performance.now();
  await work();
  const ms = performance.now() - t0;
  if (ms < minMs) await new Promise((r) => setTimeout(r, minMs - ms));
  const answer = once(client, 'message');
  client.postMessage({ stop: name });
  const [msg] = (await answer) as [{ acks: number[] }];
  return { acks: msg.acks, ms };
}
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const fmt = (xs: number[]) => {
  const failed = xs.filter((x) => !Number.isFinite(x)).length;
  const ok = xs.filter((x) => Number.isFinite(x));
  return `p50 ${pct(xs, 50).toFixed(1)} ms p99 ${pct(xs, 99).toFixed(1)} ms max ${Math.max(...ok).toFixed(0)} ms (n=${xs.length}${failed ? `, ${failed} got no ack` : ''})`;
};

function fresh(name: string): KnowledgeStore {
  return openKnowledgeStore({ databasePath: join(root, `${name}.db`) });
}

await acksDuring('warm-up', () => null, 3000); // Bolt, the answer path, the lexicons
const idle = (await acksDuring('idle', () => null, 8000)).acks;

const off = fresh('off-thread');
const offRun = await acksDuring('off-thread', () => off.syncContentAsync(content));
const offStats = off.stats();

let inRun: { acks: number[]; ms: number } | null = null;
let inStats: ReturnType<KnowledgeStore['stats']> | null = null;
const inThread = IN_THREAD ? fresh('in-thread') : null;
if (inThread) {
  inRun = await acksDuring('in-thread', () => inThread.syncContent(content));
  inStats = inThread.stats();
}

// Then half the files are deleted and the other half moved into a subfolder: removals and re-keys.
mkdirSync(join(content, 'moved'));
for (let i = 0; i < ARTICLES; i++) {
  const name = `story-${String(i).padStart(4, '0')}.txt`;
  if (i % 2) rmSync(join(content, name));
  else renameSync(join(content, name), join(content, 'moved', name));
}
const offChange = await acksDuring('off-thread changes', () => off.syncContentAsync(content));
const offChanged = off.stats();
off.close();
const inChange = inThread ? await acksDuring('in-thread changes', () => inThread.syncContent(content)) : null;
inThread?.close();

const p99 = pct(offRun.acks, 99);
const ratio = (xs: number[]) => `${(pct(xs, 99) / pct(idle, 99)).toFixed(2)}x baseline p99`;
console.log(`content: ${ARTICLES} articles + one of ${(Buffer.byteLength(big) / 1e6).toFixed(2)} MB, dropped in at once`);
console.log(`ack /brief, no ingest (baseline): ${fmt(idle)}`);
console.log(
  `ack /brief, off-thread sync (syncContentAsync, ${(offRun.ms / 1000).toFixed(1)} s, ${offStats.articles} articles, ${offStats.quotes} quotes): ${fmt(offRun.acks)} = ${(p99 / pct(idle, 99)).toFixed(2)}x baseline p99; target p99 <= 100 ms: ${p99 <= 100 ? 'met' : 'not met'}`,
);
if (inRun && inStats) {
  console.log(`ack /brief, in-thread sync (syncContent, before; ${(inRun.ms / 1000).toFixed(1)} s, ${inStats.articles} articles): ${fmt(inRun.acks)} = ${ratio(inRun.acks)}`);
}
console.log(
  `ack /brief, ${Math.ceil(ARTICLES / 2)} removed and ${Math.floor(ARTICLES / 2)} moved, off-thread (${(offChange.ms / 1000).toFixed(1)} s, ${offChanged.articles} articles left): ${fmt(offChange.acks)} = ${ratio(offChange.acks)}; target p99 <= 100 ms: ${pct(offChange.acks, 99) <= 100 ? 'met' : 'not met'}`,
);
if (inChange) console.log(`ack /brief, the same removals and moves in-thread (before; ${(inChange.ms / 1000).toFixed(1)} s): ${fmt(inChange.acks)} = ${ratio(inChange.acks)}`);
await client.terminate();
await adapter.stop();
await slack.close();
answering.close();
rmSync(root, { recursive: true, force: true });
process.exit(0);
