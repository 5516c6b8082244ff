// Digest load: 10,000 Slack channels (four timezones, all due at 08:00 UTC) delivered by the
// scheduler through the real Slack poster (@slack/bolt's WebClient) to the fake Slack, which runs in
// its own process. Baseline, same run: the same 10,000 messages posted directly through the same
// poster at the same concurrency, without scheduler, ledger or composition.
// Checks: every channel exactly once, no misses, per-channel pacing, bounded concurrency.
import { fork } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { webApi } from '@slack/bolt';
import { createSlackPoster } from '../src/adapters/slack/poster.ts';
import { loadArticles } from '../src/core/articles/index.ts';
import { digestForWindow } from '../src/core/digest/compose.ts';
import { digestToReply } from '../src/core/digest/reply.ts';
import type { DigestPoster } from '../src/core/delivery/types.ts';
import { extractArticle } from '../src/core/extract/index.ts';
import { silentLogger } from '../src/log.ts';
import { ManualClock } from '../src/scheduling/clock.ts';
import { createScheduler, migrateDigestTables } from '../src/scheduling/scheduler.ts';
import { openDb } from '../src/store/db.ts';
import { KnowledgeStore } from '../src/store/knowledge.ts';
import { SubscriptionStore } from '../src/store/subscriptions.ts';

const CHANNELS = Number(process.env.DIGEST_BENCH_CHANNELS ?? 10_000);
const CONCURRENCY = 16;
const DUE = Date.parse('2025-02-17T08:00:00Z');
// 08:00 UTC on 17 Feb 2025 in each zone.
const ZONES = [
  ['Europe/London', '08:00'],
  ['America/New_York', '03:00'],
  ['Asia/Tokyo', '17:00'],
  ['Australia/Sydney', '19:00'],
] as const;

interface FakeSummary {
  channels: number;
  posts: number;
  maxPerChannel: number;
  minGapMs: number | null;
  peakInFlight: number;
}

const child = fork(fileURLToPath(new URL('./fixtures/fake-slack-process.ts', import.meta.url)), [], { execArgv: ['--import', 'tsx'] });
const ask = <T>(msg: string) => new Promise<T>((resolve) => child.once('message', (m) => resolve(m as T)));
const { apiUrl } = await new Promise<{ apiUrl: string }>((resolve) => child.once('message', (m) => resolve(m as { apiUrl: string })));

function poster(): DigestPoster {
  const client = new webApi.WebClient('xoxb-bench-0000000000-0000000000-benchbenchbenchbench', {
    slackApiUrl: apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    logLevel: webApi.LogLevel.ERROR,
  });
  return createSlackPoster({ client, logger: silentLogger });
}

function channelId(i: number): string {
  return `C${i.toString(36).toUpperCase().padStart(8, '0')}`;
}

/** Samples RSS and heap while `work` runs. */
async function measure<T>(work: () => Promise<T>): Promise<{ result: T; ms: number; peakRssMb: number; peakHeapMb: number }> {
  globalThis.gc?.();
  let peakRss = 0;
  let peakHeap = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  const timer = setInterval(sample, 20);
  const t0 = performance.now();
  const result = await work();
  const ms = performance.now() - t0;
  clearInterval(timer);
  sample();
  return { result, ms, peakRssMb: peakRss / 2 ** 20, peakHeapMb: peakHeap / 2 ** 20 };
}

const dir = mkdtempSync(join(tmpdir(), 'digest-bench-'));
const store = KnowledgeStore.open({ path: join(dir, 'knowledge.db'), extract: extractArticle, wordnet: false });
store.ingestArticles(loadArticles(['content/2025-02-17-starmer-ukraine-security.md']).articles);
const db = openDb(join(dir, 'digest.db'));
migrateDigestTables(db);
const subs = new SubscriptionStore(db);
db.transaction(() => {
  for (let i = 0; i < CHANNELS; i++) {
    const [timezone, time] = ZONES[i % ZONES.length]!;
    subs.upsert({ platform: 'slack', workspace: 'T0BENCH', channel: channelId(i), time, timezone, weekdays: [1, 2, 3, 4, 5, 6, 7] }, 'command', 'bench', DUE - 3_600_000);
  }
})();

// Baseline: the same messages, straight through the poster, CONCURRENCY at a time.
const reply = digestToReply(digestForWindow(store, { since: null, now: DUE, zone: 'Europe/London', whenNothingNew: 'skip' })!, { zone: 'Europe/London' });
const direct = poster();
const base = await measure(async () => {
  let next = 0;
  let ok = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < CHANNELS) {
        const i = next++;
        const out = await direct.post({ platform: 'slack', workspace: 'T0BENCH', channel: channelId(i) }, reply);
        if (out.ok) ok++;
      }
    }),
  );
  return ok;
});
child.send('summary');
const baseFake = await ask<FakeSummary>('summary');
child.send('reset');
await ask('reset');

// The scheduler: one runDue at the due minute.
const clock = new ManualClock(DUE);
const scheduler = createScheduler({ db, source: store, posters: [poster()], config: { timezone: 'Europe/London', digest: { time: '08:00', weekdays: [1, 2, 3, 4, 5, 6, 7], graceMinutes: 120, whenNothingNew: 'skip', subscriptions: [] } }, clock, concurrency: CONCURRENCY });
const run = await measure(() => scheduler.runDue(DUE));
child.send('summary');
const runFake = await ask<FakeSummary>('summary');

// A second tick in the same minute and one a minute later post nothing.
const again = await scheduler.runDue(DUE + 30_000);
const later = await scheduler.runDue(DUE + 60_000);
child.send('summary');
const afterFake = await ask<FakeSummary>('summary');
const ledger = db.prepare<[], { status: string; n: number }>(`SELECT status, count(*) AS n FROM digest_deliveries GROUP BY status`).all();

const rate = (n: number, ms: number) => (n / (ms / 1000)).toFixed(0);
console.log(`channels: ${CHANNELS} (4 zones, all due 08:00 UTC), concurrency ${CONCURRENCY}, fake Slack in a separate process`);
console.log(`baseline (poster only):  ${base.ms.toFixed(0)} ms, ${rate(base.result, base.ms)} posts/s, peak RSS ${base.peakRssMb.toFixed(0)} MB, heap ${base.peakHeapMb.toFixed(0)} MB`);
console.log(`scheduler (ledger+post): ${run.ms.toFixed(0)} ms, ${rate(run.result.sent, run.ms)} posts/s, peak RSS ${run.peakRssMb.toFixed(0)} MB, heap ${run.peakHeapMb.toFixed(0)} MB`);
console.log(`ratio scheduler/baseline: time ${(run.ms / base.ms).toFixed(2)}x, peak RSS ${(run.peakRssMb / base.peakRssMb).toFixed(2)}x`);
console.log(`sent ${run.result.sent}, failed ${run.result.failed}, unknown ${run.result.unknown}; ledger ${ledger.map((r) => `${r.status}=${r.n}`).join(', ')}`);
console.log(`fake: ${runFake.posts} posts to ${runFake.channels} channels, max per channel ${runFake.maxPerChannel}, peak requests in flight ${runFake.peakInFlight}`);
console.log(`re-runs (same minute, next minute): due ${again.due + later.due}, posts added ${afterFake.posts - runFake.posts}`);

const problems: string[] = [];
if (base.result !== CHANNELS || baseFake.posts !== CHANNELS) problems.push(`baseline posted ${base.result}/${baseFake.posts} of ${CHANNELS}`);
if (run.result.sent !== CHANNELS) problems.push(`scheduler sent ${run.result.sent} of ${CHANNELS} (misses)`);
if (runFake.channels !== CHANNELS || runFake.posts !== CHANNELS) problems.push(`fake saw ${runFake.posts} posts to ${runFake.channels} channels`);
if (runFake.maxPerChannel > 1 || afterFake.posts !== runFake.posts) problems.push('a channel got more than one digest (duplicate)');
if (runFake.peakInFlight > CONCURRENCY) problems.push(`more than ${CONCURRENCY} posts in flight (${runFake.peakInFlight})`);
if (runFake.minGapMs !== null && runFake.minGapMs < 1000) problems.push(`two posts to one channel ${runFake.minGapMs} ms apart (Slack allows 1/s)`);
if (ledger.length !== 1 || ledger[0]!.status !== 'sent' || ledger[0]!.n !== CHANNELS) problems.push('ledger is not all sent');

child.send('close');
store.close();
db.close();
if (problems.length) {
  console.log(`FAIL: ${problems.join('; ')}`);
  process.exit(1);
}
console.log('OK: no duplicates, no misses, per-channel and global limits held');
