// Loading articles: front matter, titles, and each kind of bad input reported with file (and line).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadArticles, MAX_ARTICLE_BYTES, parseArticle } from '../../../src/core/articles/index.ts';

function dirWith(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(join(tmpdir(), 'articles-'));
  for (const [name, body] of Object.entries(files)) writeFileSync(join(dir, name), body);
  return dir;
}

const good = 'Mayor opens bridge\n\nThe mayor said: "It is open."\n';

describe('loadArticles', () => {
  it('reads front matter fields and keeps offsets into the whole file', () => {
    const md = '---\ntitle: Bridge opens\npublished: 2024-03-05\nsource: Daily Ledger\nurl: https://example.org/a\ntags: [city, roads]\n---\nThe mayor said: "It is open."\n';
    const dir = dirWith({ 'a.md': md });
    const { articles, errors } = loadArticles([dir]);
    expect(errors).toEqual([]);
    expect(articles[0]).toMatchObject({ id: 'a.md', title: 'Bridge opens', published: '2024-03-05', source: 'Daily Ledger', url: 'https://example.org/a', tags: ['city', 'roads'], publishedInferred: false });
    expect(articles[0]!.text).toBe(md);
    expect(md.slice(articles[0]!.bodyStart)).toMatch(/^The mayor/);
  });

  it('reads CRLF files and a byte-order mark, keeping offsets into the text as read', () => {
    const md = '\uFEFF---\r\ntitle: Windows file\r\n---\r\nThe mayor said: "It is open."\r\n';
    const { articles, errors } = loadArticles([join(dirWith({ 'w.md': md }), 'w.md')]);
    expect(errors).toEqual([]);
    expect(articles[0]!.title).toBe('Windows file');
    expect(articles[0]!.text).toBe(md);
    expect(md.slice(articles[0]!.bodyStart)).toMatch(/^The mayor/);
  });

  it('takes the first line of plain text as the title when a blank line follows', () => {
    const { articles } = loadArticles([join(dirWith({ 'b.txt': good }), 'b.txt')]);
    expect(articles[0]).toMatchObject({ id: 'b.txt', title: 'Mayor opens bridge', titleSpan: { start: 0, end: 18 } });
  });

  it('otherwise uses the first sentence, clipped', () => {
    const { articles } = loadArticles([join(dirWith({ 'c.txt': 'The council met. It voted.\nMore text.' }), 'c.txt')]);
    expect(articles[0]!.title).toBe('The council met.');
    expect(articles[0]!.bodyStart).toBe(0);
  });

  it('reports each bad file by name and still loads the good ones', () => {
    const dir = dirWith({
      'empty.txt': '  \n',
      'binary.txt': new Uint8Array([72, 105, 0, 1, 2]),
      'latin1.txt': new Uint8Array([72, 0xe9, 108, 108, 111]),
      'broken.md': '---\ntitle: ok\npublished: [unclosed\n---\nBody.\n',
      'baddate.md': '---\ntitle: ok\npublished: 17/02/2025\n---\nBody.\n',
      'unclosed.md': '---\ntitle: ok\nBody without an end\n',
      'good.txt': good,
    });
    const { articles, errors } = loadArticles([dir]);
    expect(articles.map((a) => a.id)).toEqual(['good.txt']);
    const by = Object.fromEntries(errors.map((e) => [e.path.split('/').pop(), e]));
    expect(by['empty.txt']).toMatchObject({ code: 'empty', severity: 'error' });
    expect(by['binary.txt']).toMatchObject({ code: 'binary', line: 1 });
    expect(by['latin1.txt']).toMatchObject({ code: 'invalid-utf8' });
    expect(by['broken.md']).toMatchObject({ code: 'front-matter', line: 3 });
    expect(by['baddate.md']).toMatchObject({ code: 'front-matter', line: 3 });
    expect(by['baddate.md']!.message).toContain('17/02/2025');
    expect(by['unclosed.md']).toMatchObject({ code: 'front-matter', line: 1 });
  });

  it('rejects a 5 MB article with a clear error', () => {
    const dir = dirWith({ 'huge.txt': 'Word '.repeat(1_000_000) });
    const t0 = performance.now();
    const { articles, errors } = loadArticles([dir]);
    expect(articles).toEqual([]);
    expect(errors[0]).toMatchObject({ code: 'too-large', severity: 'error' });
    expect(errors[0]!.message).toContain(`${MAX_ARTICLE_BYTES / 1e6} MB`);
    expect(performance.now() - t0).toBeLessThan(5000);
  });

  it('names two different sizes over the limit differently (issue 15 item 18)', () => {
    const dir = dirWith({ 'just-over.txt': 'x'.repeat(1_000_001), 'more-over.txt': 'x'.repeat(1_049_999) });
    const { errors } = loadArticles([dir]);
    const by = Object.fromEntries(errors.map((e) => [e.path.split('/').pop(), e.message]));
    expect(by['just-over.txt']).toBe('1,000,001 bytes is over the limit of 1,000,000 bytes (1 MB) for one article');
    expect(by['more-over.txt']).toBe('1,049,999 bytes is over the limit of 1,000,000 bytes (1 MB) for one article');
    expect(parseArticle('x.txt', new Uint8Array(1_000_002).fill(120))).toEqual({
      error: { path: 'x.txt', line: null, code: 'too-large', severity: 'error', message: '1,000,002 bytes is over the limit of 1,000,000 bytes (1 MB) for one article' },
    });
  });

  it('warns about an unbalanced quotation mark with its line, and still loads the article', () => {
    const dir = dirWith({ 'q.txt': 'Title\n\nFirst paragraph is fine.\nShe said: "This never closes.\nNext paragraph.\n' });
    const { articles, errors } = loadArticles([dir]);
    expect(articles).toHaveLength(1);
    expect(errors).toMatchObject([{ code: 'unbalanced-quotes', severity: 'warning', line: 4 }]);
  });

  it('reports a missing path', () => {
    expect(loadArticles(['/nonexistent/nowhere.txt']).errors[0]).toMatchObject({ code: 'not-found', path: '/nonexistent/nowhere.txt' });
  });
});
