// OPML import: the feed URLs in an OPML file (nested outlines included), each problem named by
// the file, its line and the outline's path; a broken outline is skipped, the others are kept.
import { parseOpml } from 'feedsmith';

export interface OpmlFeed {
  url: string;
  title: string | null;
  /** Where it is declared: `<file>:<line> body/outline[2]/outline[1]`. */
  where: string;
}

/** The line of each `<outline` start tag, in document order (comments and CDATA skipped). */
function outlineLines(xml: string): number[] {
  const lines: number[] = [];
  const re = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<outline\b/g;
  let line = 1;
  let at = 0;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    for (let i = at; i < m.index; i++) if (xml.charCodeAt(i) === 10) line++;
    at = m.index;
    if (m[0] === '<outline') lines.push(line);
  }
  return lines;
}

export function readOpml(xml: string, file: string): { feeds: OpmlFeed[]; problems: string[] } {
  let doc: { body?: { outlines?: Outline[] } };
  try {
    doc = parseOpml(xml) as unknown as typeof doc;
  } catch (err) {
    return { feeds: [], problems: [`${file}: not an OPML file (${(err as Error).message})`] };
  }
  const feeds: OpmlFeed[] = [];
  const problems: string[] = [];
  // The parser keeps the outlines in document order, so the n-th one visited (depth first, parent
  // before children) is the n-th `<outline` tag in the text.
  const lines = outlineLines(xml);
  let n = 0;
  const walk = (list: Outline[] | undefined, path: string) => {
    for (const [i, o] of (list ?? []).entries()) {
      const line = lines[n++];
      const where = `${file}${line ? `:${line}` : ''} ${path}/outline[${i + 1}]`;
      if (o.xmlUrl) {
        try {
          const u = new URL(o.xmlUrl);
          if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('not http(s)');
          if (!feeds.some((f) => f.url === u.href)) feeds.push({ url: u.href, title: o.title ?? o.text ?? null, where });
        } catch {
          problems.push(`${where} (${o.text ?? 'untitled'}): xmlUrl '${o.xmlUrl}' is not an http(s) URL`);
        }
      } else if (!o.outlines?.length) {
        problems.push(`${where} (${o.text ?? 'untitled'}): an outline with neither xmlUrl nor outlines inside, so no feed`);
      }
      walk(o.outlines, where.slice(where.indexOf(' ') + 1));
    }
  };
  walk(doc.body?.outlines, 'body');
  return { feeds, problems };
}

interface Outline {
  text?: string;
  title?: string;
  xmlUrl?: string;
  outlines?: Outline[];
}
