// Every annotated text in ../shared/eval (the PolNeAR dev and train-dev splits, 774 articles) goes
// through the real extractor: none may throw, and every quote's offsets must point at its words in
// the text as loaded. The texts are not part of the repository; without them the test says so and skips.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../../src/core/articles/index.ts';
import { extractArticle } from '../../../src/core/extract/index.ts';
import { prepareText } from '../../../src/core/text/prepare.ts';

const dir = resolve(import.meta.dirname, '../../../../shared/eval');
const files = ['polnear-dev.jsonl', 'polnear-train-dev.jsonl'].map((f) => join(dir, f));
const present = files.every((f) => existsSync(f));
if (!present) console.log(`eval-corpus: skipped, the evaluation texts are not at ${dir} (they live beside the project, not in it)`);

describe.skipIf(!present)('the extractor over every evaluation text', () => {
  it('extracts all 774 articles without an exception, each quote at its offsets', () => {
    const problems: string[] = [];
    let articles = 0;
    let quotes = 0;
    for (const file of files) {
      for (const line of readFileSync(file, 'utf8').split('\n')) {
        if (!line.trim()) continue;
        const { doc, text } = JSON.parse(line) as { doc: string; text: string };
        const parsed = parseArticle(`${doc}.txt`, new TextEncoder().encode(text));
        if (!('article' in parsed)) {
          problems.push(`${doc}: not loaded: ${parsed.error.message}`);
          continue;
        }
        const a = parsed.article;
        articles++;
        try {
          const x = extractArticle(a);
          for (const q of x.quotes) {
            quotes++;
            // Quote texts are in the extraction's normal form (NFC, no zero-width characters).
            const inFile = a.text.slice(q.start, q.end);
            const ok = q.start >= 0 && q.end <= a.text.length && q.start < q.end && (q.kind === 'indirect' || (prepareText(inFile)?.text ?? inFile) === q.text);
            if (!ok) problems.push(`${doc}: ${q.kind} quote at ${q.start}-${q.end} reads ${JSON.stringify(inFile.slice(0, 60))}, not ${JSON.stringify(q.text.slice(0, 60))}`);
          }
        } catch (err) {
          problems.push(`${doc}: ${(err as Error).stack?.split('\n').slice(0, 2).join(' ')}`);
        }
      }
    }
    expect(problems.slice(0, 20)).toEqual([]);
    expect(articles).toBe(774);
    expect(quotes).toBeGreaterThan(5000);
  }, 180_000);
});
