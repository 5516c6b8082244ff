// OPML import: the feed URLs in an OPML file (nested outlines included), each problem named.
import { parseOpml } from 'feedsmith';

export interface OpmlFeed {
  url: string;
  title: string | null;
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
  const walk = (list: Outline[] | undefined, path: string) => {
    for (const [i, o] of (list ?? []).entries()) {
      const where = `${path}/outline[${i + 1}]`;
      if (o.xmlUrl) {
        try {
          const u = new URL(o.xmlUrl);
          if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('not http(s)');
          if (!feeds.some((f) => f.url === u.href)) feeds.push({ url: u.href, title: o.title ?? o.text ?? null });
        } catch {
          problems.push(`${file}: ${where} (${o.text ?? 'untitled'}): xmlUrl '${o.xmlUrl}' is not an http(s) URL`);
        }
      }
      walk(o.outlines, where);
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
