// `npm run bench slack`: 500 signed `/brief ask` requests at concurrency 25 against the real Bolt
// app (HTTP mode, loopback) with the fake Slack answering response_url. Reports ack latency
// p50/p99, time to the answer p99 and errors, next to a same-run baseline: a bare node:http server
// that does the same signature check, acks, and posts the same answer (same Briefing, same
// Block Kit) to response_url with plain node:http, so the ratio is what Bolt and the adapter cost.
// The server under test runs in a child process, as it would in production; the load generator
// and the fake Slack share this one, so ack and answer times are read on a single clock. Both
// servers answer through the same Briefing: the real core over a database file with the answer
// workers `briefing start` runs (BENCH_ANSWER_WORKERS: auto, or a number; 0 answers on the main
// thread). BENCH_CPU_PROF=<dir> writes V8 CPU profiles of the servers (marks of the measured
// window go to stderr).
import { fork, type ChildProcess } from 'node:child_process';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderReply } from '../src/adapters/slack/blocks.ts';
import { createSlackAdapter } from '../src/adapters/slack/index.ts';
import type { Briefing } from '../src/core/commands/types.ts';
import { createLogger } from '../src/log.ts';
import { FakeBriefing } from '../test/fakes/slack-briefing.ts';
import { startFakeSlack, type FakeSlack } from '../test/fakes/slack.ts';
import { slashCommandBody, sign } from '../test/fakes/slack-signing.ts';

const SECRET = 'bench-signing-secret-0123456789';
const TOKEN = 'xoxb-0000000000-0000000000-benchbenchbenchbench';
const REQUESTS = 500;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 25);
const WARMUP = 50;
const TARGETS = { ackP99Ms: 50, answerP99Ms: 250 };
/** CPU per answer of the stand-in Briefing: an FTS lookup plus ranking in the real core. */
const BRIEFING_WORK_MS = Number(process.env.BENCH_WORK_MS ?? 2);

/** The contract's entry points; when they are all merged the bench runs the real core over content/. */
const CORE = ['../src/core/commands/briefing.ts', '../src/store/sqlite/knowledge/store.ts', '../src/core/extract/index.ts', '../src/core/articles/index.ts', '../src/app/answers/pool.ts', '../src/app/open.ts'];
/** Answer worker threads, as `briefing start` runs them (config answerWorkers, `auto` by default). */
const ANSWER_WORKERS = process.env.BENCH_ANSWER_WORKERS;

/** The Briefing under load: the real core when present, else a stand-in doing comparable work. */
async function makeBriefing(): Promise<{ briefing: Briefing; label: string }> {
  if (process.env.BENCH_STAND_IN !== '1') {
    try {
      const [commands, store, extract, articles, pool, open] = (await Promise.all(CORE.map((m) => import(new URL(m, import.meta.url).href)))) as any[];
      // A database file, as in production: answer workers open it read-only beside this connection.
      const databasePath = join(mkdtempSync(join(tmpdir(), 'slack-bench-')), 'briefing.db');
      const knowledge = store.KnowledgeStore.open({ path: databasePath, extract: extract.extractArticle, load: articles.loadArticles });
      knowledge.syncContent(fileURLToPath(new URL('../content', import.meta.url)));
      const local = commands.createBriefing({ knowledge });
      const config = { databasePath, answerWorkers: ANSWER_WORKERS === undefined ? 'auto' : /^\d+$/.test(ANSWER_WORKERS) ? Number(ANSWER_WORKERS) : ANSWER_WORKERS };
      const workers: number = open.answerWorkerCount(config);
      const label = `real core over content/ (${knowledge.listArticles().length} articles), ${workers} answer worker${workers === 1 ? '' : 's'}`;
      if (!workers) return { briefing: local, label };
      const answers = pool.createAnswerPool({ local, databasePath, workers, logger: createLogger({ level: 'warn' }) });
      await answers.ready;
      return { briefing: answers, label };
    } catch (err) {
      if ((err as { code?: string }).code !== 'ERR_MODULE_NOT_FOUND') throw err;
    }
  }
  return { briefing: new FakeBriefing(BRIEFING_WORK_MS), label: `stand-in Briefing, ${BRIEFING_WORK_MS} ms CPU per answer` };
}

// ---- child: one server, announced over IPC

async function serve(kind: 'bolt' | 'baseline', apiUrl: string): Promise<void> {
  const { briefing, label } = await makeBriefing();
  process.on('SIGINT', () => process.exit(0));
  // CPU time is what a loaded machine cannot inflate much; the parent asks for it around each run.
  process.on('message', (m) => {
    if ((m as { cmd?: string }).cmd === 'cpu') { if (process.env.BENCH_CPU_PROF) console.error('CPUMARK', kind, process.hrtime.bigint() / 1000n); process.send!({ cpu: process.cpuUsage() }); }
  });
  if (kind === 'bolt') {
    const adapter = createSlackAdapter({
      config: { botToken: TOKEN, signingSecret: SECRET, port: 0, apiUrl },
      briefing,
      logger: createLogger({ level: 'warn' }),
      logLevel: 'warn',
      host: '127.0.0.1',
    });
    await adapter.start();
    process.send!({ port: adapter.port, label });
    return;
  }
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      const ts = Number(req.headers['x-slack-request-timestamp']);
      const expected = Buffer.from('v0=' + createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex'));
      const got = Buffer.from(String(req.headers['x-slack-signature'] ?? ''));
      if (Math.abs(Date.now() / 1000 - ts) > 300 || got.length !== expected.length || !timingSafeEqual(got, expected)) {
        res.writeHead(401).end();
        return;
      }
      res.writeHead(200).end();
      // The same answer work as the app (core + Block Kit), so the ratio isolates Bolt and the adapter.
      const form = new URLSearchParams(body);
      const ctx = { platform: 'slack' as const, workspace: form.get('team_id')!, channel: form.get('channel_id')!, user: form.get('user_id')!, canManage: true };
      // Posted with plain node:http over keep-alive, the cheapest client there is.
      void briefing.run(form.get('text')!, ctx).then((reply) =>
        post(form.get('response_url')!, JSON.stringify({ response_type: 'ephemeral', ...renderReply(reply) }), { 'content-type': 'application/json' }),
      );
    });
  });
  server.listen(0, '127.0.0.1', () => process.send!({ port: (server.address() as AddressInfo).port, label }));
}

// ---- parent: load and report

interface RunResult {
  ack: number[];
  answer: number[];
  errors: string[];
  wallMs: number;
  /** Server CPU (user + system) per request, ms. */
  cpuMs: number;
  /** CPU of this process (load generator and fake Slack) per request, ms. */
  loadCpuMs: number;
}

function childCpu(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    const on = (m: unknown) => {
      const cpu = (m as { cpu?: NodeJS.CpuUsage }).cpu;
      if (!cpu) return;
      child.off('message', on);
      resolve((cpu.user + cpu.system) / 1000);
    };
    child.on('message', on);
    child.send({ cmd: 'cpu' });
  });
}

let briefingLabel = '';

async function startChild(kind: 'bolt' | 'baseline', fake: FakeSlack): Promise<{ child: ChildProcess; url: string }> {
  const child = fork(fileURLToPath(import.meta.url), ['serve', kind, fake.apiUrl], { execArgv: ['--import', 'tsx', ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir=' + process.env.BENCH_CPU_PROF] : [])], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m) => {
      briefingLabel = (m as { label: string }).label;
      resolve((m as { port: number }).port);
    });
    child.once('exit', (code) => reject(new Error(`${kind} server exited (${code})`)));
  });
  return { child, url: `http://127.0.0.1:${port}/slack/events` };
}

async function load(url: string, fake: FakeSlack, n: number): Promise<RunResult> {
  const ts = Math.floor(Date.now() / 1000);
  const requests = Array.from({ length: n }, (_, i) => {
    const response_url = fake.respondUrl();
    const body = slashCommandBody({ text: `ask what did the minister say about troops ${i}`, response_url, user_id: `U${i % 40}` });
    return { body, signature: sign(SECRET, ts, body), path: new URL(response_url).pathname };
  });
  const answeredAt = new Map<string, number>();
  const off = fake.onCall((c) => {
    if (c.method === 'respond') answeredAt.set(c.path, c.at);
  });
  const result: RunResult = { ack: [], answer: [], errors: [], wallMs: 0, cpuMs: 0, loadCpuMs: 0 };
  const sentAt = new Map<string, number>();
  let next = 0;
  const t0 = performance.now();
  async function worker(): Promise<void> {
    while (next < requests.length) {
      const r = requests[next++]!;
      const start = performance.now();
      sentAt.set(r.path, start);
      try {
        const status = await post(url, r.body, { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': r.signature });
        if (status !== 200) result.errors.push(`HTTP ${status}`);
        else result.ack.push(performance.now() - start);
      } catch (err) {
        result.errors.push(String(err));
      }
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  // Answers may trail the acks; give them a moment.
  const deadline = performance.now() + 5000;
  while (answeredAt.size < n && performance.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  result.wallMs = performance.now() - t0;
  off();
  for (const r of requests) {
    const at = answeredAt.get(r.path);
    if (at === undefined) result.errors.push('no answer within 5 s');
    else result.answer.push(at - sentAt.get(r.path)!);
  }
  return result;
}

// node:http with keep-alive: a lighter client than fetch, so the generator disturbs less.
const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function post(url: string, body: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function pct(xs: number[], p: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

async function measure(kind: 'bolt' | 'baseline'): Promise<RunResult> {
  const fake = await startFakeSlack();
  const { child, url } = await startChild(kind, fake);
  try {
    await load(url, fake, WARMUP);
    const cpu0 = await childCpu(child);
    const own0 = process.cpuUsage();
    const result = await load(url, fake, REQUESTS);
    result.cpuMs = ((await childCpu(child)) - cpu0) / REQUESTS;
    const own = process.cpuUsage(own0);
    result.loadCpuMs = (own.user + own.system) / 1000 / REQUESTS;
    return result;
  } finally {
    child.kill('SIGINT');
    await fake.close();
  }
}

/** Runs alternate between the two servers so both see the same machine load; the median round counts. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

async function main(): Promise<void> {
  const runs: Record<'baseline' | 'bolt', RunResult[]> = { baseline: [], bolt: [] };
  for (let i = 0; i < ROUNDS; i++) {
    runs.baseline.push(await measure('baseline'));
    runs.bolt.push(await measure('bolt'));
  }
  const median = (rs: RunResult[]) => [...rs].sort((a, b) => pct(a.ack, 99) - pct(b.ack, 99))[Math.floor(rs.length / 2)]!;
  const baseline = median(runs.baseline);
  const bolt = median(runs.bolt);
  const errors = runs.bolt.reduce((n, r) => n + r.errors.length, 0);
  const f = (x: number) => x.toFixed(1).padStart(7);
  const row = (name: string, r: RunResult) =>
    `${name.padEnd(30)}${f(pct(r.ack, 50))}${f(pct(r.ack, 99))}${f(pct(r.answer, 50))}${f(pct(r.answer, 99))}${String(r.errors.length).padStart(7)}${f((REQUESTS / r.wallMs) * 1000)}${r.cpuMs.toFixed(2).padStart(8)}${r.loadCpuMs.toFixed(2).padStart(8)}`;
  console.log(`slack: ${REQUESTS} signed /brief ask, concurrency ${CONCURRENCY}; ${briefingLabel}; median of ${ROUNDS} alternating rounds (ms)`);
  console.log(`${''.padEnd(30)}${'ack50'.padStart(7)}${'ack99'.padStart(7)}${'ans50'.padStart(7)}${'ans99'.padStart(7)}${'errors'.padStart(7)}${'req/s'.padStart(7)}${'cpu/req'.padStart(8)}${'gen/req'.padStart(8)}`);
  console.log(row('baseline (node:http + HMAC)', baseline));
  console.log(row('bolt app (createSlackAdapter)', bolt));
  const ratio = (a: number, b: number) => (a / b).toFixed(2);
  console.log(`ratio bolt/baseline: ack p50 ×${ratio(pct(bolt.ack, 50), pct(baseline.ack, 50))}, ack p99 ×${ratio(pct(bolt.ack, 99), pct(baseline.ack, 99))}, answer p99 ×${ratio(pct(bolt.answer, 99), pct(baseline.answer, 99))}, server CPU per request ×${ratio(bolt.cpuMs, baseline.cpuMs)}`);
  const ackOk = pct(bolt.ack, 99) <= TARGETS.ackP99Ms;
  const ansOk = pct(bolt.answer, 99) <= TARGETS.answerP99Ms;
  console.log(`targets: ack p99 ≤ ${TARGETS.ackP99Ms} ms ${ackOk ? 'PASS' : 'MISS'}; answer p99 ≤ ${TARGETS.answerP99Ms} ms ${ansOk ? 'PASS' : 'MISS'}; errors 0 (all rounds) ${errors === 0 ? 'PASS' : 'MISS'}`);
  if (errors) console.log(`errors: ${[...new Set(runs.bolt.flatMap((r) => r.errors))].slice(0, 5).join('; ')}`);
  process.exitCode = errors || !ackOk || !ansOk ? 1 : 0;
}

if (process.argv[2] === 'serve') void serve(process.argv[3] as 'bolt' | 'baseline', process.argv[4]!);
else await main();
