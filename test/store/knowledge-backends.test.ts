// The knowledge store's contract on both backends: ingest once per content hash, replace and remove
// with people re-aggregated, per-article errors, content sync (add, change, rename, remove, bad
// files), watching, and search through the ask engine. PostgreSQL alone: a second replica sees the
// first one's writes at its next question, and a schema from a newer version is refused.
import { mkdtempSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { Article } from '../../src/core/model.ts';
import type { ArticleLoader } from '../../src/store/ingest/sync.ts';
import { openPool } from '../../src/store/postgres/db.ts';
import { PgKnowledgeStore } from '../../src/store/postgres/knowledge/store.ts';
import { fixtureExtract, launchArticle, launchExtraction, LAUNCH_PATH } from '../core/ask/fixture.ts';
import { asking } from '../helpers/asking.ts';
import { describePg, freshDatabase } from '../pg/db.ts';
import { KNOWLEDGE_BACKENDS } from './knowledge-backends.ts';

const launchText = readFileSync(LAUNCH_PATH, 'utf8');
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'knowledge-'));
  dirs.push(d);
  return d;
}

// A stand-in for loadArticles: reads each file; a file saying BROKEN is an error, others load.
const load: ArticleLoader = (paths) => {
  const articles: Article[] = [];
  const errors = [];
  for (const p of paths) {
    const text = readFileSync(p, 'utf8');
    if (text.includes('BROKEN')) errors.push({ path: p, line: 1, message: 'front matter does not parse', severity: 'error' as const });
    else articles.push({ ...launchArticle(p, text), id: p.split('/').pop()!.replace(/\.\w+$/, '') });
  }
  return { articles, errors };
};

for (const backend of KNOWLEDGE_BACKENDS) {
  const suite = backend.skip ? describe.skip : describe;
  suite(`knowledge store on ${backend.name}${backend.skip ? ` (skipped: ${backend.skip})` : ''}`, () => {
    it('ingests once per content hash and round-trips the extraction', async () => {
      const s = await backend.open({ extract: fixtureExtract });
      const a = launchArticle();
      expect(await s.ingestArticles([a])).toEqual({ ingested: 1, skipped: 0, errors: [] });
      expect(await s.ingestArticles([a])).toEqual({ ingested: 0, skipped: 1, errors: [] });
      const ex = (await s.getExtraction(a.id))!;
      expect(ex.quotes.length).toBe(9);
      expect(ex.people.find((p) => p.id === 'keir-starmer')?.aliases).toContain('the PM');
      const [listed] = await s.listArticles();
      expect(listed).toMatchObject({ id: a.id, hash: a.hash, published: '2025-02-17', tags: ['ukraine'] });
      expect(listed!.addedAt).toBeGreaterThan(Date.now() - 60_000);
      expect(await s.stats()).toEqual({ articles: 1, quotes: 9, facts: 3, people: 7 });
      expect((await s.latestArticles(5)).map((e) => e.extraction.article.id)).toEqual([a.id]);
      expect(await s.articlesAddedSince(Date.now() + 1000)).toEqual([]);
    });

    it('reports an article whose extraction fails and stores the others', async () => {
      const s = await backend.open({ extract: (a) => (a.id === 'bad' ? (() => { throw new Error('no sentences'); })() : fixtureExtract(a)) });
      const a = launchArticle();
      const r = await s.ingestArticles([{ ...a, id: 'bad', path: 'content/bad.md', hash: 'b' }, a]);
      expect(r).toEqual({ ingested: 1, skipped: 0, errors: [{ path: 'content/bad.md', message: 'extraction failed: no sentences' }] });
      expect((await s.listArticles()).map((x) => x.id)).toEqual([a.id]);
    });

    it('replaces an article on change without duplicating rows, and keeps people equal to a fresh ingest', async () => {
      const a = launchArticle();
      const copies = ['c1', 'c2', 'c3', 'c4'].map((id) => ({ ...a, id, hash: id }));
      const s = await backend.open({ extract: fixtureExtract });
      await s.ingestArticles([a, ...copies]);
      await s.ingestArticles([{ ...a, hash: 'changed' }]);
      expect((await s.stats()).quotes).toBe(45);
      await s.removeArticles(['c1']);
      await s.ingestArticles([{ ...copies[1]!, hash: 'c2-changed' }]);
      await s.removeArticles(['c3', 'c4']);
      const fresh = await backend.open({ extract: fixtureExtract });
      await fresh.ingestArticles([a, { ...copies[1]!, hash: 'c2-changed' }]);
      expect(await asking(s).people()).toEqual(await asking(fresh).people());
      expect((await asking(s).people()).find((p) => p.id === 'keir-starmer')).toMatchObject({ quotes: 10 });
      expect(await s.vocabulary(50)).toEqual(await fresh.vocabulary(50));
      expect(await s.documentFrequency('troops')).toBe(await fresh.documentFrequency('troops'));
      expect(await s.stats()).toEqual(await fresh.stats());
      await s.removeArticles([a.id, 'c2']);
      expect(await asking(s).people()).toEqual([]);
      expect(await s.vocabulary(10)).toEqual([]);
    });

    it('answers questions over the launch article: speakers by alias, typos, topics by meaning', async () => {
      const s = await backend.open();
      const a = launchArticle();
      await s.ingestExtractions([{ extraction: launchExtraction(a), hash: a.hash, text: { text: a.text, bodyStart: a.bodyStart } }]);
      const said = await asking(s).ask('what did the PM say about troops');
      expect(said.speaker).toBe('Keir Starmer');
      expect(said.results.slice(0, 3).some((r) => r.text.includes('British forces on the ground'))).toBe(true);
      expect((await asking(s).ask('what did starmr say about troops')).speaker).toBe('Keir Starmer');
      expect((await asking(s).ask('what did Boris Johnson say about troops')).message).toBe('Boris Johnson does not appear in the briefing.');
      expect((await asking(s).who('Marco Rubio')).message).toMatch(/Marco Rubio/);
      expect(await s.similarWords('troosp', 2, 3)).toEqual(expect.arrayContaining([expect.objectContaining({ word: 'troops' })]));
      expect(await s.family('negotiations', 3)).toEqual([]);
      expect(await s.countQuotes('keir-starmer')).toBe(5);
      expect(await s.personArticleCount('keir-starmer')).toBe(1);
      expect((await s.mentions('mark-rutte', 5)).map((h) => h.text).join(' ')).toMatch(/Mark Rutte/);
    });

    it('syncs a folder: adds, skips unchanged, re-extracts changed, keeps a rename, removes deleted, reports bad files', async () => {
      const dir = tmp();
      writeFileSync(join(dir, 'one.md'), launchText);
      writeFileSync(join(dir, 'two.md'), launchText.replace('title: "', 'title: "Two '));
      writeFileSync(join(dir, 'bad.md'), 'BROKEN');
      const s = await backend.open({ extract: fixtureExtract, load });
      const r1 = await s.syncContent(dir);
      expect(r1.added.sort()).toEqual([join(dir, 'one.md'), join(dir, 'two.md')]);
      expect(r1.errors).toEqual([{ path: join(dir, 'bad.md'), line: 1, message: 'front matter does not parse', severity: 'error' }]);
      expect(await s.syncContent(dir)).toMatchObject({ added: [], updated: [], removed: [], unchanged: 2 });
      const firstSeen = (await s.listArticles()).find((x) => x.id === 'one.md')!.addedAt;
      renameSync(join(dir, 'one.md'), join(dir, 'uno.md'));
      const r3 = await s.syncContent(dir);
      expect(r3.renamed).toEqual([{ from: join(dir, 'one.md'), to: join(dir, 'uno.md') }]);
      expect((await s.listArticles()).find((x) => x.id === 'uno.md')?.addedAt).toBe(firstSeen);
      writeFileSync(join(dir, 'two.md'), launchText + '\nOne more line.');
      unlinkSync(join(dir, 'uno.md'));
      const r4 = await s.syncContent(dir);
      expect(r4.updated).toEqual([join(dir, 'two.md')]);
      expect(r4.removed).toEqual([join(dir, 'uno.md')]);
      expect((await s.listArticles()).map((x) => x.id)).toEqual(['two.md']);
      expect((await s.stats()).quotes).toBe(9);
      // The same content back under its old name: first seen when it was first seen.
      writeFileSync(join(dir, 'uno.md'), launchText);
      await s.syncContent(dir);
      expect((await s.listArticles()).find((x) => x.id === 'uno.md')?.addedAt).toBe(firstSeen);
    });

    it('reports a missing content folder instead of throwing', async () => {
      const s = await backend.open({ extract: fixtureExtract, load });
      expect((await s.syncContent(join(tmp(), 'nope'))).errors[0]?.message).toMatch(/content folder not found/);
    });

    it('picks up articles added while watching', async () => {
      const dir = tmp();
      const s = await backend.open({ extract: fixtureExtract, load });
      await s.syncContent(dir);
      const w = s.watch(dir);
      writeFileSync(join(dir, 'new.md'), launchText);
      await w.settled();
      expect((await s.listArticles()).map((a) => a.id)).toEqual(['new.md']);
      expect((await asking(s).ask('what did the PM say about troops')).results.length).toBeGreaterThan(0);
      w.close();
    });

    it('a second connection sees the first one’s writes at its next question', async () => {
      const writer = await backend.open({ extract: fixtureExtract });
      const reader = await backend.open({ of: writer });
      const before = await reader.version();
      expect(await asking(reader).people()).toEqual([]);
      await writer.ingestArticles([launchArticle()]);
      expect(await reader.version()).not.toBe(before);
      expect((await asking(reader).ask('what did the PM say about troops')).speaker).toBe('Keir Starmer');
    });
  });
}

describePg('knowledge store on PostgreSQL: schema', () => {
  it('refuses a database whose knowledge schema is newer than this version knows, saying so', async () => {
    const url = await freshDatabase('knowledge_newer');
    const pool = openPool(url, { max: 2 });
    try {
      await (await PgKnowledgeStore.open({ pool })).close();
      await pool.query(`UPDATE schema_versions SET version = 99 WHERE module = 'knowledge'`);
      await expect(PgKnowledgeStore.open({ pool })).rejects.toThrow(/newer version of briefing \(knowledge schema version 99; this version knows up to 1\)/);
    } finally {
      await pool.end();
    }
  });

  it('keeps text search on PostgreSQL’s own index: a tsvector under GIN, the vocabulary under pg_trgm', async () => {
    const url = await freshDatabase('knowledge_indexes');
    const pool = openPool(url, { max: 2 });
    try {
      await (await PgKnowledgeStore.open({ pool })).close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      const { rows } = await c.query<{ indexdef: string }>(`SELECT indexdef FROM pg_indexes WHERE tablename IN ('quotes', 'facts', 'vocab')`);
      await c.end();
      const defs = rows.map((r) => r.indexdef).join('\n');
      expect(defs).toMatch(/quotes USING gin \(tsv\)/);
      expect(defs).toMatch(/facts USING gin \(tsv\)/);
      expect(defs).toMatch(/vocab USING gin \(word gin_trgm_ops\)/);
    } finally {
      await pool.end();
    }
  });
});
