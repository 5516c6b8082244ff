// Preloaded (`node --import`) by test/build: on exit, prints the npm packages whose CommonJS
// modules were loaded (Bolt, discord.js and better-sqlite3 are CommonJS), one JSON line on stderr.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
process.on('exit', () => {
  const names = new Set();
  for (const file of Object.keys(require.cache)) {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file.replaceAll('\\', '/'));
    if (m) names.add(m[1]);
  }
  process.stderr.write(`loaded-packages ${JSON.stringify([...names].sort())}\n`);
});
