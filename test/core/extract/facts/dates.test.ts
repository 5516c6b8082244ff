import { describe, expect, it } from 'vitest';
import { dates, facts } from './helpers.ts';

// Published on Monday 2025-02-17.
describe('weekdays', () => {
  it('resolves a coming weekday forwards', () => {
    expect(dates('The talks are set to start on Tuesday.')).toEqual([{ text: 'on Tuesday', date: '2025-02-18', precision: 'day' }]);
    expect(dates('Ministers will meet on Friday.')).toEqual([{ text: 'on Friday', date: '2025-02-21', precision: 'day' }]);
  });
  it('resolves a weekday backwards when the verb is in the past', () => {
    expect(dates('The minister said on Thursday that he was ready.')).toEqual([{ text: 'on Thursday', date: '2025-02-13', precision: 'day' }]);
    expect(dates('Last Tuesday the envoy arrived.')).toEqual([{ text: 'Last Tuesday', date: '2025-02-11', precision: 'day' }]);
  });
  it("reads the published weekday as that day", () => {
    expect(dates('The PM said on Monday morning that talks would go ahead.')).toEqual([
      { text: 'on Monday morning', date: '2025-02-17', precision: 'day' },
    ]);
  });
  it('takes "next" and "this" literally', () => {
    expect(dates('He hopes to visit next Monday.')).toEqual([{ text: 'next Monday', date: '2025-02-24', precision: 'day' }]);
    expect(dates('This Sunday is the deadline.')).toEqual([{ text: 'This Sunday', date: '2025-02-23', precision: 'day' }]);
  });
});

describe('relative days, weeks, months and years', () => {
  it.each([
    ['He will travel tomorrow.', { text: 'tomorrow', date: '2025-02-18', precision: 'day' }],
    ['She arrived yesterday.', { text: 'yesterday', date: '2025-02-16', precision: 'day' }],
    ['He will travel to Washington next week.', { text: 'next week', date: '2025-02-24', end: '2025-03-02', precision: 'week' }],
    ['Last week the envoy spoke.', { text: 'Last week', date: '2025-02-10', end: '2025-02-16', precision: 'week' }],
    ['A vote is expected this week.', { text: 'this week', date: '2025-02-17', end: '2025-02-23', precision: 'week' }],
    ['Figures are due next month.', { text: 'next month', date: '2025-03-01', end: '2025-03-31', precision: 'month' }],
    ['Prices rose last year.', { text: 'last year', date: '2024-01-01', end: '2024-12-31', precision: 'year' }],
  ])('%s', (sentence, expected) => {
    expect(dates(sentence)).toEqual([expected]);
  });
});

describe('seasons (northern hemisphere)', () => {
  it('resolves a coming season to this year when it has not started', () => {
    expect(dates('No10 said it will do so in the spring.')).toEqual([
      { text: 'in the spring', date: '2025-03-01', end: '2025-05-31', precision: 'season' },
    ]);
  });
  it('resolves a past season backwards and a named year directly', () => {
    expect(dates('The offensive stalled last summer.')).toEqual([
      { text: 'last summer', date: '2024-06-01', end: '2024-08-31', precision: 'season' },
    ]);
    expect(dates('Elections are planned for autumn 2026.')).toEqual([
      { text: 'autumn 2026', date: '2026-09-01', end: '2026-11-30', precision: 'season' },
    ]);
  });
  it('resolves winter to the season spanning the year end', () => {
    expect(dates('Fighting will slow this winter.')).toEqual([
      { text: 'this winter', date: '2024-12-01', end: '2025-02-28', precision: 'season' },
    ]);
  });
  it('ignores "fall" as a verb', () => {
    expect(dates('Prices could fall sharply.')).toEqual([]);
  });
});

describe('calendar dates', () => {
  it.each([
    ['The summit opens on 18 February.', { text: 'on 18 February', date: '2025-02-18', precision: 'day' }],
    ['It was signed on February 18, 2024.', { text: 'on February 18, 2024', date: '2024-02-18', precision: 'day' }],
    ['The deadline is Feb. 28.', { text: 'Feb. 28', date: '2025-02-28', precision: 'day' }],
    ['Talks collapsed on 3rd of January.', { text: 'on 3rd of January', date: '2025-01-03', precision: 'day' }],
    ['A deal is expected in March.', { text: 'in March', date: '2025-03-01', end: '2025-03-31', precision: 'month' }],
    ['Sales slumped in December.', { text: 'in December', date: '2024-12-01', end: '2024-12-31', precision: 'month' }],
    ['The law passed in November 2023.', { text: 'in November 2023', date: '2023-11-01', end: '2023-11-30', precision: 'month' }],
  ])('%s', (sentence, expected) => {
    expect(dates(sentence)).toEqual([expected]);
  });
  it('does not read the modal "may" or the verb "march" as months', () => {
    expect(dates('Troops may march on the city.')).toEqual([]);
  });
});

describe('years', () => {
  it.each([
    ['The invasion began in 2022.', 'in 2022'],
    ['Crimea has been occupied since 2014.', 'since 2014'],
    ['It wants a return to its pre-2014 borders.', 'pre-2014'],
  ])('%s', (sentence, text) => {
    const y = text.slice(-4);
    expect(dates(sentence)).toEqual([{ text, date: `${y}-01-01`, end: `${y}-12-31`, precision: 'year' }]);
  });
});

describe('without a published date', () => {
  it('keeps relative expressions unresolved and invents no date', () => {
    const f = facts('He will travel to Washington next week.', null);
    expect(f.flatMap((x) => x.values)).toEqual([]);
    expect(f.flatMap((x) => x.unresolved ?? [])).toEqual(['next week']);
  });
  it('still resolves absolute dates', () => {
    expect(dates('It was signed on February 18, 2024.', null)).toEqual([
      { text: 'on February 18, 2024', date: '2024-02-18', precision: 'day' },
    ]);
  });
});

describe('upcoming', () => {
  it('marks dates after the published date as upcoming and past ones not', () => {
    const [coming] = facts('Results are due next month.');
    const [past] = facts('Results came out last month.');
    expect(coming!.upcoming).toBe(true);
    expect(past!.upcoming).toBeUndefined();
  });
});

describe('a malformed published date', () => {
  it('counts as no date: relative expressions stay unresolved', () => {
    const f = facts('He will travel to Washington next week.', '2025-02-30');
    expect(f.flatMap((x) => x.values)).toEqual([]);
    expect(f.flatMap((x) => x.unresolved ?? [])).toEqual(['next week']);
  });
});
