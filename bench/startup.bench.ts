// `npm run bench startup`: the built app (dist/) as whole processes, each against `node -e 0` run
// in the same rounds (the baseline: what any Node process costs on this machine at this moment).
// - `briefing --help`;
// - a one-shot `briefing ask` over the fixture briefing (69 articles, already synced: the usual case);
// - the same ask after one article file changed (the sync extracts it first);
// - `briefing start` on the console: to "running" with no answer worker, to one answer worker ready,
//   and the resident set with one worker and with none.
// Wall time, CPU time (user + system) and peak RSS come from /usr/bin/time when it is installed (CPU
// time moves far less than wall time on a busy machine). Medians over BENCH_ROUNDS (default 7),
// variants interleaved in each round. BENCH_BEFORE=<dir> adds a column: another checkout of the
// project (built, with its node_modules), run the same way, e.g. the commit before a change.
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const QUESTION = 'what did Bernie Sanders say about fracking';
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

interface Variant {
  name: string;
  dir: string;
}
const variants: Variant[] = [{ name: 'this checkout', dir: repo }];
if (process.env.BENCH_BEFORE) variants.push({ name: 'before', dir: process.env.BENCH_BEFORE });

for (const v of variants) {
  const build = spawnSync(process.execPath, [join(v.dir, 'scripts', 'build-if-stale.mjs')], { cwd: v.dir, stdio: 'inherit' });
  if (build.status !== 0) process.exit(1);
}

const work = mkdtempSync(join(tmpdir(), 'briefing-bench-startup-'));
const content = join(work, 'content');
cpSync(join(repo, 'test', 'fixtures', 'briefing', 'content'), content, { recursive: true });
const changing = join(content, readdirSync(content).filter((f) => f.endsWith('.md') || f.endsWith('.txt')).sort()[0]!);
const dbOf = (v: Variant) => join(work, `${v.name.replace(/\W+/g, '-')}.db`);

function env(v: Variant, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...process.env, BRIEFING_CONTENT_DIR: content, BRIEFING_DB_PATH: dbOf(v), BRIEFING_WATCH: 'false', LOG_LEVEL: 'warn', ...extra };
  delete e.BRIEFING_FROM_SOURCE;
  for (const k of Object.keys(e)) if (/^(SLACK|DISCORD)_/.test(k)) delete e[k];
  return e;
}

interface Run {
  wallMs: number;
  cpuMs: number;
  maxRssMb: number;
}

/** One whole process, `node <args>`, with what /usr/bin/time reports about it. */
function timed(cwd: string, args: string[], e: NodeJS.ProcessEnv): Run {
  const out = join(work, 'time.txt');
  const t0 = performance.now();
  const r = TIME
    ? spawnSync(TIME, ['-f', '%e %U %S %M', '-o', out, process.execPath, ...args], { cwd, env: e, encoding: 'utf8' })
    : spawnSync(process.execPath, args, { cwd, env: e, encoding: 'utf8' });
  const wallMs = performance.now() - t0;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}\n${r.stderr}`);
  if (!TIME) return { wallMs, cpuMs: NaN, maxRssMb: NaN };
  const [, user, sys, rssKb] = readFileSync(out, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number);
  return { wallMs, cpuMs: (user! + sys!) * 1000, maxRssMb: rssKb! / 1024 };
}

const briefing = (v: Variant, args: string[]) => timed(v.dir, [join(v.dir, 'bin', 'briefing.mjs'), ...args], env(v));

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** `briefing start` on the console: ms to "running", ms to the answer workers being ready, RSS then. */
async function start(v: Variant, workers: number): Promise<{ readyMs: number; rssMb: number }> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [join(v.dir, 'bin', 'briefing.mjs'), 'start'], {
    cwd: v.dir,
    env: env(v, { LOG_LEVEL: 'debug', BRIEFING_ANSWER_WORKERS: String(workers) }),
    stdio: ['pipe', 'ignore', 'pipe'],
  });
  let err = '';
  const readyMs = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${v.name}: start never got ready:\n${err}`)), 120_000);
    child.stderr.on('data', (d) => {
      err += d;
      const ready = workers === 0 ? err.includes(' info running ') : err.includes(' info running ') && err.includes('answer worker ready');
      if (ready) (clearTimeout(timer), resolve(performance.now() - t0));
    });
    child.on('exit', (c) => reject(new Error(`${v.name}: start exited ${c}:\n${err}`)));
  });
  // Let start-up garbage settle, then read the resident set of the whole process (all threads).
  await new Promise((r) => setTimeout(r, 500));
  const rss = rssMb(child.pid!);
  child.removeAllListeners('exit');
  const exited = new Promise((r) => child.on('exit', r));
  child.stdin.end();
  await exited;
  return { readyMs, rssMb: rss };
}

const rows = new Map<string, Map<string, number[]>>();
const add = (metric: string, column: string, x: number) => {
  const m = rows.get(metric) ?? new Map<string, number[]>();
  rows.set(metric, m);
  m.set(column, [...(m.get(column) ?? []), x]);
};
const BASE = 'node -e 0';
const addRun = (what: string, column: string, r: Run) => {
  add(`${what}: wall (ms)`, column, r.wallMs);
  if (TIME) {
    add(`${what}: CPU (ms)`, column, r.cpuMs);
    add(`${what}: peak RSS (MB)`, column, r.maxRssMb);
  }
};

// A first ask creates and syncs each variant's database (not measured).
for (const v of variants) briefing(v, ['ask', QUESTION]);
for (let round = 0; round < ROUNDS; round++) {
  const base = timed(repo, ['-e', '0'], env(variants[0]!));
  for (const what of ['--help', 'ask', 'ask, 1 file changed']) addRun(what, BASE, base);
  appendFileSync(changing, `\nA line added in round ${round}.\n`);
  for (const v of variants) {
    addRun('--help', v.name, briefing(v, ['--help']));
    addRun('ask, 1 file changed', v.name, briefing(v, ['ask', QUESTION]));
    addRun('ask', v.name, briefing(v, ['ask', QUESTION]));
    const none = await start(v, 0);
    const one = await start(v, 1);
    add('start: to running, no worker (ms)', v.name, none.readyMs);
    add('start: to 1 answer worker ready (ms)', v.name, one.readyMs);
    add('start: RSS, 1 answer worker (MB)', v.name, one.rssMb);
    add('start: RSS, no worker (MB)', v.name, none.rssMb);
    add('start: RSS one worker adds (MB)', v.name, one.rssMb - none.rssMb);
  }
}
rmSync(work, { recursive: true, force: true });

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const columns = [BASE, ...variants.map((v) => v.name)];
console.log(`medians of ${ROUNDS} rounds, interleaved; in brackets: the ratio to ${BASE} in the same rounds${variants.length > 1 ? `, then to '${variants[1]!.name}'` : ''}`);
console.log(['metric'.padEnd(38), ...columns.map((c) => c.padStart(24))].join(''));
for (const [metric, byColumn] of rows) {
  const base = byColumn.get(BASE);
  const before = variants[1] ? byColumn.get(variants[1].name) : undefined;
  const cells = columns.map((c) => {
    const xs = byColumn.get(c);
    if (!xs) return '—'.padStart(24);
    const m = median(xs);
    const ratios = [base && c !== BASE ? `${(m / median(base)).toFixed(2)}×` : null, before && c !== BASE && c !== variants[1]!.name ? `${(m / median(before)).toFixed(2)}×` : null].filter(Boolean);
    return `${m.toFixed(metric.includes('MB') ? 1 : 0)}${ratios.length ? ` (${ratios.join(', ')})` : ''}`.padStart(24);
  });
  console.log([metric.padEnd(38), ...cells].join(''));
}
