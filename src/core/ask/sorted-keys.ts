// A prebuilt lookup table read as one string: sorted lines `key<TAB>fields…`, found by binary search
// in memory. Reading the file is a few milliseconds and nothing is parsed up front, so a one-shot
// process that looks up a handful of words pays for the handful. The first line names what the
// table was built from (`# source version`) and the length of the rest, so a table left from
// another version of its source package, or cut short, is not used. Tables are ASCII, read as
// latin1: a straight copy into a one-byte string (decoding 2 MB as UTF-8 costs tens of ms).
import { readFileSync } from 'node:fs';

export class SortedKeys {
  private constructor(private readonly text: string, private readonly bodyStart: number) {}

  /** The table in `text` (header line first, then sorted lines). */
  static fromText(text: string): SortedKeys {
    const nl = text.indexOf('\n');
    return new SortedKeys(text, nl < 0 ? text.length : nl + 1);
  }

  /**
   * The table at `path` when its header is `header` (the source and version it was built from);
   * null when the file is missing or was built from something else.
   */
  static open(path: string, header: string): SortedKeys | null {
    let text: string;
    try {
      text = readFileSync(path, 'latin1');
    } catch {
      return null;
    }
    const nl = text.indexOf('\n');
    if (nl < 0 || text.slice(0, nl) !== `${header}\t${text.length - nl - 1}`) return null;
    return SortedKeys.fromText(text);
  }

  /** The line's fields after the key (split on tabs), or null when the key is not in the table. */
  get(key: string): string[] | null {
    const t = this.text;
    let lo = this.bodyStart;
    let hi = t.length;
    // Invariant: every line starting before lo has a key < `key`; every line starting at or after hi has one > `key`.
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      // The start of the line holding `mid`.
      const start = Math.max(lo, t.lastIndexOf('\n', mid - 1) + 1);
      let end = t.indexOf('\n', start);
      if (end < 0) end = t.length;
      const tab = t.indexOf('\t', start);
      const k = t.slice(start, tab < 0 || tab > end ? end : tab);
      if (k === key) return tab < 0 || tab > end ? [] : t.slice(tab + 1, end).split('\t');
      if (k < key) lo = end + 1;
      else hi = start;
    }
    return null;
  }

  has(key: string): boolean {
    return this.get(key) !== null;
  }
}

/** Printable ASCII and spaces: what a key or a field may hold. */
const PRINTABLE = /^[\x20-\x7e]+$/;

/**
 * The text of a table: `header` and the body's length, then one line per key in sorted order.
 * Throws on a key or field it could not find again (empty, a tab, a newline, not ASCII).
 */
export function tableText(header: string, rows: Iterable<[string, string[]]>): string {
  if (/[\t\n]|[^\x20-\x7e]/.test(header)) throw new Error(`a table header holds a tab, a newline or a character that is not ASCII: ${JSON.stringify(header)}`);
  const sorted = [...rows].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const lines: string[] = [];
  for (const [key, fields] of sorted) {
    if (!key || !PRINTABLE.test(key) || fields.some((f) => f && !PRINTABLE.test(f))) throw new Error(`a table key or field is empty, or holds a tab, a newline or a character that is not ASCII: ${JSON.stringify(key)}`);
    lines.push(fields.length ? `${key}\t${fields.join('\t')}` : key);
  }
  const body = lines.map((l) => `${l}\n`).join('');
  return `${header}\t${body.length}\n${body}`;
}

/** The version in a package.json (read as a file: the package's code is not loaded). */
export function packageVersion(packageJson: string): string {
  return (JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string }).version;
}
