// Runs the real bot (bin/briefing.mjs) at a faked wall-clock time with libfaketime (the Debian
// `faketime` package): LD_PRELOAD'ed into node, so the process's clock, its timers and its TZ
// arithmetic all see the faked instant, running `speed` times faster than real time. Nothing in
// the app is told about it. Where libfaketime is not installed, `FAKETIME.skip` says why.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = join(ROOT, 'bin/briefing.mjs');

function findLib(): string | null {
  const fixed = ['/usr/lib/faketime/libfaketimeMT.so.1', '/usr/local/lib/faketime/libfaketimeMT.so.1'];
  let arch: string[] = [];
  try {
    arch = readdirSync('/usr/lib').map((d) => `/usr/lib/${d}/faketime/libfaketimeMT.so.1`);
  } catch {
    // no /usr/lib: fall through to dpkg
  }
  const found = [...arch, ...fixed].find((p) => existsSync(p));
  if (found) return found;
  // Elsewhere (another distribution): ask the package for its files.
  const r = spawnSync('dpkg', ['-L', 'libfaketime'], { encoding: 'utf8' });
  return r.status === 0 ? (r.stdout.split('\n').find((l) => l.endsWith('/libfaketimeMT.so.1')) ?? null) : null;
}

const lib = process.platform === 'linux' ? findLib() : null;
// The faked clock runs while the bot boots: on a machine this overloaded a boot takes minutes of real
// time, and the timing these tests check means nothing. They say so and skip rather than fail.
const load = loadavg()[0]!;
const overloaded = load > 6 * availableParallelism() ? `load average ${load.toFixed(1)} on ${availableParallelism()} cores: the faked-clock process tests are skipped` : null;
/** The library, or why these tests cannot run here. */
export const FAKETIME: { lib: string; skip: null } | { lib: null; skip: string } = lib && !overloaded
  ? { lib, skip: null }
  : { lib: null, skip: overloaded ?? (process.platform !== 'linux' ? `libfaketime tests need Linux (this is ${process.platform})` : 'libfaketime is not installed (apt-get install faketime); the faked-clock process tests are skipped') };
if (FAKETIME.skip) console.warn(`skipping: ${FAKETIME.skip}`);

export const MINUTE = 60_000;

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

export interface BotOptions {
  /** The faked wall-clock instant the process starts at (epoch ms). */
  at: number;
  /** How many times faster than real time the faked clock runs. */
  speed: number;
  /** The process's TZ. */
  tz: string;
  /** Config (YAML text), written to a file the process reads through BRIEFING_CONFIG. */
  configYaml: string;
  dir: string;
  /** The config file's name in `dir` (default config.yaml). */
  configName?: string;
  env?: Record<string, string>;
  /** Default: `start`. */
  args?: string[];
}

export interface Bot {
  proc: ChildProcess;
  /** stdout + stderr lines so far. */
  readonly lines: string[];
  readonly exited: Promise<number | null>;
  /** The faked time now, from the process's start (it runs `speed` times real time). */
  fakeNow(): number;
  /** Sleeps (real time) until the process's faked clock shows `t`. */
  untilFake(t: number): Promise<void>;
  /** Resolves with the first line matching `re` (real-time timeout). */
  waitForLine(re: RegExp, timeoutMs?: number): Promise<string>;
  /** CPU time (user + system) the process has used, in ms, from /proc. */
  cpuMs(): number;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts the bot under libfaketime. */
export function startBot(o: BotOptions): Bot {
  if (!FAKETIME.lib) throw new Error(FAKETIME.skip ?? 'no libfaketime');
  mkdirSync(o.dir, { recursive: true });
  const configPath = join(o.dir, o.configName ?? 'config.yaml');
  writeFileSync(configPath, o.configYaml);
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: o.dir,
    TZ: o.tz,
    LD_PRELOAD: FAKETIME.lib,
    // `@<epoch seconds> x<speed>`: read as epoch seconds, so no zone can make the start ambiguous.
    FAKETIME_FMT: '%s',
    FAKETIME: `@${(o.at / 1000).toFixed(3)} x${o.speed}`,
    BRIEFING_CONFIG: configPath,
    LOG_LEVEL: 'info',
    ...o.env,
  };
  const spawnedAt = performance.now();
  const proc = spawn(process.execPath, [BIN, ...(o.args ?? ['start'])], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const waiters = new Set<(line: string) => void>();
  for (const stream of [proc.stdout!, proc.stderr!]) {
    let buf = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      buf += chunk;
      let i;
      while ((i = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        lines.push(line);
        for (const w of waiters) w(line);
      }
    });
  }
  const exited = new Promise<number | null>((r) => proc.once('exit', (code, signal) => r(code ?? (signal ? -1 : null))));
  const fakeNow = () => o.at + (performance.now() - spawnedAt) * o.speed;
  return {
    proc,
    lines,
    exited,
    fakeNow,
    untilFake: (t) => new Promise((r) => setTimeout(r, Math.max(0, (t - fakeNow()) / o.speed))),
    waitForLine(re, timeoutMs = 30_000) {
      const found = lines.find((l) => re.test(l));
      if (found) return Promise.resolve(found);
      return new Promise((resolveLine, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(on);
          reject(new Error(`no line matching ${re} within ${timeoutMs} ms; output:\n${lines.join('\n')}`));
        }, timeoutMs);
        const on = (line: string) => {
          if (!re.test(line)) return;
          clearTimeout(timer);
          waiters.delete(on);
          resolveLine(line);
        };
        waiters.add(on);
        void exited.then(() => {
          if (!waiters.has(on)) return;
          clearTimeout(timer);
          waiters.delete(on);
          reject(new Error(`the process exited before a line matching ${re}; output:\n${lines.join('\n')}`));
        });
      });
    },
    cpuMs() {
      // Fields 14 and 15 of /proc/<pid>/stat: utime and stime in clock ticks (100 per second on Linux).
      const stat = readFileSync(`/proc/${proc.pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(fields[11]) + Number(fields[12])) * 10;
    },
    async stop(signal = 'SIGTERM') {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
      return exited;
    },
  };
}

/** The faked instant a log line was written at (the logger starts each line with an ISO time). */
export function lineTime(line: string): number {
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z)/.exec(line);
  if (!m) throw new Error(`no timestamp at the start of: ${line}`);
  return Date.parse(m[1]!);
}
