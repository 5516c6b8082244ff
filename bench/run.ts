// `npm run bench [name…]`: runs each bench/<name>.bench.ts in its own Node process (so peak memory
// is per benchmark), one after another, and prints their reports. Each benchmark measures its
// baseline in the same run and reports its figures as ratios to it.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const wanted = process.argv.slice(2);
const benches = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.slice(0, -'.bench.ts'.length))
  .filter((n) => wanted.length === 0 || wanted.includes(n))
  .sort();

if (benches.length === 0) {
  console.error(`no benchmarks match ${wanted.join(', ') || '(any)'}`);
  process.exit(2);
}

let failed = 0;
for (const name of benches) {
  console.log(`\n=== ${name}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', `${dir}${name}.bench.ts`], { stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    console.log(`${name}: exited ${r.status ?? r.signal}`);
  }
}
process.exit(failed ? 1 : 0);
