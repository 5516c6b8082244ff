// How a fact's values read, in one place: chat answers, the digest's key figures and the CLI's
// `facts` listing all show "2.5% of GDP" the same way.
import type { FactValue } from '../model.ts';
import { formatDayWithWeekday } from '../util/dates.ts';

/** Whether `text` already says `word` (case-insensitively), so it need not be added again. */
function says(text: string, word: string): boolean {
  return text.toLowerCase().includes(word.toLowerCase());
}

/** The short display form of a value: "2.5% of GDP", "12,000 soldiers", "Tue 18 Feb 2025", "Jane Roe: mayor". */
export function displayValue(v: FactValue): string {
  switch (v.type) {
    case 'percent':
      return v.of && !says(v.text, v.of) ? `${v.text} of ${v.of}` : v.text;
    case 'money':
      return v.text;
    case 'count':
      return v.unit && !says(v.text, v.unit) ? `${v.text} ${v.unit}` : v.text;
    case 'date':
      return (v.precision === 'day' && /^\d{4}-\d{2}-\d{2}$/.test(v.date) && formatDayWithWeekday(v.date)) || v.text;
    case 'role':
      return `${v.person}: ${v.role}`;
  }
}

/** The display form of a figure (percent, money, count); null for the values that are not figures. */
export function displayFigure(v: FactValue): string | null {
  return v.type === 'percent' || v.type === 'money' || v.type === 'count' ? displayValue(v) : null;
}

/**
 * The display form followed by what the extractor read from it, for the CLI's inspection listing:
 * `2.5% to defence spending`, `$3bn = 3,000,000,000 USD`, `"next Tuesday" → 2025-02-18 (day)`.
 */
export function inspectValue(v: FactValue): string {
  switch (v.type) {
    case 'percent':
      return `${displayValue(v)}${v.to ? ` to ${v.to}` : ''}`;
    case 'money':
      return `${displayValue(v)} = ${v.approximate ? '≥' : ''}${v.value.toLocaleString('en-GB')} ${v.currency}`;
    case 'count':
      return `${displayValue(v)} = ${v.approximate ? '≥' : ''}${v.value.toLocaleString('en-GB')}`;
    case 'date':
      return `"${v.text}" → ${v.date}${v.end ? ` – ${v.end}` : ''} (${v.precision})`;
    case 'role':
      return displayValue(v);
  }
}
