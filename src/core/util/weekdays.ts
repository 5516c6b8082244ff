// Day-of-week lists as people type them (`mon-fri`, `weekdays`, `mon,wed,fri`, `daily`) and back.
// Shared by the command grammar, the config loader (DIGEST_WEEKDAYS) and every message that shows a
// subscription's days, so what a message shows can be typed back.
import type { Weekday } from '../commands/types.ts';

const NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const FULL = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const ALL: Weekday[] = [1, 2, 3, 4, 5, 6, 7];

const WORD_TABLE: Record<string, Weekday[]> = {
  daily: ALL,
  everyday: ALL,
  'every-day': ALL,
  weekdays: [1, 2, 3, 4, 5],
  weekday: [1, 2, 3, 4, 5],
  workdays: [1, 2, 3, 4, 5],
  weekends: [6, 7],
  weekend: [6, 7],
};

// A Map, so `constructor` and friends are not found on Object.prototype.
const WORDS = new Map(Object.entries(WORD_TABLE));

/** The day a name stands for: `mon`, `monday`, `tues`, `thurs` … */
function dayOf(word: string): Weekday | null {
  const w = word.toLowerCase();
  if (w.length < 3) return null;
  for (let i = 0; i < 7; i++) {
    if (FULL[i]!.startsWith(w)) return (i + 1) as Weekday;
  }
  return null;
}

/**
 * Parses a day list. Returns the days sorted and unique, or null when `spec` is not a day list.
 * Ranges may wrap (`fri-mon` = Fri, Sat, Sun, Mon).
 */
export function parseWeekdays(spec: string): Weekday[] | null {
  const s = spec.trim().toLowerCase();
  if (!s) return null;
  const whole = WORDS.get(s);
  if (whole) return [...whole];
  const days = new Set<Weekday>();
  for (const part of s.split(',')) {
    const named = WORDS.get(part);
    if (named) {
      for (const d of named) days.add(d);
      continue;
    }
    const range = part.split('-');
    if (range.length === 1) {
      const d = dayOf(part);
      if (d === null) return null;
      days.add(d);
    } else if (range.length === 2) {
      const from = dayOf(range[0]!);
      const to = dayOf(range[1]!);
      if (from === null || to === null) return null;
      for (let d = from; ; d = ((d % 7) + 1) as Weekday) {
        days.add(d);
        if (d === to) break;
      }
    } else {
      return null;
    }
  }
  return days.size ? [...days].sort((a, b) => a - b) : null;
}

/** The canonical text of a day list: `daily`, `mon-fri`, `mon,wed,fri`, `mon-wed,sat`. Parses back to the same list. */
export function formatWeekdays(days: readonly Weekday[]): string {
  const sorted = [...new Set(days)].sort((a, b) => a - b);
  if (sorted.length === 7) return 'daily';
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    const from = NAMES[sorted[i]! - 1]!;
    const to = NAMES[sorted[j]! - 1]!;
    // Two adjacent days read better as a list than a range.
    if (j === i) parts.push(from);
    else if (j === i + 1) parts.push(from, to);
    else parts.push(`${from}-${to}`);
    i = j + 1;
  }
  return parts.join(',');
}
