// Rows prepared for the store: the vocabulary counts must be the words the question side sees
// (words() and fold()), whichever path counted them.
import { describe, expect, it } from 'vitest';
import { fold, words } from '../../src/core/ask/words.ts';
import { countRowWords, prepareArticle } from '../../src/store/knowledge/prepare.ts';
import { fixtureExtract, launchArticle } from '../core/ask/fixture.ts';

/** The reference: each distinct word of each row, folded, counted once per row. */
function reference(rows: string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of rows) for (const w of new Set(words(r).map(fold))) if (w.length <= 40) out.set(w, (out.get(w) ?? 0) + 1);
  return out;
}

describe('prepareArticle', () => {
  it('counts the words of rows with curly quotes, dashes and accents as words() and fold() do', () => {
    const rows = [
      'The PM said: “We won’t stand by” — and left… again.',
      'Plain ASCII text, with 2.5% of GDP and the PM twice: the PM.',
      'Café society in São Paulo met the naïve Zoë – ‘briefly’.',
      'Ｆｕｌｌｗｉｄｔｈ letters and the ﬁ ligature',
      'x'.repeat(41) + ' short',
    ];
    const counted = new Map<string, number>();
    for (const r of rows) countRowWords(r, counted);
    expect(counted).toEqual(reference(rows));
    expect(counted.get('the')).toBe(4);
    expect(counted.get('cafe')).toBe(1);
  });

  it('prepares the launch article as plain data: rows, FTS documents and its vocabulary', () => {
    const a = launchArticle();
    const p = prepareArticle(fixtureExtract(a), a.hash, a.path, { text: a.text, bodyStart: a.bodyStart });
    expect(p.quotes).toHaveLength(9);
    expect(p.people).toContain('keir-starmer');
    expect(p.names).toContain('keir_starmer');
    const ws = p.words.split(' ');
    expect(ws).toHaveLength(p.wordRows.length);
    const rows = [...p.quotes.map((q) => q.text + ' ' + q.around), ...p.facts.map((f) => f.text)];
    expect(new Map(ws.map((w, i) => [w, p.wordRows[i]!]))).toEqual(reference(rows));
    expect(structuredClone(p)).toEqual(p);
  });
});
