// Times of day and timezones as people type them, validated without any library: the grammar
// and the config schema both use these, so `/brief digest subscribe` and DIGEST_TIME agree.

/** Whether `tz` is an IANA timezone this runtime knows (Intl throws a RangeError otherwise). */
export function isIanaZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: tz });
    return tz.length > 0;
  } catch {
    return false;
  }
}

/**
 * The one rule for a time of day, wherever it is typed (`/brief digest subscribe`, DIGEST_TIME, a
 * config subscription, a database row): 24-hour `H:MM` or `HH:MM`, 0:00–23:59.
 */
export const TIME_OF_DAY = /^([01]?\d|2[0-3]):([0-5]\d)$/;

/** `H:MM` or `HH:MM`, 00:00–23:59, as `HH:MM`; null otherwise. */
export function parseTime(s: string): string | null {
  const m = TIME_OF_DAY.exec(s);
  return m ? `${m[1]!.padStart(2, '0')}:${m[2]}` : null;
}

/** The IANA zone's canonical spelling (`europe/london` → `Europe/London`), or null when unknown. */
export function canonicalZone(s: string): string | null {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(s) || !isIanaZone(s)) return null;
  const listed = zoneSpellings().get(s.toLowerCase());
  if (listed) return listed;
  // Not in the list (an alias such as `US/Eastern`): keep the name as typed unless only its case differs.
  const resolved = new Intl.DateTimeFormat('en-GB', { timeZone: s }).resolvedOptions().timeZone;
  return resolved.toLowerCase() === s.toLowerCase() ? resolved : s;
}

let spellings: Map<string, string> | null = null;
function zoneSpellings(): Map<string, string> {
  spellings ??= new Map(Intl.supportedValuesOf('timeZone').map((z) => [z.toLowerCase(), z]));
  return spellings;
}

/** A time of day (the same rule as parseTime) as hour and minute; null otherwise. */
export function parseHhmm(time: string): { hour: number; minute: number } | null {
  const m = TIME_OF_DAY.exec(time);
  return m ? { hour: Number(m[1]), minute: Number(m[2]) } : null;
}
