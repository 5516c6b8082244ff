// Article identity and the content sync (issue 15 items 1-4 and 7), with the real loader and
// extractor over real files: ids are paths relative to the content folder, renames and moves keep
// the article, a briefly empty folder drops nothing, symlinks are followed, skipped files are
// listed, and a failing file is not re-read until it changes.
import { mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadArticles } from '../../src/core/articles/index.ts';
import { extractArticle } from '../../src/core/extract/index.ts';
import { KnowledgeStore } from '../../src/store/sqlite/knowledge/store.ts';
import { loadForStore } from '../../src/app/knowledge.ts';
import type { ArticleLoader } from '../../src/store/ingest/sync.ts';
import { asking } from '../helpers/asking.ts';

const dirs: string[] = [];
const stores: KnowledgeStore[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'content-sync-'));
  dirs.push(d);
  return d;
}

function open(path = join(tmp(), 'k.db'), load: ArticleLoader = loadForStore): KnowledgeStore {
  const s = KnowledgeStore.open({ path, extract: extractArticle, load });
  stores.push(s);
  return s;
}

const article = (title: string, who: string, said: string) => `${title}\n\n${who} said: "${said}."\n\nThe council met on Tuesday.\n`;

function write(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
}

const byId = (s: KnowledgeStore) => Object.fromEntries(s.listArticles().map((a) => [a.id, a]));

describe('article identity (issue 15 item 1)', async () => {
  it('keeps a.md and a.txt, east/report.txt and west/report.txt apart, and a second sync changes nothing', async () => {
    const dir = tmp();
    write(dir, {
      'a.md': article('Budget', 'Anna Berg', 'We will cut taxes'),
      'a.txt': article('Rail', 'Tom Hale', 'Trains will run late'),
      'east/report.txt': article('East', 'Ida Lund', 'The east is dry'),
      'west/report.txt': article('West', 'Ole Falk', 'The west is wet'),
    });
    const s = open();
    const r1 = s.syncContent(dir);
    expect(r1.added).toHaveLength(4);
    expect(Object.keys(byId(s)).sort()).toEqual(['a.md', 'a.txt', 'east/report.txt', 'west/report.txt']);
    expect(byId(s)['east/report.txt']!.title).toBe('East');
    expect(byId(s)['west/report.txt']!.title).toBe('West');
    const r2 = s.syncContent(dir);
    expect(r2).toMatchObject({ added: [], updated: [], removed: [], renamed: [], unchanged: 4 });
    expect((await asking(s).quotes({ speaker: 'Ida Lund' })).results).toHaveLength(1);
    expect((await asking(s).quotes({ speaker: 'Ole Falk' })).results).toHaveLength(1);
  });

  it('migrates a database whose ids are base names: the rows are re-keyed in place, added_at kept', async () => {
    const dir = tmp();
    const text = article('West', 'Ole Falk', 'The west is wet');
    write(dir, { 'west/report.txt': text, 'east/report.txt': article('East', 'Ida Lund', 'The east is dry') });
    const path = join(tmp(), 'old.db');
    // What an older version stored: one row per base name ("report"), here for the west file.
    const old = open(path);
    const [west] = loadArticles([join(dir, 'west/report.txt')]).articles;
    old.ingestArticles([{ ...west!, id: 'report' }]);
    const before = old.listArticles()[0]!;
    expect(before.id).toBe('report');
    old.close();

    const s = open(path);
    const r = s.syncContent(dir);
    expect(r.added).toEqual([join(dir, 'east/report.txt')]);
    expect(r.updated).toEqual([]);
    const rows = byId(s);
    expect(Object.keys(rows).sort()).toEqual(['east/report.txt', 'west/report.txt']);
    expect(rows['west/report.txt']!.addedAt).toBe(before.addedAt);
    const ex = s.getExtraction('west/report.txt')!;
    expect(ex.article.id).toBe('west/report.txt');
    expect(ex.quotes[0]!.id).toBe('west/report.txt#q1');
    expect((await asking(s).quotes({ speaker: 'Ole Falk' })).results[0]!.article.id).toBe('west/report.txt');
    expect(s.getExtraction('report')).toBeNull();
  });
});

describe('renames and moves (issue 15 item 2)', async () => {
  it('keeps a renamed or moved file as the same article, with its rows and added_at', async () => {
    const dir = tmp();
    write(dir, { 'budget.txt': article('Budget', 'Anna Berg', 'We will cut taxes'), 'other.txt': article('Other', 'Tom Hale', 'Fine') });
    const s = open();
    s.syncContent(dir);
    const first = byId(s)['budget.txt']!;
    const quotesBefore = (await asking(s).quotes({ speaker: 'Anna Berg' })).results.map((r) => r.text);

    renameSync(join(dir, 'budget.txt'), join(dir, 'budget.md'));
    const r1 = s.syncContent(dir);
    expect(r1).toMatchObject({ added: [], removed: [], updated: [], renamed: [{ from: join(dir, 'budget.txt'), to: join(dir, 'budget.md') }] });
    expect(byId(s)['budget.md']).toMatchObject({ addedAt: first.addedAt, hash: first.hash, path: join(dir, 'budget.md') });
    expect(byId(s)['budget.txt']).toBeUndefined();

    mkdirSync(join(dir, '2025'));
    renameSync(join(dir, 'budget.md'), join(dir, '2025', 'budget.md'));
    const r2 = s.syncContent(dir);
    expect(r2.renamed).toEqual([{ from: join(dir, 'budget.md'), to: join(dir, '2025', 'budget.md') }]);
    expect(r2.added).toEqual([]);
    expect(byId(s)['2025/budget.md']!.addedAt).toBe(first.addedAt);
    expect((await asking(s).quotes({ speaker: 'Anna Berg' })).results.map((r) => r.text)).toEqual(quotesBefore);
    expect(s.articlesAddedSince(first.addedAt)).toHaveLength(0);
  });
});

describe('a briefly empty content folder (issue 15 item 3)', async () => {
  it('keeps the articles while the folder is empty, and the same content coming back is not new', async () => {
    const dir = tmp();
    const files = { 'one.txt': article('One', 'Anna Berg', 'First'), 'sub/two.txt': article('Two', 'Tom Hale', 'Second') };
    write(dir, files);
    const s = open();
    s.syncContent(dir);
    const before = byId(s);
    rmSync(join(dir, 'one.txt'));
    rmSync(join(dir, 'sub'), { recursive: true });
    const r = s.syncContent(dir);
    expect(r).toMatchObject({ removed: [], held: 2 });
    expect(s.listArticles()).toHaveLength(2);
    expect((await asking(s).quotes({ speaker: 'Anna Berg' })).results).toHaveLength(1);
    write(dir, files);
    const back = s.syncContent(dir);
    expect(back).toMatchObject({ added: [], removed: [], unchanged: 2, held: 0 });
    expect(byId(s)['one.txt']!.addedAt).toBe(before['one.txt']!.addedAt);
  });

  it('removes them once the folder stays empty past the grace period, and remembers when each was first seen', () => {
    const dir = tmp();
    write(dir, { 'one.txt': article('One', 'Anna Berg', 'First') });
    const path = join(tmp(), 'k.db');
    const s = open(path);
    s.syncContent(dir);
    const firstSeen = s.listArticles()[0]!.addedAt;
    unlinkSync(join(dir, 'one.txt'));
    let t = Date.now();
    expect(s.syncContent(dir, { now: () => t }).held).toBe(1);
    s.close();
    // A later run (another process) shares the time the folder was first seen empty.
    const again = open(path);
    t += 11 * 60_000;
    const gone = again.syncContent(dir, { now: () => t });
    expect(gone).toMatchObject({ held: 0, removed: [join(dir, 'one.txt')] });
    expect(again.listArticles()).toHaveLength(0);
    write(dir, { 'restored/one.txt': article('One', 'Anna Berg', 'First') });
    expect(again.syncContent(dir).added).toEqual([join(dir, 'restored/one.txt')]);
    expect(again.listArticles()[0]!.addedAt).toBe(firstSeen);
    expect(again.articlesAddedSince(firstSeen)).toHaveLength(0);
  });

  it('a partial delete and re-add of the same content keeps added_at', () => {
    const dir = tmp();
    write(dir, { 'one.txt': article('One', 'Anna Berg', 'First'), 'two.txt': article('Two', 'Tom Hale', 'Second') });
    const s = open();
    s.syncContent(dir);
    const firstSeen = byId(s)['one.txt']!.addedAt;
    unlinkSync(join(dir, 'one.txt'));
    expect(s.syncContent(dir).removed).toEqual([join(dir, 'one.txt')]);
    write(dir, { 'one.txt': article('One', 'Anna Berg', 'First') });
    expect(s.syncContent(dir).added).toEqual([join(dir, 'one.txt')]);
    expect(byId(s)['one.txt']!.addedAt).toBe(firstSeen);
  });
});

describe('which files are articles (issue 15 item 4)', () => {
  it('follows symbolic links, reports broken ones, and lists what it skips: one rule for extract and sync', () => {
    const outside = tmp();
    write(outside, { 'linked.txt': article('Linked', 'Anna Berg', 'Linked in'), 'shared/deep.txt': article('Deep', 'Tom Hale', 'From a linked folder') });
    const dir = tmp();
    write(dir, {
      'plain.txt': article('Plain', 'Ida Lund', 'Plain file'),
      '_draft.txt': article('Draft', 'Ole Falk', 'Not yet'),
      'README.md': '# What this folder is\n\nNotes.\n',
      'notes.json': '{}',
    });
    symlinkSync(join(outside, 'linked.txt'), join(dir, 'link.txt'));
    symlinkSync(join(outside, 'shared'), join(dir, 'shared'));
    symlinkSync(join(outside, 'missing.txt'), join(dir, 'broken.txt'));
    symlinkSync(dir, join(dir, 'loop'));

    const s = open();
    const r = s.syncContent(dir);
    expect(r.added.sort()).toEqual([join(dir, 'link.txt'), join(dir, 'plain.txt'), join(dir, 'shared/deep.txt')]);
    expect(Object.keys(byId(s)).sort()).toEqual(['link.txt', 'plain.txt', 'shared/deep.txt']);
    expect(r.errors).toEqual([{ path: join(dir, 'broken.txt'), line: null, message: 'a broken symbolic link (its target does not exist)', severity: 'error' }]);
    const skipped = Object.fromEntries(r.skipped.map((x) => [x.path.slice(dir.length + 1), x.reason]));
    expect(skipped).toEqual({
      '_draft.txt': 'a draft or note (its name starts with "_")',
      'README.md': "the folder's README, not an article",
      'notes.json': 'not an article file (expected .md, .markdown, .txt)',
      loop: 'a symbolic link to a folder it is inside (followed once)',
    });

    // `extract DIR` loads exactly the same files, and says what it skipped.
    const loaded = loadArticles([dir]);
    expect(loaded.articles.map((a) => a.id)).toEqual(['link.txt', 'plain.txt', 'shared/deep.txt']);
    expect(loaded.skipped).toEqual(r.skipped);
  });
});

describe('a failing file (issue 15 item 7)', () => {
  it('is read, extracted and reported once, and again only when it changes', () => {
    const dir = tmp();
    write(dir, { 'good.txt': article('Good', 'Anna Berg', 'Fine'), 'bad.md': '---\ntitle: [unclosed\n---\nBody.\n' });
    const loads: string[][] = [];
    const s = open(join(tmp(), 'k.db'), (paths, opts) => {
      loads.push(paths.map((p) => p.slice(dir.length + 1)));
      return loadForStore(paths, opts);
    });
    const r1 = s.syncContent(dir);
    expect(r1.errors.map((e) => e.path)).toEqual([join(dir, 'bad.md')]);
    const r2 = s.syncContent(dir);
    const r3 = s.syncContent(dir);
    expect(r2).toMatchObject({ errors: [], stillFailing: 1, unchanged: 1 });
    expect(r3).toMatchObject({ errors: [], stillFailing: 1 });
    expect(loads).toEqual([['bad.md', 'good.txt']]);
    writeFileSync(join(dir, 'bad.md'), '---\ntitle: Fixed\n---\nAnna Berg said: "Now it loads."\n');
    const r4 = s.syncContent(dir);
    expect(r4).toMatchObject({ added: [join(dir, 'bad.md')], errors: [], stillFailing: 0 });
    expect(loads[1]).toEqual(['bad.md']);
  });
});
