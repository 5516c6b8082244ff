// Preloaded (`node --import`) by test/build: on exit, prints the npm packages whose CommonJS
// modules were loaded (Bolt, discord.js and better-sqlite3 are CommonJS), one JSON line on stderr.
// With BRIEFING_TEST_MODULES set to a file, the URL of every ES module the process loads is also
// appended to that file, one a line (the app's own modules in dist/ are ES modules).
import { createRequire, register } from 'node:module';

const require = createRequire(import.meta.url);
if (process.env.BRIEFING_TEST_MODULES) register('./loaded-modules-hooks.mjs', import.meta.url, { data: { file: process.env.BRIEFING_TEST_MODULES } });
process.on('exit', () => {
  const names = new Set();
  for (const file of Object.keys(require.cache)) {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file.replaceAll('\\', '/'));
    if (m) names.add(m[1]);
  }
  process.stderr.write(`loaded-packages ${JSON.stringify([...names].sort())}\n`);
});
