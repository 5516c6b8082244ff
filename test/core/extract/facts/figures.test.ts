import { describe, expect, it } from 'vitest';
import { values } from './helpers.ts';

const figures = (s: string) => values(s).filter((v) => v.type === 'percent' || v.type === 'money' || v.type === 'count');

describe('percentages', () => {
  it('reads a share of something', () => {
    expect(figures('The target is to raise defence spending to 2.5% of GDP, as promised.')).toEqual([
      { type: 'percent', text: '2.5%', value: 2.5, of: 'GDP' },
    ]);
  });
  it('reads what a share goes to, and a bare percentage', () => {
    expect(figures('Members should commit 5% to defence spending, while others urged 3%.')).toEqual([
      { type: 'percent', text: '5%', value: 5, to: 'defence spending' },
      { type: 'percent', text: '3%', value: 3 },
    ]);
  });
  it('reads "per cent", "percent" and number words, dropping a leading article', () => {
    expect(figures('Inflation fell to 3.2 per cent of the total.')).toEqual([
      { type: 'percent', text: '3.2 per cent', value: 3.2, of: 'total' },
    ]);
    expect(figures('Turnout rose by five percent.')).toEqual([{ type: 'percent', text: 'five percent', value: 5 }]);
  });
});

describe('money', () => {
  it.each([
    ['The package is worth £1.5bn over two years.', { type: 'money', text: '£1.5bn', value: 1.5e9, currency: 'GBP' }],
    ['It received $20 million in aid.', { type: 'money', text: '$20 million', value: 2e7, currency: 'USD' }],
    ['Brussels pledged €300m for repairs.', { type: 'money', text: '€300m', value: 3e8, currency: 'EUR' }],
    ['Debts reached 1.2 trillion dollars last quarter.', { type: 'money', text: '1.2 trillion dollars', value: 1.2e12, currency: 'USD' }],
    ['The fund holds US$4.5bn.', { type: 'money', text: 'US$4.5bn', value: 4.5e9, currency: 'USD' }],
    ['Fees rose to EUR 250,000 a year.', { type: 'money', text: 'EUR 250,000', value: 250000, currency: 'EUR' }],
  ])('%s', (sentence, expected) => {
    expect(figures(sentence)).toEqual([expected]);
  });
});

describe('counts', () => {
  it('counts numerals and number words with the counted noun', () => {
    expect(figures('Britain could send 500 troops.')).toEqual([{ type: 'count', text: '500 troops', value: 500, unit: 'troops' }]);
    expect(figures('About 2,000 British troops are stationed there.')).toEqual([
      { type: 'count', text: '2,000 British troops', value: 2000, unit: 'troops' },
    ]);
    expect(figures('Officials said twelve warships had sailed.')).toEqual([
      { type: 'count', text: 'twelve warships', value: 12, unit: 'warships' },
    ]);
    expect(figures('The flood displaced 1.5 million people.')).toEqual([
      { type: 'count', text: '1.5 million people', value: 1.5e6, unit: 'people' },
    ]);
  });
  it('marks vague quantities as approximate', () => {
    expect(figures('Thousands of soldiers were moved to the border.')).toEqual([
      { type: 'count', text: 'Thousands of soldiers', value: 2000, unit: 'soldiers', approximate: true },
    ]);
  });
  it('reads a vague sum of money as approximate money', () => {
    expect(figures('The scheme brought in billions of dollars.')).toEqual([
      { type: 'money', text: 'billions of dollars', value: 2e9, currency: 'USD', approximate: true },
    ]);
    expect(figures('Over 20 former crew members spoke.')).toEqual([{ type: 'count', text: '20 former crew members', value: 20, unit: 'members' }]);
  });

  it('does not count years, durations, names with numbers or references back', () => {
    expect(figures('The war began in 2022 and the talks lasted three days.')).toEqual([]);
    expect(figures('No10 said the F-35 jets were ready.')).toEqual([]);
    expect(figures('Later the two leaders agreed to meet.')).toEqual([]);
  });
  it('keeps a year a year before a plural noun when a possessive says so', () => {
    expect(values("It wants its 2014 borders back.").map((v) => v.type)).toEqual(['date']);
  });
});
