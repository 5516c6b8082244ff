// YAML front matter (`---` … `---` at the top of a .md file): title, published, source, url, tags.
import { LineCounter, parseDocument } from 'yaml';

export interface FrontMatter {
  title: string | null;
  published: string | null;
  publishedInferred: boolean;
  source: string | null;
  url: string | null;
  tags: string[];
}

export type FrontMatterResult =
  | { ok: true; data: FrontMatter | null; bodyStart: number }
  | { ok: false; line: number; message: string };

const OPEN = /^\uFEFF?---[ \t]*\r?\n/;
const CLOSE = /^---[ \t]*\r?$/m;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses front matter when the text starts with `---`; `data` is null when there is none. */
export function parseFrontMatter(text: string): FrontMatterResult {
  const open = OPEN.exec(text);
  if (!open) return { ok: true, data: null, bodyStart: 0 };
  const yamlStart = open[0].length;
  const rest = text.slice(yamlStart);
  const close = CLOSE.exec(rest);
  if (!close) return { ok: false, line: 1, message: 'front matter opened with --- is never closed with ---' };
  const yamlText = rest.slice(0, close.index);
  let bodyStart = yamlStart + close.index + close[0].length;
  if (text[bodyStart] === '\r') bodyStart++;
  if (text[bodyStart] === '\n') bodyStart++;

  const lines = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter: lines, prettyErrors: false });
  const lineOf = (offset: number): number => lines.linePos(offset).line + 1; // +1 for the opening ---
  const firstError = doc.errors[0];
  if (firstError) {
    // Errors found at the end of the block (an unclosed bracket) point at its last written line.
    const lastLine = yamlText.replace(/\s+$/, '').split('\n').length + 1;
    return { ok: false, line: Math.min(lineOf(firstError.pos[0]), lastLine), message: `front matter is not valid YAML: ${firstError.message.split('\n')[0]}` };
  }
  const value: unknown = doc.toJS();
  if (value === null || value === undefined) return { ok: true, data: emptyFrontMatter(), bodyStart };
  if (typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, line: 2, message: 'front matter must be a mapping of fields (title: …, published: …)' };
  }
  const fields = value as Record<string, unknown>;
  const fieldLine = (key: string): number => {
    const node = doc.get(key, true) as { range?: [number, number, number] } | undefined;
    return node?.range ? lineOf(node.range[0]) : 2;
  };
  const data = emptyFrontMatter();
  for (const key of ['title', 'source', 'url'] as const) {
    const v = fields[key];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'string' && typeof v !== 'number') return { ok: false, line: fieldLine(key), message: `front matter field '${key}' must be text` };
    data[key] = String(v).trim() || null;
  }
  if (fields.published !== undefined && fields.published !== null) {
    const p = fields.published instanceof Date ? fields.published.toISOString().slice(0, 10) : String(fields.published).trim();
    if (!isIsoDate(p)) return { ok: false, line: fieldLine('published'), message: `front matter field 'published' must be an ISO date (YYYY-MM-DD), got '${p}'` };
    data.published = p;
  }
  if (fields.published_inferred !== undefined) {
    if (typeof fields.published_inferred !== 'boolean') return { ok: false, line: fieldLine('published_inferred'), message: "front matter field 'published_inferred' must be true or false" };
    data.publishedInferred = fields.published_inferred;
  }
  if (fields.tags !== undefined && fields.tags !== null) {
    const t = fields.tags;
    if (typeof t === 'string') data.tags = t.split(',').map((s) => s.trim()).filter(Boolean);
    else if (Array.isArray(t) && t.every((x) => typeof x === 'string' || typeof x === 'number')) data.tags = t.map(String);
    else return { ok: false, line: fieldLine('tags'), message: "front matter field 'tags' must be a list of words" };
  }
  return { ok: true, data, bodyStart };
}

function emptyFrontMatter(): FrontMatter {
  return { title: null, published: null, publishedInferred: false, source: null, url: null, tags: [] };
}

function isIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}
