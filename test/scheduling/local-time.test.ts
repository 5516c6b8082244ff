import { describe, expect, it } from 'vitest';
import { dueInstant, localDateAt, weekdayOf } from '../../src/scheduling/local-time.ts';

const iso = (t: number) => new Date(t).toISOString();

describe('dueInstant', () => {
  it('is the local time on an ordinary day in winter and summer', () => {
    expect(iso(dueInstant('2025-01-15', '08:00', 'Europe/London'))).toBe('2025-01-15T08:00:00.000Z');
    expect(iso(dueInstant('2025-07-15', '08:00', 'Europe/London'))).toBe('2025-07-15T07:00:00.000Z');
    expect(iso(dueInstant('2025-07-15', '08:00', 'America/New_York'))).toBe('2025-07-15T12:00:00.000Z');
  });

  it('moves a time skipped by spring forward to the first minute after the gap', () => {
    // London 30 Mar 2025: 01:00 GMT jumps to 02:00 BST.
    expect(iso(dueInstant('2025-03-30', '01:30', 'Europe/London'))).toBe('2025-03-30T01:00:00.000Z');
    // New York 9 Mar 2025: 02:00 EST jumps to 03:00 EDT.
    expect(iso(dueInstant('2025-03-09', '02:30', 'America/New_York'))).toBe('2025-03-09T07:00:00.000Z');
  });

  it('takes the first of a time that happens twice at fall back', () => {
    // London 26 Oct 2025: 01:30 BST (00:30Z) then 01:30 GMT (01:30Z).
    expect(iso(dueInstant('2025-10-26', '01:30', 'Europe/London'))).toBe('2025-10-26T00:30:00.000Z');
    // New York 2 Nov 2025: 01:30 EDT (05:30Z) then 01:30 EST (06:30Z).
    expect(iso(dueInstant('2025-11-02', '01:30', 'America/New_York'))).toBe('2025-11-02T05:30:00.000Z');
  });

  it('gives local dates and ISO weekdays', () => {
    expect(localDateAt(Date.parse('2025-03-09T03:30:00Z'), 'America/New_York')).toBe('2025-03-08');
    expect(weekdayOf('2025-02-17')).toBe(1);
    expect(weekdayOf('2025-02-23')).toBe(7);
  });
});
