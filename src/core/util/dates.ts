// Calendar dates as the renderers show them. One rule for Slack, Discord, the console and the web
// pages: a real `YYYY-MM-DD` reads `17 Feb 2025`; anything else (`spring 2025`, `2025-02-31`) is not
// a day, so the caller shows it as given.

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** The calendar day `iso` starts with (`2025-02-17`, `2025-02-17T09:00Z`), or null when it names no real day. */
function dayOf(iso: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  // Date.UTC rolls 31 Feb over into March; a rolled date is not the day that was written.
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d ? t : null;
}

/** `2025-02-17` → `17 Feb 2025`; null when `iso` is not a real calendar day. */
export function formatDay(iso: string): string | null {
  const t = dayOf(iso);
  return t ? `${t.getUTCDate()} ${MONTHS[t.getUTCMonth()]} ${t.getUTCFullYear()}` : null;
}

/** What follows a date that was read from an article's text rather than given by its front matter. */
export const DATE_INFERRED = '(date inferred)';

/** A shown date, marked when it was inferred: `17 Feb 2025 (date inferred)`. */
export function markInferred(shown: string, inferred: boolean | undefined): string {
  return inferred ? `${shown} ${DATE_INFERRED}` : shown;
}

/** `2025-02-18` → `Tue 18 Feb 2025`; null when `iso` is not a real calendar day. */
export function formatDayWithWeekday(iso: string): string | null {
  const t = dayOf(iso);
  return t ? `${WEEKDAYS[t.getUTCDay()]} ${formatDay(iso)}` : null;
}
