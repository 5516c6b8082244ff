// Dev aid: extracts one text given on the command line and prints its quotes.
// npx tsx scripts/extract-one.ts "Jane Doe said: \"Hello.\""
import { parseArticle } from '../src/core/articles/index.ts';
import { extractArticle } from '../src/core/extract/index.ts';
const text = process.argv[2]!;
const r = parseArticle('x.txt', new TextEncoder().encode('T\n\n' + text)) as any;
const x = extractArticle(r.article);
for (const q of x.quotes) console.log(q.kind, JSON.stringify(q.text), '=>', q.speaker?.name, '|', q.speaker?.mention, '|', q.cue);
