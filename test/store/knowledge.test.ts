import { chmodSync, copyFileSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Article } from '../../src/core/model.ts';
import { KnowledgeStore, StoreError } from '../../src/store/sqlite/knowledge/store.ts';
import type { ArticleLoader } from '../../src/store/ingest/sync.ts';
import { fixtureExtract, launchArticle, LAUNCH_PATH } from '../core/ask/fixture.ts';
import { asking } from '../helpers/asking.ts';

const launchText = readFileSync(LAUNCH_PATH, 'utf8');
const dirs: string[] = [];
const stores: KnowledgeStore[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
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
    else {
      const a = launchArticle(p, text);
      articles.push({ ...a, id: p.split('/').pop()!.replace(/\.\w+$/, ''), title: text.split('\n').find((l) => l.startsWith('title:'))?.slice(7) ?? a.title });
    }
  }
  return { articles, errors };
};

function open(path: string, extra: Partial<Parameters<typeof KnowledgeStore.open>[0]> = {}): KnowledgeStore {
  const s = KnowledgeStore.open({ path, extract: fixtureExtract, load, ...extra });
  stores.push(s);
  return s;
}

describe('KnowledgeStore', async () => {
  it('ingests once per content hash and round-trips the extraction', () => {
    const s = open(':memory:');
    const a = launchArticle();
    expect(s.ingestArticle(a)).toBe(true);
    expect(s.ingestArticle(a)).toBe(false);
    const ex = s.getExtraction(a.id)!;
    expect(ex.quotes.length).toBe(9);
    expect(ex.people.find((p) => p.id === 'keir-starmer')?.aliases).toContain('the PM');
    const [listed] = s.listArticles();
    expect(listed).toMatchObject({ id: a.id, hash: a.hash, published: '2025-02-17' });
    expect(listed!.addedAt).toBeGreaterThan(Date.now() - 60_000);
    expect(s.stats()).toMatchObject({ articles: 1, quotes: 9, facts: 3 });
  });

  it('replaces an article on change without duplicating rows, and aggregates people across articles', async () => {
    const s = open(':memory:');
    const a = launchArticle();
    s.ingestArticle(a);
    s.ingestArticle({ ...a, hash: 'changed' });
    expect(s.stats().quotes).toBe(9);
    s.ingestArticle({ ...a, id: 'copy', hash: 'other' });
    const starmer = (await asking(s).people()).find((p) => p.id === 'keir-starmer')!;
    expect(starmer.quotes).toBe(10);
    s.removeArticle('copy');
    expect((await asking(s).people()).find((p) => p.id === 'keir-starmer')!.quotes).toBe(5);
    expect((await asking(s).ask('what did Starmer say about troops')).results.length).toBeGreaterThan(0);
  });

  it('keeps people aggregates equal to a fresh ingest of what is left after replacing and removing articles', async () => {
    const a = launchArticle();
    const copies = ['c1', 'c2', 'c3', 'c4'].map((id) => ({ ...a, id, hash: id }));
    const s = open(':memory:');
    s.ingestArticles([a, ...copies]);
    // In one batch: one copy removed, another changed; then two removed together.
    s.removeArticles(['c1']);
    s.ingestArticles([{ ...copies[1]!, hash: 'c2-changed' }]);
    s.removeArticles(['c3', 'c4']);
    const fresh = open(':memory:');
    fresh.ingestArticles([a, { ...copies[1]!, hash: 'c2-changed' }]);
    expect(await asking(s).people()).toEqual(await asking(fresh).people());
    expect((await asking(s).people()).find((p) => p.id === 'keir-starmer')).toMatchObject({ quotes: 10 });
    s.removeArticles([a.id, 'c2']);
    expect(await asking(s).people()).toEqual([]);
  });

  it('syncs a folder: adds, skips unchanged, re-extracts changed, removes deleted, reports bad files', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'one.md'), launchText);
    writeFileSync(join(dir, 'two.md'), launchText.replace('title: "', 'title: "Two '));
    writeFileSync(join(dir, 'bad.md'), 'BROKEN');
    writeFileSync(join(dir, 'notes.json'), '{}');
    const s = open(join(tmp(), 'db', 'k.db'));
    const r1 = s.syncContent(dir);
    expect(r1.added.sort()).toEqual([join(dir, 'one.md'), join(dir, 'two.md')]);
    expect(r1.errors).toEqual([{ path: join(dir, 'bad.md'), line: 1, message: 'front matter does not parse', severity: 'error' }]);
    const r2 = s.syncContent(dir);
    expect(r2).toMatchObject({ added: [], updated: [], removed: [], unchanged: 2 });
    writeFileSync(join(dir, 'two.md'), launchText + '\nOne more line.');
    unlinkSync(join(dir, 'one.md'));
    const r3 = s.syncContent(dir);
    expect(r3.updated).toEqual([join(dir, 'two.md')]);
    expect(r3.removed).toEqual([join(dir, 'one.md')]);
    expect(s.listArticles().map((a) => a.id)).toEqual(['two.md']);
  });

  it('reports a missing content folder instead of throwing', () => {
    const s = open(':memory:');
    const r = s.syncContent(join(tmp(), 'nope'));
    expect(r.errors[0]?.message).toMatch(/content folder not found/);
  });

  it('picks up articles added while watching', async () => {
    const dir = tmp();
    const s = open(':memory:');
    s.syncContent(dir);
    const w = s.watch(dir);
    writeFileSync(join(dir, 'new.md'), launchText);
    await w.settled();
    expect(s.listArticles().map((a) => a.id)).toEqual(['new.md']);
    expect((await asking(s).ask('what did the PM say about troops')).results.length).toBeGreaterThan(0);
    w.close();
  });

  it('reopens a persisted store ready to answer, without re-extracting', async () => {
    const path = join(tmp(), 'k.db');
    const s1 = open(path);
    s1.ingestArticle(launchArticle());
    s1.close();
    let extracted = 0;
    const s2 = open(path, { extract: (a) => (extracted++, fixtureExtract(a)) });
    expect((await asking(s2).ask('what did Starmer say about troops')).results[0]?.speaker?.name).toBe('Keir Starmer');
    expect(s2.ingestArticle(launchArticle())).toBe(false);
    expect(extracted).toBe(0);
  });

  it('refuses a corrupt database file with a StoreError naming the path and the fix', () => {
    const path = join(tmp(), 'corrupt.db');
    writeFileSync(path, 'this is not a database, just text that happens to be long enough '.repeat(200));
    let err: unknown;
    try {
      open(path);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).path).toBe(path);
    expect((err as Error).message).toMatch(new RegExp(`${path}.*Fix: move or delete the file`));
  });

  it('opens a read-only database read-only: answers questions, refuses writes clearly', async () => {
    const dir = tmp();
    const path = join(dir, 'k.db');
    const s1 = open(path);
    s1.ingestArticle(launchArticle());
    s1.close();
    // A clean single-file copy (no WAL side files), then remove write permission.
    const ro = join(dir, 'ro.db');
    copyFileSync(path, ro);
    chmodSync(ro, 0o444);
    chmodSync(dir, 0o555);
    // Root ignores permissions, so there the store is told; elsewhere it must notice by itself.
    const asRoot = process.getuid?.() === 0;
    try {
      const s2 = open(ro, asRoot ? { readonly: true } : {});
      expect(s2.readonly).toBe(true);
      expect((await asking(s2).ask('what did Starmer say about troops')).results.length).toBeGreaterThan(0);
      expect(() => s2.ingestArticle({ ...launchArticle(), hash: 'x' })).toThrow(/read-only.*Fix:/);
    } finally {
      chmodSync(dir, 0o755);
    }
  });
});

describe('watching and names', () => {
  it('keeps watching after a sync fails, and reports the failure', async () => {
    const dir = tmp();
    const errors: unknown[] = [];
    let calls = 0;
    const { watchDirectory } = await import('../../src/store/ingest/sync.ts');
    const w = watchDirectory(
      dir,
      () => {
        calls++;
        if (calls === 1) throw new Error('disk hiccup');
        return { dir, added: [], updated: [], removed: [], renamed: [], unchanged: 0, errors: [], stillFailing: 0, skipped: [], held: 0, ms: 0 };
      },
      { debounceMs: 20, onError: (e) => errors.push(e) },
    );
    writeFileSync(join(dir, 'a.md'), 'x');
    await w.settled();
    writeFileSync(join(dir, 'b.md'), 'y');
    await w.settled();
    w.close();
    expect(calls).toBe(2);
    expect(String(errors[0])).toMatch(/disk hiccup/);
  });

  it('upgrades a v2 database: mention rows and person-keyed indexes go, people and mentions are still found', async () => {
    const { default: Database } = await import('better-sqlite3');
    const { migrate } = await import('../../src/store/sqlite/db.ts');
    const { knowledgeMigrations } = await import('../../src/store/sqlite/knowledge/schema.ts');
    const body = 'Talks went on.\n\nThe envoy Anna Kowalska travelled to Riyadh on Monday. Kowalska met nobody.';
    const person = { id: 'anna-kowalska', name: 'Anna Kowalska', roles: ['envoy'], aliases: [], mentions: 2, quotes: 1 };
    const path = join(tmp(), 'v2.db');
    const v2 = new Database(path);
    migrate(v2, knowledgeMigrations.filter((m) => m.version <= 2));
    v2.prepare(`INSERT INTO articles (id, path, title, hash, added_at, updated_at, body, extraction) VALUES ('a1', 'a1.md', 'A', 'h', 1, 1, ?, ?)`).run(
      body,
      JSON.stringify({ article: { id: 'a1' }, people: [person], quotes: [], facts: [] }),
    );
    v2.prepare(`INSERT INTO article_people VALUES ('a1', 'anna-kowalska', 'Anna Kowalska', '["envoy"]', '[]', 2, 1)`).run();
    v2.prepare(`INSERT INTO people VALUES ('anna-kowalska', 'Anna Kowalska', '["envoy"]', '[]', 2, 1)`).run();
    v2.prepare(`INSERT INTO quotes (article_id, qid, kind, text, context, paragraph, speaker_name, person_id) VALUES ('a1', 'q1', 'direct', 'we talked', 'we talked', 1, 'Anna Kowalska', 'anna-kowalska')`).run();
    v2.prepare(`INSERT INTO quote_fts (rowid, text, context, who) VALUES (1, 'we talked', '', 'pannakowalska')`).run();
    v2.prepare(`INSERT INTO facts (article_id, fid, kind, text, context, paragraph, mention, person_id) VALUES ('a1', 'm1', 'role', 'old', 'old', 1, 1, 'anna-kowalska')`).run();
    v2.close();

    const s = open(path);
    const raw = new Database(path, { readonly: true });
    const indexes = raw.prepare(`SELECT name FROM sqlite_master WHERE type = 'index'`).all().map((r) => (r as { name: string }).name);
    expect(indexes).not.toContain('quotes_person');
    expect(indexes).not.toContain('facts_mention');
    expect(indexes).not.toContain('article_people_person');
    expect(raw.prepare(`SELECT count(*) AS n FROM facts WHERE mention = 1`).get()).toEqual({ n: 0 });
    expect(raw.prepare(`SELECT rowid FROM person_fts WHERE person_fts MATCH '"anna-kowalska"'`).all()).toHaveLength(1);
    raw.close();
    // Her quotes come through the `who` token, her mentions from the body, her articles from person_fts.
    expect((await asking(s).quotes({ speaker: 'Anna Kowalska' })).results.map((r) => r.text)).toEqual(['we talked']);
    const who = await asking(s).who('Anna Kowalska');
    expect(who.profile?.articles.map((a) => a.id)).toEqual(['a1']);
    expect(who.profile?.about.map((r) => r.text)).toEqual(expect.arrayContaining(['The envoy Anna Kowalska travelled to Riyadh on Monday.']));
    expect(who.profile?.about.map((r) => r.text)).not.toContain('old');
    // Removing the article re-aggregates her from what is left: nothing.
    s.removeArticle('a1');
    expect((await asking(s).people()).find((p) => p.id === 'anna-kowalska')).toBeUndefined();
  });

  it('finds capitalised names of the body for people the extraction did not list', async () => {
    const { capitalisedNames } = await import('../../src/store/sqlite/knowledge/write.ts');
    const names = capitalisedNames('x\nIt comes as US Secretary of State Marco Rubio travelled to Saudi Arabia. Then he left.', 2);
    expect(names.has('marco rubio')).toBe(true); // the end of "State Marco Rubio"
    expect(names.has('rubio')).toBe(true);
    expect(names.has('saudi arabia')).toBe(true);
    expect(names.has('then')).toBe(false);
  });
  it('finds names that only occur in a body, forgets them with the article, and keeps them across the v1 → v2 upgrade', async () => {
    const { default: Database } = await import('better-sqlite3');
    const { migrate } = await import('../../src/store/sqlite/db.ts');
    const { knowledgeMigrations } = await import('../../src/store/sqlite/knowledge/schema.ts');
    const body = 'Talks went on.\n\nUS Secretary of State Marco Rubio travelled to Riyadh on Monday.';
    // A database written by the first schema (names in a plain table) ...
    const path = join(tmp(), 'v1.db');
    const v1 = new Database(path);
    migrate(v1, knowledgeMigrations.filter((m) => m.version === 1));
    v1.prepare(`INSERT INTO articles (id, path, title, hash, added_at, updated_at, body, extraction) VALUES ('a1', 'a1.md', 'A', 'h', 1, 1, ?, '{}')`).run(body);
    for (const n of ['marco rubio', 'state marco rubio', 'rubio']) v1.prepare(`INSERT INTO names (name, article_id) VALUES (?, 'a1')`).run(n);
    v1.close();
    // ... is upgraded on open and still knows who is mentioned.
    const s = open(path);
    expect((await asking(s).who('Marco Rubio')).message).toMatch(/mentioned in the briefing but not quoted/);
    expect((await asking(s).who('Rubio')).message).toMatch(/mentioned in the briefing but not quoted/);
    expect((await asking(s).who('Marco Polo')).message).toMatch(/does not appear/);
    // Removing the article removes its names.
    s.removeArticle('a1');
    expect((await asking(s).who('Marco Rubio')).message).toMatch(/does not appear/);
    // New articles' names are indexed at ingest, and replaced when the article changes.
    const launch = launchArticle(LAUNCH_PATH, launchText);
    s.ingestArticle({ ...launch, text: launch.text + '\n\nThe envoy Anna Kowalska was absent.', hash: 'x1' });
    expect((await asking(s).who('Anna Kowalska')).message).toMatch(/mentioned in the briefing but not quoted/);
    expect((await asking(s).who('Kowalska')).message).toMatch(/mentioned in the briefing but not quoted/);
    s.ingestArticle({ ...launch, hash: 'x2' });
    expect((await asking(s).who('Anna Kowalska')).message).toMatch(/does not appear/);
    // The replaced article's old names are gone from the index itself, not just filtered out.
    const raw = new Database(path, { readonly: true });
    const indexed = (name: string) => raw.prepare(`SELECT rowid FROM name_fts WHERE name_fts MATCH ?`).all(`"${name}"`).length;
    expect(indexed('kowalska')).toBe(0);
    expect(indexed('rubio')).toBe(1); // the launch article names him too
    raw.close();
    expect(s.stats().articles).toBe(1);
  });
});
