// An article without a published date in its front matter: the date its own text gives, when it
// gives one plainly — a dateline ("WASHINGTON, Nov. 1, 2016 —"), a full date near the start
// ("on Tuesday, Nov. 1, 2016"), or a weekday with a month and day ("on Tuesday, Nov. 1"), which
// fixes the year: the latest one, not after `now`, in which that day was that weekday. Nothing
// vaguer ("on Tuesday" alone) is guessed. The article is then marked `publishedInferred`.

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTH = '(Jan(?:uary|\\.)?|Feb(?:ruary|\\.)?|Mar(?:ch|\\.)?|Apr(?:il|\\.)?|May|June?|July?|Aug(?:ust|\\.)?|Sept?(?:ember|\\.)?|Oct(?:ober|\\.)?|Nov(?:ember|\\.)?|Dec(?:ember|\\.)?)';
const WEEKDAY = '(Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday)';
/** How far into the body a date still dates the article (its opening paragraphs). */
const LOOK = 1500;

const DATELINE = new RegExp(`^[\\p{Lu}][\\p{Lu}\\s.'’-]{1,40}?(?:,\\s*\\p{Lu}[\\p{L}.]{1,12})?,\\s+${MONTH}\\s+(\\d{1,2})(?:,\\s*(\\d{4}))?\\s*(?:\\([^)]{1,20}\\)\\s*)?[—–-]`, 'u');
const FULL = new RegExp(`\\b(?:${WEEKDAY},?\\s+)?${MONTH}\\s+(\\d{1,2}),\\s*(\\d{4})\\b`);
const WEEKDAY_DATE = new RegExp(`\\b${WEEKDAY},?\\s+${MONTH}\\s+(\\d{1,2})\\b(?!,?\\s*\\d{4})`);

export interface InferredDate {
  /** YYYY-MM-DD. */
  date: string;
  /** What in the text gave it. */
  from: string;
}

export function inferPublished(text: string, bodyStart: number, now: Date = new Date()): InferredDate | null {
  const body = text.slice(bodyStart, bodyStart + LOOK).replace(/^\s+/, '');
  const thisYear = now.getUTCFullYear();
  const d = DATELINE.exec(body);
  if (d) {
    const month = monthOf(d[1]!);
    const day = Number(d[2]);
    const year = d[3] ? Number(d[3]) : latestYear(month, day, null, now);
    const iso = year !== null ? isoDate(year, month, day) : null;
    if (iso) return { date: iso, from: d[0].trim() };
  }
  const f = FULL.exec(body);
  if (f) {
    const year = Number(f[4]);
    const iso = year <= thisYear + 1 ? isoDate(year, monthOf(f[2]!), Number(f[3])) : null;
    // A stated weekday must agree with the date, or the text is not saying what we read.
    if (iso && (!f[1] || weekdayOf(iso) === WEEKDAYS.indexOf(f[1].toLowerCase()))) return { date: iso, from: f[0] };
  }
  const w = WEEKDAY_DATE.exec(body);
  if (w) {
    const month = monthOf(w[2]!);
    const day = Number(w[3]);
    const year = latestYear(month, day, WEEKDAYS.indexOf(w[1]!.toLowerCase()), now);
    const iso = year !== null ? isoDate(year, month, day) : null;
    if (iso) return { date: iso, from: w[0] };
  }
  return null;
}

function monthOf(word: string): number {
  return MONTHS.indexOf(word.slice(0, 3).toLowerCase()) + 1;
}

/** The latest year, not after `now`, with that day (on that weekday, when given); null if none within 28 years. */
function latestYear(month: number, day: number, weekday: number | null, now: Date): number | null {
  for (let y = now.getUTCFullYear(); y > now.getUTCFullYear() - 29; y--) {
    const iso = isoDate(y, month, day);
    if (!iso || Date.parse(iso) > now.getTime()) continue;
    if (weekday === null || weekdayOf(iso) === weekday) return y;
  }
  return null;
}

function weekdayOf(iso: string): number {
  return new Date(`${iso}T00:00:00Z`).getUTCDay();
}

/** A real calendar date as YYYY-MM-DD, or null ("Feb. 30"). */
function isoDate(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
