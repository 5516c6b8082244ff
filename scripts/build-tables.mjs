// Part of the build (`npm run build`, `npm ci`, and scripts/build-if-stale.mjs before `npm start`):
// writes the lookup tables that asking reads instead of parsing whole lexicons at every start, into
// dist/core/ask/ beside the modules that read them. Each table's first line names the package
// versions it was built from; a table from other versions is ignored (and rebuilt by the next build).
// Written to a temporary file and renamed, so a running process never reads half a table. A table
// that cannot be written (a lexicon word it cannot hold) is left out with a warning: asking then
// reads the package itself, more slowly, and answers the same.
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const { LEMMA_TABLE, lemmaTableText } = await import(new URL('../dist/core/ask/lemmatizer.js', import.meta.url).href);
const { WORDNET_TABLE, wordnetTableText } = await import(new URL('../dist/core/ask/wordnet.js', import.meta.url).href);

for (const [path, make] of [
  [LEMMA_TABLE, lemmaTableText],
  [WORDNET_TABLE, wordnetTableText],
]) {
  let text;
  try {
    text = make();
  } catch (err) {
    rmSync(path, { force: true });
    process.stderr.write(`build-tables: ${path} not written (${err.message}); asking reads the package instead\n`);
    continue;
  }
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text, 'latin1');
  renameSync(tmp, path);
}
// For scripts/build-if-stale.mjs: the tables of this build were made (or left out).
writeFileSync(fileURLToPath(new URL('../dist/.tables', import.meta.url)), `${new Date().toISOString()}\n`);
