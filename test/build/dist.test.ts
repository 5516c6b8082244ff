// The built app (dist/, what `npm start` runs) as whole processes: bin/briefing.mjs without
// BRIEFING_FROM_SOURCE. The build is brought up to date first (scripts/build-if-stale.mjs, as
// `npm start` does): a no-op where `npm ci` has just built it, a tsc run after source edits.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(repo, 'bin', 'briefing.mjs');
const preload = join(repo, 'test', 'build', 'loaded-packages.mjs');
let dir: string;

function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...process.env, BRIEFING_CONTENT_DIR: join(dir, 'content'), BRIEFING_DB_PATH: join(dir, 'data', 'b.db'), BRIEFING_WATCH: 'false', ...extra };
  delete e.BRIEFING_FROM_SOURCE;
  for (const k of Object.keys(e)) if (/^(SLACK|DISCORD)_/.test(k)) delete e[k];
  return e;
}

function run(args: string[], opts: { input?: string; env?: Record<string, string> } = {}) {
  // The app's own modules (in dist/) that the process imported, as paths under dist/.
  const modulesFile = join(dir, `modules-${process.hrtime.bigint()}.txt`);
  const r = spawnSync(process.execPath, ['--import', preload, bin, ...args], { cwd: repo, env: env({ BRIEFING_TEST_MODULES: modulesFile, ...opts.env }), input: opts.input ?? '', encoding: 'utf8', timeout: 60_000 });
  const line = /^loaded-packages (.*)$/m.exec(r.stderr)?.[1];
  const distUrl = new URL('../../dist/', import.meta.url).href;
  const modules = existsSync(modulesFile) ? readFileSync(modulesFile, 'utf8').split('\n').filter((u) => u.startsWith(distUrl)).map((u) => u.slice(distUrl.length)) : [];
  return { code: r.status, out: r.stdout, err: r.stderr.replace(/^loaded-packages .*\n/m, ''), packages: line ? (JSON.parse(line) as string[]) : null, modules };
}

beforeAll(() => {
  const r = spawnSync(process.execPath, [join(repo, 'scripts', 'build-if-stale.mjs')], { cwd: repo, encoding: 'utf8', timeout: 170_000 });
  if (r.status !== 0) throw new Error(`build failed:\n${r.stdout}${r.stderr}`);
  dir = mkdtempSync(join(tmpdir(), 'briefing-dist-'));
  mkdirSync(join(dir, 'content'));
  copyFileSync(join(repo, 'content', '2025-02-17-starmer-ukraine-security.md'), join(dir, 'content', 'starmer.md'));
}, 180_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the build in dist/', () => {
  it('holds no TypeScript import left unrewritten', () => {
    const main = readFileSync(join(repo, 'dist', 'cli', 'main.js'), 'utf8');
    expect(main).not.toMatch(/from '[^']+\.ts'/);
    expect(existsSync(join(repo, 'dist', 'app', 'answers', 'worker.js'))).toBe(true);
  });

  it('briefing --help lists every command and loads no platform library, no database and no tsx', () => {
    const r = run(['--help']);
    expect(r.code).toBe(0);
    for (const name of ['ask', 'brief', 'digest', 'discord', 'extract', 'facts', 'people', 'quotes', 'start']) expect(r.out).toMatch(new RegExp(`^  ${name} +\\S`, 'm'));
    expect(r.packages).not.toBeNull();
    for (const pkg of ['discord.js', '@slack/bolt', '@slack/web-api', 'better-sqlite3', 'tsx', 'wink-lemmatizer']) expect(r.packages).not.toContain(pkg);
  });

  it('a bad option stops before anything is loaded, with exit 2 and the usage', () => {
    const r = run(['quotes', '--jsn']);
    expect(r.code).toBe(2);
    expect(r.err).toBe('briefing quotes: unknown option --jsn (options: --json, --speaker)\nusage: briefing quotes [--speaker NAME] [--json]\n');
    expect(r.packages).not.toContain('better-sqlite3');
  });

  it('answers a one-shot ask, extracting a bulk sync in worker threads built as JavaScript', () => {
    // 120 articles: over the bulk threshold, so extraction runs in the pool (src/store/extract-pool.ts).
    for (let i = 0; i < 120; i++) {
      writeFileSync(join(dir, 'content', `filler-${i}.md`), `---\ntitle: Filler ${i}\n---\nThe council met on day ${i}. "Roads come first," said Jane Doe${i}, the council leader.\n`);
    }
    const r = run(['ask', '--limit=2', 'what did Lavrov say about Europe'], { env: { LOG_LEVEL: 'debug' } });
    expect(r.err).not.toMatch(/extraction worker (failed|stopped)|Cannot find module|ERR_/);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Sergei Lavrov \(Russian Foreign Minister\): /m);
    expect(r.packages).not.toContain('tsx');
  });

  it('a one-shot ask over a synced database imports no extractor and reads no lexicon package (the build’s tables instead)', () => {
    expect(run(['ask', 'what did Lavrov say about Europe']).code).toBe(0);
    const r = run(['ask', 'what did Lavrov say about Europe']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Sergei Lavrov \(Russian Foreign Minister\): /m);
    // The hooks saw the ask's own modules, so an extractor module would have been seen too.
    expect(r.modules).toContain('core/ask/engine.js');
    expect(r.modules).toContain('core/ask/lemmatizer.js');
    expect(r.modules.filter((m) => m.startsWith('core/extract/') && !/^core\/extract\/(lexicon|facts\/role-heads|speech-verbs|speech-forms|checked)\.js$/.test(m))).toEqual([]);
    expect(r.modules).not.toContain('app/knowledge.js');
    for (const pkg of ['wink-lemmatizer', 'wink-lexicon', 'discord.js', '@slack/bolt']) expect(r.packages).not.toContain(pkg);
    expect(existsSync(join(repo, 'dist', 'core', 'ask', 'lemma-table.txt'))).toBe(true);
    expect(existsSync(join(repo, 'dist', 'core', 'ask', 'wordnet-table.txt'))).toBe(true);
  });

  it('after an article file changes, the ask imports the extractor and answers from the new text', () => {
    writeFileSync(join(dir, 'content', 'changed.md'), `---\ntitle: Harbour works\n---\nThe harbour reopened on Monday. "The cranes are back at work," said Jane Roe, the harbour master.\n`);
    const r = run(['ask', 'what did Jane Roe say about the cranes']);
    expect(r.code).toBe(0);
    expect(r.modules).toContain('core/extract/index.js');
    expect(r.out).toContain('The cranes are back at work');
  });

  it('npm start answers on worker threads started from dist/ (no tsx in the process)', async () => {
    const child = spawn(process.execPath, ['--import', preload, bin, 'start'], { cwd: repo, env: env({ LOG_LEVEL: 'debug', BRIEFING_ANSWER_WORKERS: '1' }), stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    // The command is sent once the worker is up, so it is answered there, not on the main thread.
    child.stderr.on('data', (d) => {
      err += d;
      if (err.includes('answer worker ready') && child.stdin.writable && !child.stdin.writableEnded) child.stdin.end('who Lavrov\n');
    });
    const code = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      child.on('exit', (c) => (clearTimeout(timer), resolve(c)));
    });
    expect(err).toContain('answer worker ready');
    expect(err).not.toMatch(/answer worker failed|Cannot find module/);
    expect(code).toBe(0);
    expect(out).toContain('Sergei Lavrov');
    const packages = JSON.parse(/^loaded-packages (.*)$/m.exec(err)![1]!) as string[];
    expect(packages).not.toContain('tsx');
    // Syncing and answering read the build's lexicon tables, not the lexicon packages.
    expect(packages).not.toContain('wink-lexicon');
  });
});

describe('npm start as a process', () => {
  it('a SIGTERM sent to npm reaches node, which stops cleanly (npm start execs node)', async () => {
    // The npm running this suite, or the one on PATH.
    const npmCli = process.env.npm_execpath?.endsWith('.js') ? process.env.npm_execpath : null;
    const child = npmCli
      ? spawn(process.execPath, [npmCli, 'start'], { cwd: repo, env: env({ LOG_LEVEL: 'info', BRIEFING_ANSWER_WORKERS: '0' }), stdio: ['pipe', 'pipe', 'pipe'] })
      : spawn('npm', ['start'], { cwd: repo, env: env({ LOG_LEVEL: 'info', BRIEFING_ANSWER_WORKERS: '0' }), stdio: ['pipe', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.stdout.resume();
    // stdin stays open: the console keeps running until the signal.
    const t0 = Date.now();
    while (!err.includes('info running')) {
      if (Date.now() - t0 > 30_000 || child.exitCode !== null) throw new Error(`npm start never ran:\n${err}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    child.kill('SIGTERM');
    // 'close' waits for every holder of the pipes: an orphaned node would keep them open.
    const closed = await new Promise<string>((resolve) => {
      const timer = setTimeout(() => resolve('still open after 10 s'), 10_000);
      child.on('close', () => (clearTimeout(timer), resolve('closed')));
    });
    if (closed !== 'closed') child.stdin.destroy();
    expect(closed).toBe('closed');
    expect(err).toContain('info stopping {"reason":"SIGTERM"}');
    expect(err).toMatch(/info stopped\n/);
  });
});
