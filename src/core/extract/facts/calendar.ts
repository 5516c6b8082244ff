// Calendar arithmetic on ISO dates (YYYY-MM-DD), in UTC so no time zone shifts a day.

export type Precision = 'day' | 'week' | 'month' | 'season' | 'year';

export interface DateRange {
  date: string;
  end?: string;
  precision: Precision;
}

const DAY = 86_400_000;

/** The UTC timestamp of an ISO date (`YYYY-MM-DD…`), or null when it is not a real calendar date. */
export function parseIso(iso: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? dateOf(+m[1]!, +m[2]! - 1, +m[3]!) : null;
}

export function iso(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

export function addDays(t: number, n: number): number {
  return t + n * DAY;
}

/** 0 = Monday … 6 = Sunday. */
export function weekday(t: number): number {
  return (new Date(t).getUTCDay() + 6) % 7;
}

export function day(t: number): DateRange {
  return { date: iso(t), precision: 'day' };
}

/** The Monday-to-Sunday week containing t, shifted by `offset` weeks. */
export function week(t: number, offset: number): DateRange {
  const monday = addDays(t, -weekday(t) + 7 * offset);
  return { date: iso(monday), end: iso(addDays(monday, 6)), precision: 'week' };
}

export function month(year: number, month0: number): DateRange {
  const start = Date.UTC(year, month0, 1);
  const end = Date.UTC(year, month0 + 1, 0);
  return { date: iso(start), end: iso(end), precision: 'month' };
}

export function year(y: number): DateRange {
  return { date: `${y}-01-01`, end: `${y}-12-31`, precision: 'year' };
}

export type Season = 'spring' | 'summer' | 'autumn' | 'winter';
const SEASON_START: Record<Season, number> = { spring: 2, summer: 5, autumn: 8, winter: 11 };

/** Meteorological seasons of the northern hemisphere; winter Y runs from December Y to February Y+1. */
export function season(s: Season, y: number): DateRange {
  const m0 = SEASON_START[s];
  return { date: iso(Date.UTC(y, m0, 1)), end: iso(Date.UTC(y, m0 + 3, 0)), precision: 'season' };
}

export function yearOf(t: number): number {
  return new Date(t).getUTCFullYear();
}

export function monthOf(t: number): number {
  return new Date(t).getUTCMonth();
}

/** A valid calendar date, or null ("31 February" is not one). */
export function dateOf(y: number, month0: number, d: number): number | null {
  const t = Date.UTC(y, month0, d);
  const dt = new Date(t);
  return dt.getUTCMonth() === month0 && dt.getUTCDate() === d ? t : null;
}
