// `npm run bench scale` (issue 13), the digest part: 10,000 Slack channels due in one minute,
// delivered by three replicas on one PostgreSQL at once, each a process of its own through the
// real Slack poster to the fake Slack. Baseline, same run: one replica on the SQLite state file
// delivering the same channels. Figures: time to post all (first replica's start to last one's
// end), duplicates and misses (counted by the fake Slack), peak RSS per replica; as ratios to the
// baseline. The ask part (bench/scale-ask.ts): ask p50/p95 at SCALE_ASK_QUOTES quotes (default
// 1M; 0 leaves it out) on PostgreSQL against SQLite, in the same run. Then the load-balanced Slack part
// (fixtures/slack-balanced.ts): `/brief ask` at concurrency 25 through three `briefing start`
// replicas behind a round-robin proxy, against one replica reached directly: ack and answer p50/p99.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadArticles } from '../src/core/articles/index.ts';
import { extractArticle } from '../src/core/extract/index.ts';
import { openPostgres, pgDigestStorage } from '../src/store/postgres/index.ts';
import { openDb } from '../src/store/sqlite/db.ts';
import { KnowledgeStore } from '../src/store/sqlite/knowledge/store.ts';
import { migrateDigestTables } from '../src/store/sqlite/state.ts';
import { SubscriptionStore } from '../src/store/sqlite/subscriptions.ts';
import { startCluster } from '../test/pg/cluster.ts';
import { benchSubscription, DUE } from './fixtures/channel-id.ts';
import { startFakeSlackChild } from './fixtures/fake-slack-child.ts';
import { pct, slackBalanced } from './fixtures/slack-balanced.ts';
import { askAtScale, askReport, emptyDatabase } from './scale-ask.ts';

const CHANNELS = Number(process.env.SCALE_BENCH_CHANNELS ?? 10_000);
const REPLICAS = 3;
const CONCURRENCY = 16;

interface FakeSummary { channels: number; posts: number; maxPerChannel: number; peakInFlight: number }
interface Phase { sent: number; startedAt: number; endedAt: number; maxRssMb: number; busy?: number; failed?: number; unknown?: number }

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const cluster = await startCluster();
if (!cluster.ok) {
  console.log(`scale: skipped, no PostgreSQL: ${cluster.reason}`);
  process.exit(0);
}
const { child, apiUrl, ask } = await startFakeSlackChild();

const dir = mkdtempSync(join(tmpdir(), 'scale-bench-'));
const knowledgePath = join(dir, 'knowledge.db');
try {
  const store = KnowledgeStore.open({ path: knowledgePath, extract: extractArticle });
  store.ingestArticles(loadArticles(['content/2025-02-17-starmer-ukraine-security.md']).articles);
  store.close();
  const specs = Array.from({ length: CHANNELS }, (_, i) => benchSubscription(i));

  // Baseline: one replica, SQLite.
  const sqlitePath = join(dir, 'digest.db');
  const db = openDb(sqlitePath);
  migrateDigestTables(db);
  const subs = new SubscriptionStore(db);
  db.transaction(() => specs.forEach((s) => subs.upsert(s, 'command', 'bench', DUE - 3_600_000)))();
  db.close();
  const base = phase('scheduler', sqlitePath);
  const baseFake = await ask<FakeSummary>('summary');
  await ask('reset');

  // Three replicas, one PostgreSQL.
  const url = cluster.cluster.url;
  const pool = await openPostgres(url, { max: 8 });
  const pgSubs = pgDigestStorage(pool).subscriptions;
  for (let i = 0; i < specs.length; i += 200) await Promise.all(specs.slice(i, i + 200).map((s) => pgSubs.upsert(s, 'command', 'bench', DUE - 3_600_000)));
  const replicas = await Promise.all(Array.from({ length: REPLICAS }, () => phaseAsync('pg-replica', url)));
  const runFake = await ask<FakeSummary>('summary');
  const ledger = (await pool.query<{ status: string; n: number }>('SELECT status, count(*)::int AS n FROM digest_deliveries GROUP BY status')).rows;
  await pool.end();

  const span = (ps: Phase[]) => Math.max(...ps.map((p) => p.endedAt)) - Math.min(...ps.map((p) => p.startedAt));
  const baseMs = span([base]);
  const pgMs = span(replicas);
  const sent = replicas.reduce((n, r) => n + r.sent, 0);
  const peakRss = Math.max(...replicas.map((r) => r.maxRssMb));
  console.log(`channels: ${CHANNELS} due in one minute (4 zones), concurrency ${CONCURRENCY} per replica; fake Slack; each replica its own process`);
  console.log(`baseline (1 replica, SQLite): ${baseMs} ms to post all, ${(CHANNELS / (baseMs / 1000)).toFixed(0)} posts/s, peak RSS ${base.maxRssMb.toFixed(0)} MB; fake: ${baseFake.posts} posts, max per channel ${baseFake.maxPerChannel}`);
  console.log(`${REPLICAS} replicas on PostgreSQL:      ${pgMs} ms to post all, ${(CHANNELS / (pgMs / 1000)).toFixed(0)} posts/s, sent per replica ${replicas.map((r) => r.sent).join('/')}, busy ${replicas.map((r) => r.busy).join('/')}, peak RSS per replica ${replicas.map((r) => r.maxRssMb.toFixed(0)).join('/')} MB`);
  console.log(`ratio ${REPLICAS} replicas/baseline: time ${(pgMs / baseMs).toFixed(2)}x, peak RSS per replica ${(peakRss / base.maxRssMb).toFixed(2)}x`);
  const duplicates = runFake.posts - runFake.channels;
  const misses = CHANNELS - runFake.channels;
  console.log(`duplicates ${duplicates}, misses ${misses}; ledger ${ledger.map((r) => `${r.status}=${r.n}`).join(', ')}; fake peak in flight ${runFake.peakInFlight}`);
  const problems: string[] = [];
  if (duplicates !== 0 || runFake.maxPerChannel > 1) problems.push(`${duplicates} duplicate posts`);
  if (misses !== 0 || sent !== CHANNELS) problems.push(`${misses} channels missed (sent ${sent})`);
  if (base.sent !== CHANNELS || baseFake.posts !== CHANNELS) problems.push(`baseline posted ${base.sent}/${baseFake.posts}`);
  if (problems.length) {
    console.log(`FAIL: ${problems.join('; ')}`);
    process.exitCode = 1;
  } else console.log('OK: every channel exactly once across the replicas');

  const askQuotes = Number(process.env.SCALE_ASK_QUOTES ?? 1_000_000);
  if (askQuotes > 0) for (const line of askReport(await askAtScale(await emptyDatabase(url, 'scale_ask'), askQuotes))) console.log(line);

  // Slack through a load balancer: a fresh database of the same cluster, migrated by the replicas.
  const requests = Number(process.env.SCALE_BENCH_SLACK_REQUESTS ?? 500);
  const { one, three } = await slackBalanced(await emptyDatabase(url, 'scale_slack'), { requests, concurrency: 25 });
  const line = (r: typeof one) => `ack p50 ${pct(r.ack, 50).toFixed(1)} ms, p99 ${pct(r.ack, 99).toFixed(1)} ms; answer p50 ${pct(r.answer, 50).toFixed(1)} ms, p99 ${pct(r.answer, 99).toFixed(1)} ms; errors ${r.errors.length}`;
  console.log(`slack /brief ask, ${requests} requests at concurrency 25 (each replica a briefing start process on PostgreSQL):`);
  console.log(`  baseline, 1 replica direct:           ${line(one)}`);
  console.log(`  3 replicas behind a round-robin proxy: ${line(three)}`);
  console.log(`  ratio 3 replicas/baseline: ack p99 ${(pct(three.ack, 99) / pct(one.ack, 99)).toFixed(2)}x, answer p99 ${(pct(three.answer, 99) / pct(one.answer, 99)).toFixed(2)}x`);
  if (one.errors.length || three.errors.length) process.exitCode = 1;
} finally {
  child.send('close');
  await cluster.cluster.destroy();
}

function args(name: string, digestPath: string): string[] {
  return ['--import', 'tsx', here('./fixtures/digest-phase.ts'), name, apiUrl, knowledgePath, digestPath, String(CHANNELS), String(CONCURRENCY), String(DUE)];
}
function phase(name: string, digestPath: string): Phase {
  const r = spawnSync(process.execPath, args(name, digestPath), { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${name} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as Phase;
}
function phaseAsync(name: string, digestPath: string): Promise<Phase> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, args(name, digestPath), { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += String(d)));
    p.stderr.on('data', (d) => (err += String(d)));
    p.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').at(-1)!) as Phase) : reject(new Error(`${name} exited ${code}: ${err}`))));
  });
}
