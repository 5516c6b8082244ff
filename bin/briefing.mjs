#!/usr/bin/env node
// The `briefing` command. Runs the build in dist/ (`npm run build`; `npm ci` builds it). With
// BRIEFING_FROM_SOURCE=1, or when there is no build, it runs the TypeScript in src/ through tsx
// (a devDependency: for development and tests only).
import { existsSync } from 'node:fs';

// `briefing quotes | head` closes the pipe early: stop quietly instead of throwing EPIPE.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}

const built = new URL('../dist/cli/main.js', import.meta.url);
const fromSource = process.env.BRIEFING_FROM_SOURCE === '1' || !existsSync(built);
let main;
if (fromSource) {
  try {
    const { register } = await import('tsx/esm/api');
    register();
  } catch {
    process.stderr.write('briefing: no build in dist/ and no tsx to run the sources: run `npm run build` (or `npm ci`, which builds)\n');
    process.exit(1);
  }
  ({ main } = await import('../src/cli/main.ts'));
} else {
  ({ main } = await import(built.href));
}
process.exitCode = await main(process.argv.slice(2));
