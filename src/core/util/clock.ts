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

/** `H:MM` or `HH:MM`, 00:00–23:59, as `HH:MM`; null otherwise. */
export function parseTime(s: string): string | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(s);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 23 || min > 59) return null;
  return `${String(h).padStart(2, '0')}:${m[2]}`;
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

/** Strict `HH:MM` (two-digit hour), as hour and minute; null otherwise. */
export function parseHhmm(time: string): { hour: number; minute: number } | null {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  return m ? { hour: Number(m[1]), minute: Number(m[2]) } : null;
}
