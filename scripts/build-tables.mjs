// Part of the build (`npm run build`, `npm ci`, and scripts/build-if-stale.mjs before `npm start`):
// writes the lookup tables that asking reads instead of parsing whole lexicons at every start, into
// dist/core/ask/ beside the modules that read them. Each table's first line names the package
// versions it was built from; a table from other versions is ignored (and rebuilt by the next build).
// Written to a temporary file and renamed, so a running process never reads half a table.
import { renameSync, writeFileSync } from 'node:fs';

const { LEMMA_TABLE, lemmaTableText } = await import(new URL('../dist/core/ask/lemmatizer.js', import.meta.url).href);
const { WORDNET_TABLE, wordnetTableText } = await import(new URL('../dist/core/ask/wordnet.js', import.meta.url).href);

for (const [path, text] of [
  [LEMMA_TABLE, lemmaTableText()],
  [WORDNET_TABLE, wordnetTableText()],
]) {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}
