// Two people of one surname in one article: which one a lone surname means (issue 11, class 1).
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../src/core/extract/index.ts';
import { articleOf, extract, quoteWith } from './helpers.ts';

describe('a lone surname among several people of that surname', () => {
  it('goes to the person introduced first, not to a relative named more recently', () => {
    const x = extract(
      [
        'Sen. Adam Varga ended his feud with the governor on Friday.',
        '',
        'The senator said the governor had attacked his wife, Lena, and his father, Emil. The governor also mocked a photo of Lena Varga.',
        '',
        '"I am not in the habit of supporting people who attack my wife," Varga said in July.',
      ].join('\n'),
    );
    expect(quoteWith(x, 'attack my wife').speaker?.name).toBe('Adam Varga');
  });

  it('"Mr. Varga" before the only full-named Varga (a woman named later) is somebody else', () => {
    const x = extract(
      [
        '"Our progress is on the ballot," Mr. Varga said on Saturday night at the gala dinner.',
        '',
        'The campaign plans to send Mr. Varga and his wife, Lena Varga, to three states.',
      ].join('\n'),
    );
    expect(quoteWith(x, 'on the ballot').speaker?.name).not.toBe('Lena Varga');
  });

  it('a plain surname in a lede, before the full name, is still the one person of that surname', () => {
    const x = extract(['"We will win," Varga said.', '', 'Adam Varga, the senator, spoke in Ohio.'].join('\n'));
    expect(quoteWith(x, 'We will win').speaker?.name).toBe('Adam Varga');
  });
});

describe('a headline that names in full the person the body calls by surname', () => {
  const text = (title: string) =>
    `---\ntitle: "${title}"\npublished: 2016-09-27\n---\n"He started his business with a loan from his father," Varga said.\n\nThe nominee spoke for an hour.\n`;

  it('gives the lone surname that full name', () => {
    const x = extractArticle(articleOf(text('Lena Varga Goes After Her Opponent As The New Rival'), 'a.md'));
    expect(quoteWith(x, 'loan from his father').speaker?.name).toBe('Lena Varga');
  });

  it('never reads a headline verb or a title word as a first name, and makes nobody from the headline alone', () => {
    const x = extractArticle(articleOf(text('Senator Demands Varga Resign Over Loan'), 'b.md'));
    expect(quoteWith(x, 'loan from his father').speaker?.name).toBe('Varga');
    expect(x.people.map((p) => p.name)).not.toContain('Demands Varga');
    const y = extractArticle(articleOf(text('Outrage As Mike Dunn Quits'), 'c.md'));
    expect(y.people.map((p) => p.name)).not.toContain('Mike Dunn');
  });
});
