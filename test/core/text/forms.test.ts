// Text forms found in real-world files: each must read as the same article as its plain form.
import { describe, expect, it } from 'vitest';
import { loadArticles, parseArticle } from '../../../src/core/articles/index.ts';
import { extractArticle } from '../../../src/core/extract/index.ts';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function load(text: string | Uint8Array, path = 'sample.txt') {
  const r = parseArticle(path, typeof text === 'string' ? new TextEncoder().encode(text) : text);
  if (!('article' in r)) throw new Error(r.error.message);
  return r;
}

function extract(text: string | Uint8Array, path?: string) {
  const { article, warnings } = load(text, path);
  return { article, warnings, x: extractArticle(article) };
}

/** Every quote's offsets cover its words in the file's own text (in their normalised form). */
function expectOffsetsInFile(text: string, quotes: { start: number; end: number; text: string }[]) {
  for (const q of quotes) expect(text.slice(q.start, q.end).normalize('NFC').replace(/[\u00ad\u200b-\u200d\u2060\ufeff]/g, '')).toBe(q.text);
}

describe('a double-quoted quotation nested in a double-quoted quote', () => {
  it('keeps the whole quote and its speaker', () => {
    const { x } = extract('Title\n\n"He called it "a farce", and I agreed," Maria Silva said.\n');
    expect(x.quotes.map((q) => [q.kind, q.text, q.speaker?.name])).toEqual([['direct', 'He called it "a farce", and I agreed,', 'Maria Silva']]);
  });

  it('does not join two separate quotes, one of them unclosed', () => {
    const { x } = extract('Title\n\n"It is over. Maria Silva told me "go home" and I did. "Now we rest," she said.\n');
    expect(x.quotes.map((q) => q.text)).not.toContainEqual(expect.stringContaining('go home" and I did'));
    expect(x.quotes.map((q) => q.text)).toContain('Now we rest,');
  });
});

describe('Unicode forms of names', () => {
  const nfc = 'José Ortega';
  const nfd = 'Jose\u0301 Ortega';

  it('an NFD name is the same person as its NFC form, and quote offsets still point into the file', () => {
    const text = `Title\n\n${nfd} spoke at noon. "We will win," ${nfd} said.\n\n"It is done," ${nfc} added.\n`;
    const { x } = extract(text);
    expect(x.people.map((p) => p.name)).toEqual([nfc]);
    expect(x.quotes.map((q) => q.speaker?.name)).toEqual([nfc, nfc]);
    expectOffsetsInFile(text, x.quotes);
    expect(text.slice(x.quotes[1]!.sentence.start, x.quotes[1]!.sentence.end)).toBe(`"It is done," ${nfc} added.`);
  });

  it('a zero-width space or soft hyphen inside a name does not split it', () => {
    const text = 'Title\n\n"Enough," Ana Re\u200byes said.\n\n"Fine," Ma\u00adria Sil\u200bva replied. Maria Silva left.\n';
    const { x } = extract(text);
    expect(x.quotes.map((q) => q.speaker?.name)).toEqual(['Ana Reyes', 'Maria Silva']);
    expect(x.people.map((p) => p.name).sort()).toEqual(['Ana Reyes', 'Maria Silva']);
    expectOffsetsInFile(text, x.quotes);
  });

  it('a byte-order mark in front of the title changes nothing', () => {
    const { article, x } = extract('\ufeffTitle line\n\n"Fine," Ana Reyes said.\n');
    expect(article.title).toBe('Title line');
    expect(x.quotes[0]).toMatchObject({ text: 'Fine,', start: article.text.indexOf('Fine'), end: article.text.indexOf('Fine') + 5 });
  });
});

describe('line breaks', () => {
  it.each([
    ['a lone CR', '\r'],
    ['CRLF', '\r\n'],
    ['U+2029', '\u2029'],
    ['U+2028', '\u2028'],
  ])('%s separates lines and paragraphs', (_name, br) => {
    const text = ['Budget talks collapse', '', '"We are done," Ana Reyes said.', '"Not yet," Tom Hale replied.', ''].join(br);
    const { article, x } = extract(text);
    expect(article.title).toBe('Budget talks collapse');
    expect(x.quotes.map((q) => [q.text, q.speaker?.name, q.paragraph])).toEqual([
      ['We are done,', 'Ana Reyes', 0],
      ['Not yet,', 'Tom Hale', 1],
    ]);
    expectOffsetsInFile(text, x.quotes);
  });
});

describe('UTF-16 with a byte-order mark', () => {
  const text = 'Title\n\n"Fine," Ana Reyes said.\n';
  function utf16(be: boolean): Uint8Array {
    const out = new Uint8Array(2 + text.length * 2);
    out.set(be ? [0xfe, 0xff] : [0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      out[2 + 2 * i + (be ? 1 : 0)] = c & 0xff;
      out[2 + 2 * i + (be ? 0 : 1)] = c >> 8;
    }
    return out;
  }

  it.each([['little-endian', false], ['big-endian', true]])('%s is decoded, not reported as binary', (_n, be) => {
    const { article, x } = extract(utf16(be as boolean));
    expect(article.title).toBe('Title');
    expect(x.quotes.map((q) => [q.text, q.speaker?.name])).toEqual([['Fine,', 'Ana Reyes']]);
    expect(article.text.slice(x.quotes[0]!.start, x.quotes[0]!.end)).toBe('Fine,');
  });

  it('NUL bytes without a byte-order mark are still binary', () => {
    const r = parseArticle('x.txt', new Uint8Array([0x41, 0, 0x42, 0]));
    expect('error' in r && r.error.code).toBe('binary');
  });
});

describe('markup is not prose', () => {
  it('a Markdown code block and inline code yield no quote', () => {
    const text = ['Title', '', 'Ana Reyes showed the config:', '', '```yaml', 'greeting: "hello there"', 'name: "Tom Hale"', '```', '',
      'Set `label: "draft"` first, she said. "It works," Ana Reyes said.', ''].join('\n');
    const { x } = extract(text, 'notes.md');
    expect(x.quotes.map((q) => q.text)).toEqual(['It works,']);
    expect(x.people.map((p) => p.name)).toEqual(['Ana Reyes']);
  });

  it('HTML tags and their attributes yield no quote; the text between them still does', () => {
    const text = 'Title\n\n<p class="lead" title="Not a quote here">"Fine," Ana Reyes said.</p><img alt="A photo of a crowd" src="x.jpg">\n';
    const { x } = extract(text);
    expect(x.quotes.map((q) => [q.text, q.speaker?.name])).toEqual([['Fine,', 'Ana Reyes']]);
    expectOffsetsInFile(text, x.quotes);
  });

  it('an HTML page saved as .md or .txt gets a warning naming the file', () => {
    const page = '<!DOCTYPE html>\n<html><head><title>Budget</title></head><body><p>"Fine," Ana Reyes said.</p></body></html>\n';
    const dir = mkdtempSync(join(tmpdir(), 'forms-'));
    writeFileSync(join(dir, 'saved-page.md'), page);
    writeFileSync(join(dir, 'plain.txt'), 'Title\n\nThe vote is <b>today</b>, Ana Reyes said.\n');
    const { articles, errors } = loadArticles([dir]);
    expect(articles).toHaveLength(2);
    expect(errors).toEqual([expect.objectContaining({ path: join(dir, 'saved-page.md'), code: 'html-page', severity: 'warning' })]);
    expect(extractArticle(articles.find((a) => a.path.endsWith('.md'))!).quotes.map((q) => q.text)).toEqual(['Fine,']);
  });
});
