#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so `npx briefing …` works without a build step.
import { register } from 'tsx/esm/api';

register();
// `briefing quotes | head` closes the pipe early: stop quietly instead of throwing EPIPE.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
