// `npm start` runs this first (prestart): rebuilds dist/ when a file in src/ (or the build config)
// is newer than the last build, so an edited checkout never runs stale code, and writes the build's
// lookup tables when they are missing. Costs a few ms of stat calls when the build is current.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const stamp = join(root, 'dist', '.tsbuildinfo');

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

let built = 0;
try {
  built = statSync(stamp).mtimeMs;
} catch {}
const sources = Math.max(newest(join(root, 'src')), ...['tsconfig.json', 'tsconfig.build.json', 'package-lock.json'].map((f) => statSync(join(root, f)).mtimeMs));
if (sources > built) {
  process.stderr.write(built ? 'briefing: src/ changed since the last build; building dist/\n' : 'briefing: building dist/\n');
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  if (!existsSync(tsc)) {
    // An install without devDependencies (npm ci --omit=dev) runs the build it shipped with.
    process.stderr.write(`briefing: typescript is not installed; ${built ? 'running the existing build' : 'cannot build'}\n`);
    if (!built) process.exit(1);
  } else {
    const r = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
    if (r.status !== 0) process.exit(r.status ?? 1);
    tables(true);
    // tsc leaves its build info alone when nothing it emits changed: mark the build current.
    const now = new Date();
    utimesSync(stamp, now, now);
  }
}
// The lookup tables the build writes beside the modules that read them (scripts/build-tables.mjs).
tables(false);

function tables(always) {
  const dir = join(root, 'dist', 'core', 'ask');
  if (!existsSync(join(dir, 'lemmatizer.js'))) return;
  if (!always && existsSync(join(root, 'dist', '.tables'))) return;
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'build-tables.mjs')], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
