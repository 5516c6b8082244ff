// Which files in a content folder are articles: one rule, shared by `briefing extract DIR` and the
// content sync, so both see the same articles. Documented in docs/extract.md ("Which files are
// articles"). Everything left out is listed with the reason, so nothing is skipped silently.
import { readdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import type { ArticleError } from './types.ts';

export const ARTICLE_EXTENSIONS: ReadonlySet<string> = new Set(['.md', '.markdown', '.txt']);

export interface SkippedFile {
  path: string;
  reason: string;
}

export interface ArticleFiles {
  /** Article files, sorted by path; a symbolic link is listed under its own path. */
  files: string[];
  /** Entries left out on purpose, with why (a hidden folder is one entry, not its contents). */
  skipped: SkippedFile[];
  /** Entries that could not be followed: broken links, folders that cannot be read. */
  errors: ArticleError[];
}

/**
 * Why a name inside a content folder is not an article, or null when it is one (for files) or is
 * searched (for folders):
 * - names starting with `.` are hidden (editors' swap files, `.git`);
 * - names starting with `_` are drafts and notes;
 * - `README.*` (any case) describes the folder;
 * - files must end in .md, .markdown or .txt (any case).
 */
export function skipReason(name: string, isDirectory: boolean): string | null {
  if (name.startsWith('.')) return 'hidden (its name starts with ".")';
  if (name.startsWith('_')) return 'a draft or note (its name starts with "_")';
  if (isDirectory) return null;
  if (/^readme\./i.test(name)) return "the folder's README, not an article";
  if (!ARTICLE_EXTENSIONS.has(extname(name).toLowerCase())) return `not an article file (expected ${[...ARTICLE_EXTENSIONS].join(', ')})`;
  return null;
}

/**
 * Lists the article files under `dir`, recursively. Symbolic links are followed, to files and to
 * folders (also outside `dir`); a link that leads back into a folder already being searched is
 * skipped, and a broken link is an error naming it.
 */
export function listArticleFiles(dir: string): ArticleFiles {
  const out: ArticleFiles = { files: [], skipped: [], errors: [] };
  const walk = (d: string, ancestors: Set<string>) => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch (e) {
      out.errors.push({ path: d, line: null, code: 'unreadable', severity: 'error', message: `cannot read the folder: ${(e as Error).message}` });
      return;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const full = join(d, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        let st: Stats;
        try {
          st = statSync(full);
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code;
          const why = code === 'ELOOP' ? 'a symbolic link that loops' : code === 'ENOENT' ? 'a broken symbolic link (its target does not exist)' : `a symbolic link that cannot be followed (${code ?? (e as Error).message})`;
          out.errors.push({ path: full, line: null, code: 'unreadable', severity: 'error', message: why });
          continue;
        }
        isDir = st.isDirectory();
        isFile = st.isFile();
      }
      const reason = skipReason(entry.name, isDir);
      if (reason) {
        out.skipped.push({ path: full, reason });
        continue;
      }
      if (isDir) {
        let real: string;
        try {
          real = realpathSync(full);
        } catch {
          real = full;
        }
        if (ancestors.has(real)) {
          out.skipped.push({ path: full, reason: 'a symbolic link to a folder it is inside (followed once)' });
          continue;
        }
        walk(full, new Set([...ancestors, real]));
      } else if (isFile) {
        out.files.push(full);
      } else {
        out.skipped.push({ path: full, reason: 'not a regular file' });
      }
    }
  };
  let root: string;
  try {
    root = realpathSync(dir);
  } catch {
    root = dir;
  }
  walk(dir, new Set([root]));
  out.files.sort();
  return out;
}

/** An article's id: its path relative to the content folder, with `/` separators (`east/report.txt`). */
export function articleId(root: string, path: string): string {
  return relative(root, path).split(sep).join('/');
}
