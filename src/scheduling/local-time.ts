// Wall-clock arithmetic in a subscription's timezone. A digest is due at a local time on a local
// date; daylight saving makes some local times happen never (spring forward) or twice (fall back).
import { DateTime } from 'luxon';
import type { Weekday } from '../core/commands/types.ts';
import { parseHhmm } from '../core/util/clock.ts';
import { BoundedMemo } from '../core/util/memo.ts';

/** A calendar date in some zone, `YYYY-MM-DD`. */
export type LocalDate = string;

const MINUTE = 60_000;

export { parseHhmm };

/** The local date at `instant` in `zone`. */
export function localDateAt(instant: number, zone: string): LocalDate {
  return DateTime.fromMillis(instant, { zone }).toISODate() ?? '';
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate() ?? date;
}

export function weekdayOf(date: LocalDate): Weekday {
  return DateTime.fromISO(date, { zone: 'UTC' }).weekday as Weekday;
}

/**
 * The instant the wall clock in `zone` first shows `time` on `date`. When that time does not exist
 * (the hour skipped by spring forward) it is the first minute after the gap; when it happens twice
 * (fall back) it is the first occurrence. Either way a date has exactly one due instant.
 */
export function dueInstant(date: LocalDate, time: string, zone: string): number {
  const key = `${zone}|${date}|${time}`;
  return memo.getOr(key, () => computeDueInstant(date, time, zone));
}

// Pure in its inputs, and every tick asks again for the same few (zone, date, time) triples.
const memo = new BoundedMemo<string, number>(50_000);

function computeDueInstant(date: LocalDate, time: string, zone: string): number {
  const hm = parseHhmm(time);
  if (!hm) throw new RangeError(`invalid time ${time}`);
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const wallAsUtc = Date.UTC(y, mo - 1, d, hm.hour, hm.minute);
  const exact = occurrences(wallAsUtc, zone);
  if (exact.length > 0) return Math.min(...exact);
  // Not on the clock today: walk forward to the first minute that is (gaps are at most a few hours).
  for (let k = 1; k <= 24 * 60; k++) {
    const later = occurrences(wallAsUtc + k * MINUTE, zone);
    if (later.length > 0) return Math.min(...later);
  }
  throw new RangeError(`no valid local time after ${date} ${time} in ${zone}`);
}

/** Instants whose wall time in `zone` equals `wallAsUtc` (the wall time written as if UTC). */
function occurrences(wallAsUtc: number, zone: string): number[] {
  const found = new Set<number>();
  // The zone's offset a few hours either side covers both sides of any transition.
  for (const probe of [wallAsUtc - 6 * 3_600_000, wallAsUtc, wallAsUtc + 6 * 3_600_000]) {
    const offsetMin = DateTime.fromMillis(probe, { zone }).offset;
    const instant = wallAsUtc - offsetMin * MINUTE;
    if (DateTime.fromMillis(instant, { zone }).offset === offsetMin) found.add(instant);
  }
  return [...found];
}

/** `Tue 18 Feb 2025, 08:00 GMT` style display of an instant in a zone. */
export function formatLocal(instant: number, zone: string): string {
  return DateTime.fromMillis(instant, { zone }).toFormat('ccc d LLL yyyy, HH:mm ZZZZ');
}
