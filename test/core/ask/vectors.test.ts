// Word vectors: read out of the package's JSON for the wanted words only, quantised, cached, and
// never waited for by a question.
import { mkdtempSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheKey, LazyVectors, WordVectors } from '../../../src/core/ask/vectors.ts';

const dir = mkdtempSync(join(tmpdir(), 'vectors-'));
const source = join(dir, 'embeddings.json');
const vec = (xs: number[]) => [...xs, 1, 0];
writeFileSync(
  source,
  JSON.stringify({
    precision: 8,
    dimensions: 4,
    words: ['pay', 'wages', 'salary', 'tree', 'forest'],
    vectors: { pay: vec([0.9, 0.1, 0, 0]), wages: vec([0.8, 0.2, 0, 0.05]), salary: vec([0.85, 0.15, 0.02, 0]), tree: vec([0, 0, 1, 0.2]), forest: vec([0, 0.1, 0.9, 0.3]) },
    unkVector: [0, 0, 0, 0],
  }),
);

describe('word vectors', () => {
  it('keeps only the wanted words, quantised, and finds neighbours by cosine', async () => {
    const cache = join(dir, 'a.bin');
    const v = await WordVectors.build(['pay', 'wages', 'tree'], cache, source);
    expect(v.words.sort()).toEqual(['pay', 'tree', 'wages']);
    expect(v.similarity('pay', 'wages')).toBeGreaterThan(0.95);
    expect(v.similarity('pay', 'tree')).toBeLessThan(0.1);
    expect(existsSync(cache)).toBe(true);
    // 3 words x 4 dimensions of int8, plus the header.
    expect(statSync(cache).size).toBeLessThan(200);
    const again = WordVectors.readCache(cache, cacheKey(['pay', 'wages', 'tree']))!;
    expect(again.similarity('pay', 'wages')).toBeCloseTo(v.similarity('pay', 'wages'), 5);
    expect(WordVectors.readCache(cache, 'another vocabulary')).toBeNull();
  });

  it('draws neighbours from the index vocabulary only, and a question never waits for loading', async () => {
    const lazy = new LazyVectors({ cachePath: join(dir, 'b.bin'), vocabulary: async () => ['pay', 'salary', 'forest'], common: 0, source });
    expect(lazy.neighbours('pay')).toEqual([]); // not loaded yet: nothing, at once
    await lazy.ready();
    expect(lazy.neighbours('pay', 5, 0.5).map((n) => n.word)).toEqual(['salary']);
  });

  it('reads a cache another process wrote and builds nothing when told to read only', async () => {
    const reader = new LazyVectors({ cachePath: join(dir, 'missing.bin'), vocabulary: async () => ['pay'], cacheOnly: true, source });
    expect(await reader.ready()).toBeNull();
    expect(reader.error).toBeNull();
  });
});
