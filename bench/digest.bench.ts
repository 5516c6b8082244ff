// Digest load: 10,000 Slack channels (four timezones, all due at 08:00 UTC) delivered by one
// scheduler run through the real Slack poster (@slack/bolt's WebClient) to the fake Slack.
// Baseline, same run: the same 10,000 messages posted straight through the same poster at the same
// concurrency, with no scheduler, ledger or composition. The fake and each phase run in their own
// processes, so each phase's time and peak memory are its own.
// Checks: every channel exactly once, no misses, re-runs post nothing, per-channel pacing, bounded concurrency.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadArticles } from '../src/core/articles/index.ts';
import { extractArticle } from '../src/core/extract/index.ts';
import { migrateDigestTables } from '../src/store/sqlite/state.ts';
import { openDb } from '../src/store/sqlite/db.ts';
import { KnowledgeStore } from '../src/store/sqlite/knowledge/store.ts';
import { SubscriptionStore } from '../src/store/sqlite/subscriptions.ts';
import { benchSubscription, DUE } from './fixtures/channel-id.ts';
import { startFakeSlackChild } from './fixtures/fake-slack-child.ts';

const CHANNELS = Number(process.env.DIGEST_BENCH_CHANNELS ?? 10_000);
const CONCURRENCY = 16;

interface FakeSummary {
  channels: number;
  posts: number;
  maxPerChannel: number;
  minGapMs: number | null;
  peakInFlight: number;
}
interface Phase {
  phase: string;
  sent: number;
  ms: number;
  maxRssMb: number;
  peakHeapMb: number;
  failed?: number;
  unknown?: number;
  rerunDue?: number;
}

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const { child, apiUrl, ask } = await startFakeSlackChild();

const dir = mkdtempSync(join(tmpdir(), 'digest-bench-'));
const knowledgePath = join(dir, 'knowledge.db');
const digestPath = join(dir, 'digest.db');
const store = KnowledgeStore.open({ path: knowledgePath, extract: extractArticle });
store.ingestArticles(loadArticles(['content/2025-02-17-starmer-ukraine-security.md']).articles);
store.close();
const db = openDb(digestPath);
migrateDigestTables(db);
const subs = new SubscriptionStore(db);
db.transaction(() => {
  for (let i = 0; i < CHANNELS; i++) {
    subs.upsert(benchSubscription(i), 'command', 'bench', DUE - 3_600_000);
  }
})();
db.close();

function runPhase(phase: string): Phase {
  const r = spawnSync(process.execPath, ['--import', 'tsx', here('./fixtures/digest-phase.ts'), phase, apiUrl, knowledgePath, digestPath, String(CHANNELS), String(CONCURRENCY), String(DUE)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${phase} phase failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as Phase;
}

const base = runPhase('baseline');
const baseFake = await ask<FakeSummary>('summary');
await ask('reset');
const sched = runPhase('scheduler');
const runFake = await ask<FakeSummary>('summary');
const check = openDb(digestPath, { readonly: true });
const ledger = check.prepare<[], { status: string; n: number }>('SELECT status, count(*) AS n FROM digest_deliveries GROUP BY status').all();
check.close();
child.send('close');

const rate = (p: Phase) => (p.sent / (p.ms / 1000)).toFixed(0);
console.log(`channels: ${CHANNELS} (4 zones, all due 08:00 UTC), concurrency ${CONCURRENCY}; fake Slack and each phase in their own process`);
console.log(`baseline (poster only):   ${base.ms.toFixed(0)} ms, ${rate(base)} posts/s, peak RSS ${base.maxRssMb.toFixed(0)} MB, peak heap ${base.peakHeapMb.toFixed(0)} MB`);
console.log(`scheduler (ledger+post):  ${sched.ms.toFixed(0)} ms, ${rate(sched)} posts/s, peak RSS ${sched.maxRssMb.toFixed(0)} MB, peak heap ${sched.peakHeapMb.toFixed(0)} MB`);
console.log(`ratio scheduler/baseline: time ${(sched.ms / base.ms).toFixed(2)}x, peak RSS ${(sched.maxRssMb / base.maxRssMb).toFixed(2)}x, peak heap ${(sched.peakHeapMb / base.peakHeapMb).toFixed(2)}x`);
console.log(`sent ${sched.sent}, failed ${sched.failed}, unknown ${sched.unknown}; ledger ${ledger.map((r) => `${r.status}=${r.n}`).join(', ')}; re-runs due/sent ${sched.rerunDue}`);
console.log(`fake: ${runFake.posts} posts to ${runFake.channels} channels, max per channel ${runFake.maxPerChannel}, peak requests in flight ${runFake.peakInFlight}`);

const problems: string[] = [];
if (base.sent !== CHANNELS || baseFake.posts !== CHANNELS) problems.push(`baseline posted ${base.sent}/${baseFake.posts} of ${CHANNELS}`);
if (sched.sent !== CHANNELS) problems.push(`scheduler sent ${sched.sent} of ${CHANNELS} (misses)`);
if (runFake.channels !== CHANNELS || runFake.posts !== CHANNELS) problems.push(`fake saw ${runFake.posts} posts to ${runFake.channels} channels`);
if (runFake.maxPerChannel > 1 || sched.rerunDue !== 0) problems.push('a channel got more than one digest (duplicate)');
if (runFake.peakInFlight > CONCURRENCY) problems.push(`more than ${CONCURRENCY} posts in flight (${runFake.peakInFlight})`);
if (runFake.minGapMs !== null && runFake.minGapMs < 1000) problems.push(`two posts to one channel ${runFake.minGapMs} ms apart (Slack allows 1/s)`);
if (ledger.length !== 1 || ledger[0]!.status !== 'sent' || ledger[0]!.n !== CHANNELS) problems.push('ledger is not all sent');
if (problems.length) {
  console.log(`FAIL: ${problems.join('; ')}`);
  process.exit(1);
}
console.log('OK: no duplicates, no misses, per-channel and global limits held');
process.exit(0);
