// `npm run bench process`: the app as whole processes. For the build in dist/ (what `npm start`
// runs) against the TypeScript run through tsx (the baseline: what production ran before the
// build, and the dev path now), interleaved in one run: `briefing --help` wall time, a one-shot
// `briefing ask` wall time (database already synced), `briefing start` time to "running" and to
// its answer worker being ready, RSS of the process with one answer worker, and the RSS one
// worker adds (one worker against none). Medians over BENCH_ROUNDS (default 5).
// BENCH_BEFORE=<dir> adds a third column: another checkout of the project, run the same way.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const QUESTION = 'what did Lavrov say about Europe';

interface Variant {
  name: string;
  dir: string;
  env: Record<string, string>;
}
const variants: Variant[] = [
  { name: 'tsx (baseline)', dir: repo, env: { BRIEFING_FROM_SOURCE: '1' } },
  { name: 'dist/ (node)', dir: repo, env: { BRIEFING_FROM_SOURCE: '' } },
];
if (process.env.BENCH_BEFORE) variants.push({ name: 'before', dir: process.env.BENCH_BEFORE, env: {} });

const build = spawnSync(process.execPath, [join(repo, 'scripts', 'build-if-stale.mjs')], { stdio: 'inherit' });
if (build.status !== 0) process.exit(1);

const work = mkdtempSync(join(tmpdir(), 'briefing-bench-process-'));
cpSync(join(repo, 'content'), join(work, 'content'), { recursive: true });
const baseEnv = (v: Variant, extra: Record<string, string> = {}): NodeJS.ProcessEnv => {
  const e: NodeJS.ProcessEnv = { ...process.env, BRIEFING_CONTENT_DIR: join(work, 'content'), BRIEFING_DB_PATH: join(work, `${v.name.replace(/\W+/g, '-')}.db`), BRIEFING_WATCH: 'false', LOG_LEVEL: 'warn', ...v.env, ...extra };
  for (const k of Object.keys(e)) if (/^(SLACK|DISCORD)_/.test(k) || e[k] === '') delete e[k];
  return e;
};

function timeRun(v: Variant, args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [join(v.dir, 'bin', 'briefing.mjs'), ...args], { cwd: v.dir, env: baseEnv(v), encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${v.name}: briefing ${args.join(' ')} exited ${r.status}\n${r.stderr}`);
  return ms;
}

function rssKb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : NaN;
}

/** `briefing start` on the console: ms to "running", ms to the worker being ready, RSS then. */
async function startRun(v: Variant, workers: number): Promise<{ runningMs: number; readyMs: number; rssMb: number }> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [join(v.dir, 'bin', 'briefing.mjs'), 'start'], { cwd: v.dir, env: baseEnv(v, { LOG_LEVEL: 'debug', BRIEFING_ANSWER_WORKERS: String(workers) }), stdio: ['pipe', 'ignore', 'pipe'] });
  let err = '';
  let runningMs = NaN;
  let readyMs = NaN;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${v.name}: start never got ready:\n${err}`)), 120_000);
    child.stderr.on('data', (d) => {
      err += d;
      if (Number.isNaN(runningMs) && err.includes(' info running ')) runningMs = performance.now() - t0;
      if (Number.isNaN(readyMs) && (workers === 0 ? !Number.isNaN(runningMs) : err.includes('answer worker ready'))) readyMs = performance.now() - t0;
      if (!Number.isNaN(runningMs) && !Number.isNaN(readyMs)) (clearTimeout(timer), resolve());
    });
    child.on('exit', (c) => reject(new Error(`${v.name}: start exited ${c}:\n${err}`)));
  });
  // Let start-up garbage settle, then read the resident set of the whole process (all threads).
  await new Promise((r) => setTimeout(r, 500));
  const rssMb = rssKb(child.pid!) / 1024;
  child.removeAllListeners('exit');
  const exited = new Promise((r) => child.on('exit', r));
  child.stdin.end();
  await exited;
  return { runningMs, readyMs, rssMb };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const rows = new Map<string, Map<string, number[]>>();
const add = (metric: string, v: Variant, x: number) => {
  const m = rows.get(metric) ?? new Map<string, number[]>();
  rows.set(metric, m);
  m.set(v.name, [...(m.get(v.name) ?? []), x]);
};

// A first ask syncs each variant's database (not measured).
for (const v of variants) timeRun(v, ['ask', QUESTION]);
for (let round = 0; round < ROUNDS; round++) {
  for (const v of variants) {
    add('briefing --help (ms)', v, timeRun(v, ['--help']));
    add('one-shot ask (ms)', v, timeRun(v, ['ask', QUESTION]));
    const one = await startRun(v, 1);
    const none = await startRun(v, 0);
    add('start: to running (ms)', v, none.runningMs);
    add('start: to 1 worker ready (ms)', v, one.readyMs);
    add('RSS, 1 answer worker (MB)', v, one.rssMb);
    add('RSS, no worker (MB)', v, none.rssMb);
    add('RSS one worker adds (MB)', v, one.rssMb - none.rssMb);
  }
}
rmSync(work, { recursive: true, force: true });

const base = variants[0]!.name;
console.log(`medians of ${ROUNDS} rounds, interleaved; ratio to ${base} in brackets`);
console.log(['metric'.padEnd(32), ...variants.map((v) => v.name.padStart(22))].join(''));
for (const [metric, byVariant] of rows) {
  const b = median(byVariant.get(base)!);
  const cells = variants.map((v) => {
    const m = median(byVariant.get(v.name)!);
    return `${m.toFixed(metric.includes('MB') ? 1 : 0)} (${(m / b).toFixed(2)}×)`.padStart(22);
  });
  console.log([metric.padEnd(32), ...cells].join(''));
}
