// The launch article: quotes and speakers as read by a person (see the article in content/).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadArticles } from '../../../src/core/articles/index.ts';
import { extractArticle } from '../../../src/core/extract/index.ts';
import { quoteWith } from './helpers.ts';

const path = 'content/2025-02-17-starmer-ukraine-security.md';
const { articles, errors } = loadArticles([path]);
const x = extractArticle(articles[0]!);
const speakerOf = (fragment: string) => quoteWith(x, fragment).speaker?.name ?? null;

describe('launch article', () => {
  it('loads with its front matter', () => {
    expect(errors).toEqual([]);
    expect(x.article).toMatchObject({ id: '2025-02-17-starmer-ukraine-security.md', published: '2025-02-17', publishedInferred: true, source: null, url: null });
    expect(x.article.title).toContain('Starmer warns');
  });

  it('offsets point at the quoted words, without the marks', () => {
    const text = readFileSync(path, 'utf8');
    for (const q of x.quotes) {
      expect(text.slice(q.start, q.end)).toBe(q.text);
      if (q.kind !== 'indirect') expect(text[q.start - 1]).toMatch(/[“"]/);
    }
  });

  it('finds partial quotes inside reported sentences', () => {
    for (const f of ['generational moment', 'only way', 'leading responsibility', 'not a surprise', 'existential question', 'at a considerable cost']) {
      expect(quoteWith(x, f).kind).toBe('partial');
    }
    expect(speakerOf('generational moment')).toBe('Keir Starmer');
    expect(speakerOf('only way')).toBe('Keir Starmer');
    expect(speakerOf('leading responsibility')).toBe('Keir Starmer');
    expect(speakerOf('at a considerable cost')).toBe('Richard Dannatt');
    expect(speakerOf('restoring the entire complex')).toBe('Dmitry Peskov');
  });

  it('resolves the PM, the Prime Minister and Mr Starmer to one person', () => {
    const q1 = quoteWith(x, 'Europe must play its role');
    expect(q1).toMatchObject({ kind: 'direct', speaker: { name: 'Keir Starmer', mention: 'The Prime Minister' } });
    expect(quoteWith(x, 'generational challenge when it comes')).toMatchObject({ speaker: { name: 'Keir Starmer', mention: 'The PM' } });
    expect(quoteWith(x, 'very early stage').speaker?.mention).toBe('Mr Starmer');
  });

  it('continues a quote that runs over two paragraphs with the same speaker', () => {
    const second = quoteWith(x, 'But there must be a US backstop');
    expect(second.kind).toBe('direct');
    expect(second.speaker?.name).toBe('Keir Starmer');
    expect(speakerOf('So that needs to be discussed')).toBe('Keir Starmer');
    expect(speakerOf('I feel very deeply the responsibility')).toBe('Keir Starmer');
  });

  it('resolves "He said:" to the person the text is about at that point', () => {
    expect(speakerOf('There is no greater priority')).toBe('Wes Streeting');
    expect(speakerOf('crafty ideas')).toBe('Sergei Lavrov');
    expect(speakerOf('I do not say that lightly')).toBe('Keir Starmer');
    expect(speakerOf('We cannot have another situation like Afghanistan')).toBe('Keir Starmer');
  });

  it('handles Lord Dannatt and stating:', () => {
    expect(quoteWith(x, 'Frankly, we haven’t got the numbers').speaker).toMatchObject({ name: 'Richard Dannatt', mention: 'Lord Dannatt' });
    expect(quoteWith(x, 'Ukraine must be at the table').speaker?.name).toBe('Keir Starmer');
  });

  it('finds reported speech without quotation marks', () => {
    const indirect = x.quotes.filter((q) => q.kind === 'indirect');
    const zelensky = indirect.filter((q) => q.text.includes('has not been invited'));
    expect(zelensky.length).toBe(2);
    for (const q of zelensky) expect(q.speaker?.name).toBe('Volodymyr Zelensky');
    expect(indirect.find((q) => q.text.startsWith('there was no role for Europe'))?.speaker?.name).toBe('Sergei Lavrov');
  });

  it('reported speech closed by its source: ", Russian state-run media reported."', () => {
    const q = x.quotes.find((q) => q.kind === 'indirect' && q.text.includes('were flying out to Riyadh'));
    expect(q?.speaker).toMatchObject({ name: 'Russian state-run media', personId: null });
    expect(x.people.find((p) => p.name === 'Yuriy Ushakov')).toMatchObject({ roles: ['aide'], quotes: 0 });
    expect(x.people.find((p) => p.name === 'Marco Rubio')?.roles).toContain('US Secretary of State');
    expect(x.people.find((p) => p.name === 'Sergei Lavrov')?.roles).toContain('Russian Foreign Minister');
    // Places, organisations and unnamed sources are not people.
    for (const notPerson of ['No10', 'Kremlin', 'Ukraine', 'Europe', 'NATO', 'US']) expect(x.people.some((p) => p.name === notPerson)).toBe(false);
  });

  it('keeps No10 as an unnamed source', () => {
    const q = x.quotes.find((q) => q.speaker?.name === 'No10');
    expect(q?.speaker?.personId).toBeNull();
    expect(x.people.some((p) => p.name === 'No10' && p.quotes > 0)).toBe(false);
  });

  it('lists people with roles and aliases', () => {
    const starmer = x.people.find((p) => p.name === 'Keir Starmer')!;
    expect(starmer.aliases).toEqual(expect.arrayContaining(['Mr Starmer', 'the PM', 'the Prime Minister']));
    expect(starmer.roles).toContain('Prime Minister');
    expect(starmer.quotes).toBeGreaterThanOrEqual(20);
    expect(x.people.find((p) => p.name === 'Dmitry Peskov')?.roles).toContain('Kremlin spokesman');
    expect(x.people.find((p) => p.name === 'Wes Streeting')?.roles).toContain('Health Secretary');
    expect(x.people.find((p) => p.name === 'Yuriy Ushakov')?.quotes ?? 0).toBe(0);
  });

  it('keeps photo-credit debris out of quotes', () => {
    expect(x.quotes.some((q) => /Getty|Anadolu/.test(q.text))).toBe(false);
  });
});
