// The shared helpers of issue 14 item 7: one edit distance, one weekday text, one date form, one
// fact-value form. The behaviour changes (where the old copies disagreed) each have a case here.
import { describe, expect, it } from 'vitest';
import { displayFigure, displayValue, inspectValue } from '../../../src/core/text/fact-values.ts';
import { formatDay, formatDayWithWeekday } from '../../../src/core/util/dates.ts';
import { editDistance, nearest } from '../../../src/core/util/edit-distance.ts';
import { BoundedMemo } from '../../../src/core/util/memo.ts';
import { formatWeekdays, parseWeekdays } from '../../../src/core/util/weekdays.ts';
import type { Weekday } from '../../../src/core/commands/types.ts';

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and a transposition as one edit each', () => {
    expect(editDistance('quotes', 'quotes')).toBe(0);
    expect(editDistance('quote', 'quotes')).toBe(1);
    expect(editDistance('qoutes', 'quotes')).toBe(1);
    expect(editDistance('quotxs', 'quotes')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('stops above max, returning max + 1', () => {
    expect(editDistance('a', 'abcdefgh', 2)).toBe(3);
    expect(editDistance('abcdef', 'uvwxyz', 2)).toBe(3);
  });

  it('nearest picks the closest candidate within max, the first of equals, or null', () => {
    expect(nearest('digets', ['digest', 'digits'], 2)).toBe('digest');
    expect(nearest('zzz', ['digest'], 2)).toBeNull();
    // Two transpositions are two edits (plain Levenshtein, the config loader's old copy, said four).
    expect(nearest('DIGSET_TMIE', ['DIGEST_TIME', 'DIGEST_TIMEZONE'], 2)).toBe('DIGEST_TIME');
  });
});

describe('weekdays', () => {
  const all = (n: number) => Array.from({ length: n }, (_, i) => (i + 1) as Weekday);

  it('every list formats to text that parses back to the same days', () => {
    for (let mask = 1; mask < 128; mask++) {
      const days = all(7).filter((d) => mask & (1 << (d - 1)));
      expect(parseWeekdays(formatWeekdays(days)), formatWeekdays(days)).toEqual(days);
    }
  });

  it('reads the common lists as they are typed', () => {
    expect(formatWeekdays(all(7))).toBe('daily');
    expect(formatWeekdays(all(5))).toBe('mon-fri');
    expect(formatWeekdays([6, 7])).toBe('sat,sun');
    expect(formatWeekdays([1, 3, 5])).toBe('mon,wed,fri');
  });
});

describe('dates', () => {
  it('a real day reads `17 Feb 2025`; anything else is null, so the caller shows it as given', () => {
    expect(formatDay('2025-02-17')).toBe('17 Feb 2025');
    expect(formatDay('2025-02-17T09:30:00Z')).toBe('17 Feb 2025');
    expect(formatDay('2024-02-29')).toBe('29 Feb 2024');
    expect(formatDay('2025-02-31')).toBeNull();
    expect(formatDay('2025-13-01')).toBeNull();
    expect(formatDay('spring 2025')).toBeNull();
    expect(formatDayWithWeekday('2025-02-18')).toBe('Tue 18 Feb 2025');
  });
});

describe('fact values', () => {
  it('a share names what it is of once, whatever the case', () => {
    expect(displayValue({ type: 'percent', text: '2.5%', value: 2.5, of: 'GDP' })).toBe('2.5% of GDP');
    // The chat copy compared case-sensitively and said "2.5% of gdp of GDP".
    expect(displayValue({ type: 'percent', text: '2.5% of gdp', value: 2.5, of: 'GDP' })).toBe('2.5% of gdp');
  });

  it('a count carries its unit in chat as in the digest', () => {
    // The chat copy dropped the unit ("12,000"); the digest's added it.
    const v = { type: 'count', text: '12,000', value: 12000, unit: 'soldiers' } as const;
    expect(displayValue(v)).toBe('12,000 soldiers');
    expect(displayFigure(v)).toBe('12,000 soldiers');
    expect(displayValue({ type: 'count', text: '12,000 soldiers', value: 12000, unit: 'soldiers' })).toBe('12,000 soldiers');
  });

  it('dates of one day read with their weekday; others as written; roles as person: role', () => {
    expect(displayValue({ type: 'date', text: 'next Tuesday', date: '2025-02-18', precision: 'day' })).toBe('Tue 18 Feb 2025');
    expect(displayValue({ type: 'date', text: 'in March', date: '2025-03', precision: 'month' })).toBe('in March');
    expect(displayValue({ type: 'role', text: 'Mayor Ann Lee', person: 'Ann Lee', role: 'mayor' })).toBe('Ann Lee: mayor');
    expect(displayFigure({ type: 'role', text: 'Mayor Ann Lee', person: 'Ann Lee', role: 'mayor' })).toBeNull();
  });

  it('the inspection form starts with the display form and adds what was read', () => {
    expect(inspectValue({ type: 'money', text: '$3bn', value: 3e9, currency: 'USD' })).toBe('$3bn = 3,000,000,000 USD');
    expect(inspectValue({ type: 'percent', text: '2.5%', value: 2.5, of: 'GDP', to: 'defence' })).toBe('2.5% of GDP to defence');
    expect(inspectValue({ type: 'date', text: 'next Tuesday', date: '2025-02-18', precision: 'day' })).toBe('"next Tuesday" → 2025-02-18 (day)');
  });
});

describe('BoundedMemo', () => {
  it('computes once per key, remembers null and undefined too, and forgets everything when a new key finds it full', () => {
    const m = new BoundedMemo<string, string | null>(2);
    let calls = 0;
    const f = (k: string) => (calls++, k === 'none' ? null : k.toUpperCase());
    expect(m.getOr('a', f)).toBe('A');
    expect(m.getOr('a', f)).toBe('A');
    expect(m.getOr('none', f)).toBeNull();
    expect(m.getOr('none', f)).toBeNull();
    expect(calls).toBe(2);
    expect(m.size).toBe(2);
    m.set('a', 'again'); // an old key does not clear it
    expect(m.size).toBe(2);
    expect(m.getOr('c', f)).toBe('C');
    expect(m.size).toBe(1);
    expect(m.has('a')).toBe(false);
    expect(() => new BoundedMemo(0)).toThrow(RangeError);
  });
});
