// Bulk ingest with extraction workers: the same store as in-thread, in input order, one broken or
// crashing article never costing the others, and workers that stop when the store closes.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Article } from '../../src/core/model.ts';
import { ExtractPool, PARALLEL_MIN } from '../../src/store/ingest/extract-pool.ts';
import { KnowledgeStore } from '../../src/store/sqlite/knowledge/store.ts';
import { prepareArticle } from '../../src/store/knowledge/prepare.ts';
import type { ArticleLoader } from '../../src/store/ingest/sync.ts';
import { launchArticle, LAUNCH_PATH } from '../core/ask/fixture.ts';
import { extractArticle } from './extract-fixture.ts';
import { asking } from '../helpers/asking.ts';

const FIXTURE = new URL('./extract-fixture.ts', import.meta.url);
const launchText = readFileSync(LAUNCH_PATH, 'utf8');
const closers: { close(): void }[] = [];
afterEach(() => {
  for (const c of closers.splice(0)) c.close();
});

/** `n` copies of the launch article under their own ids; `marks` adds a word to some of them. */
function articles(n: number, marks: Record<number, string> = {}): Article[] {
  return Array.from({ length: n }, (_, i) => {
    const text = marks[i] ? `${launchText}\n\n${marks[i]}` : launchText;
    return { ...launchArticle(`content/a${i}.md`, text), id: `a${String(i).padStart(4, '0')}`, hash: `h${i}-${marks[i] ?? ''}` };
  });
}

function store(worker: boolean, threads = 1): KnowledgeStore {
  const s = KnowledgeStore.open({ path: ':memory:', extract: extractArticle, ...(worker ? { extractWorker: { module: FIXTURE, threads } } : {}) });
  closers.push(s);
  return s;
}

const text = (v: string | Uint8Array) => (typeof v === 'string' ? v : new TextDecoder().decode(v));
const local = (a: Article) => prepareArticle(extractArticle(a), a.hash, a.path, { text: a.text, bodyStart: a.bodyStart });

describe('extraction workers', async () => {
  it('store exactly what in-thread ingest stores, with workers doing part of the extraction', async () => {
    const batch = articles(PARALLEL_MIN + 60, { 7: 'SLOW', 30: 'SLOW', 31: 'SLOW' });
    const piped = store(true);
    const plain = store(false);
    expect(piped.startExtraction(3, 20_000)).toBe(0); // too few to be worth a worker
    expect(piped.startExtraction(batch.length, 20_000)).toBe(1);
    expect(piped.ingestArticles(batch)).toEqual({ ingested: batch.length, skipped: 0, errors: [] });
    plain.ingestArticles(batch);
    expect(piped.stats()).toEqual(plain.stats());
    expect(piped.stats().quotes).toBe(9 * batch.length);
    expect(await asking(piped).people()).toEqual(await asking(plain).people());
    const q = 'what did Starmer say about troops';
    expect((await asking(piped, { wordnet: false }).ask(q)).results.map((r) => r.text)).toEqual((await asking(plain, { wordnet: false }).ask(q)).results.map((r) => r.text));
    // The body and extraction a worker sent as UTF-8 bytes are stored as the same text.
    const plainBody = new Map(plain.latestArticles(1000).map((a) => [a.extraction.article.id, a.body]));
    const fromWorker = piped.latestArticles(1000).filter((a) => a.extraction.article.source === 'worker');
    expect(fromWorker.length).toBeGreaterThan(0);
    for (const a of fromWorker) {
      expect(a.body).toBe(plainBody.get(a.extraction.article.id));
      expect(a.body).toContain('’');
      expect(a.extraction.quotes.map((q) => q.text)).toEqual(plain.getExtraction(a.extraction.article.id)!.quotes.map((q) => q.text));
    }
    const where = piped.listArticles().map((a) => a.source);
    expect(where).toContain('worker');
    // Unchanged articles are skipped without extraction.
    expect(piped.ingestArticles(batch)).toMatchObject({ ingested: 0, skipped: batch.length });
  });

  it('yields outcomes in input order whichever thread finishes first, and reports failures per article', () => {
    const pool = new ExtractPool({ module: FIXTURE, threads: 2 });
    closers.push(pool);
    expect(pool.prestart(PARALLEL_MIN, 20_000)).toBe(2);
    const batch = articles(PARALLEL_MIN + 20, { 0: 'SLOW', 3: 'EXPLODE', 4: 'SLOW', 50: 'EXPLODE' });
    const out = [...pool.run(batch, local)];
    expect(out.map((o) => o.article.id)).toEqual(batch.map((a) => a.id));
    expect(out.filter((o) => 'error' in o).map((o) => [o.article.id, 'error' in o ? o.error : ''])).toEqual([
      ['a0003', 'no sentences to extract'],
      ['a0050', 'no sentences to extract'],
    ]);
    expect(pool.running).toBe(2);
    pool.close();
    expect(pool.running).toBe(0);
  });

  it('drops what workers still held for a run the writer abandoned', () => {
    const pool = new ExtractPool({ module: FIXTURE, threads: 1 });
    closers.push(pool);
    expect(pool.prestart(PARALLEL_MIN, 20_000)).toBe(1);
    const first = articles(40, Object.fromEntries(Array.from({ length: 40 }, (_, i) => [i, 'SLOW'])));
    const it = pool.run(first, local);
    it.next();
    it.next();
    it.return(undefined); // as when a write throws mid-batch
    const second = articles(30).map((a) => ({ ...a, id: `second-${a.id}` }));
    const out = [...pool.run(second, local)];
    expect(out.map((o) => o.article.id)).toEqual(second.map((a) => a.id));
    expect(out.map((o) => ('prepared' in o ? o.prepared.id : null))).toEqual(second.map((a) => a.id));
  });

  it('names the file of an article whose extraction failed and stores the others', () => {
    const s = store(true);
    const batch = articles(PARALLEL_MIN + 10, { 12: 'EXPLODE' });
    const r = s.ingestArticles(batch);
    expect(r.errors).toEqual([{ path: 'content/a12.md', message: 'extraction failed: no sentences to extract' }]);
    expect(r.ingested).toBe(batch.length - 1);
    expect(s.stats().articles).toBe(batch.length - 1);
  });

  it('takes back the articles of a worker that dies, and extracts them in-thread', () => {
    const warnings: string[] = [];
    const pool = new ExtractPool({ module: FIXTURE, threads: 1 }, { stallMs: 300, onWarning: (m) => warnings.push(m) });
    closers.push(pool);
    // Let the worker start, so the crash happens in its hands.
    expect(pool.prestart(PARALLEL_MIN, 20_000)).toBe(1);
    // Slow articles, so the worker is sure to be handed crashing ones.
    const marks: Record<number, string> = {};
    for (let i = 0; i < 30; i++) marks[i] = i >= 10 ? 'SLOW CRASH' : 'SLOW';
    const batch = articles(30, marks);
    const out = [...pool.run(batch, local)];
    expect(out.map((o) => o.article.id)).toEqual(batch.map((a) => a.id));
    expect(out.every((o) => 'prepared' in o)).toBe(true);
    const source = (o: (typeof out)[number]) => ('prepared' in o ? JSON.parse(text(o.prepared.extraction)).article.source : null);
    expect(out.slice(10).map(source)).toEqual(Array(20).fill('main'));
    expect(out.slice(0, 10).map(source)).toContain('worker');
    expect(warnings.join('\n')).toMatch(/extraction worker silent for \d+ s/);
    expect(pool.running).toBe(0);
  });

  it('extracts everything in-thread when the worker cannot load the extractor', () => {
    const warnings: string[] = [];
    const pool = new ExtractPool({ module: FIXTURE, export: 'notAFunction', threads: 1 }, { onWarning: (m) => warnings.push(m) });
    closers.push(pool);
    expect(pool.prestart(PARALLEL_MIN, 20_000)).toBe(0);
    expect(warnings.join('\n')).toMatch(/cannot load the extractor: .*has no function export "notAFunction"/);
    const batch = articles(PARALLEL_MIN + 20);
    const out = [...pool.run(batch, local)];
    expect(out).toHaveLength(batch.length);
    expect(out.every((o) => 'prepared' in o && JSON.parse(text(o.prepared.extraction)).article.source === 'main')).toBe(true);
  });

  it('syncs a big content folder through the workers, started while the files are read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pool-sync-'));
    try {
      for (let i = 0; i < PARALLEL_MIN + 10; i++) writeFileSync(join(dir, `a${String(i).padStart(4, '0')}.md`), `${launchText}\n\nSLOW`);
      writeFileSync(join(dir, 'zz-broken.md'), `${launchText}\n\nEXPLODE`);
      const load: ArticleLoader = (paths) => ({
        articles: paths.map((p) => ({ ...launchArticle(p, readFileSync(p, 'utf8')), id: p.split('/').pop()!.replace(/\.md$/, '') })),
        errors: [],
      });
      const s = KnowledgeStore.open({ path: ':memory:', extract: extractArticle, load, extractWorker: { module: FIXTURE, threads: 1 } });
      closers.push(s);
      const r = s.syncContent(dir);
      expect(r.added).toHaveLength(PARALLEL_MIN + 10);
      expect(r.errors).toEqual([{ path: join(dir, 'zz-broken.md'), line: null, message: 'extraction failed: no sentences to extract', severity: 'error' }]);
      expect(s.listArticles().map((a) => a.source)).toContain('worker');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('starts no worker for a few articles, and stops its workers when the store closes or after idling', async () => {
    const pool = new ExtractPool({ module: FIXTURE, threads: 1 }, { idleMs: 50 });
    closers.push(pool);
    expect([...pool.run(articles(3), local)]).toHaveLength(3);
    expect(pool.running).toBe(0);
    expect(pool.prestart(PARALLEL_MIN, 20_000)).toBe(1);
    [...pool.run(articles(PARALLEL_MIN), local)];
    expect(pool.running).toBe(1);
    await new Promise((r) => setTimeout(r, 150));
    expect(pool.running).toBe(0);

    const s = store(true);
    s.ingestArticles(articles(PARALLEL_MIN));
    s.close();
    expect((s as unknown as { pool: unknown }).pool).toBeNull();
  });
});

describe('bulk ingest and the WAL', () => {
  it('checkpoints once at the end of a bulk ingest and restores the routine checkpoint size, even when it fails', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bulk-wal-'));
    const s = KnowledgeStore.open({ path: join(dir, 'k.db'), extract: extractArticle });
    closers.push({ close: () => (s.close(), rmSync(dir, { recursive: true, force: true })) });
    const db = (s as unknown as { db: import('better-sqlite3').Database }).db;
    const autocheckpoint = () => db.pragma('wal_autocheckpoint', { simple: true });
    const seen: unknown[] = [];
    const original = db.pragma.bind(db);
    db.pragma = ((source: string, opts?: object) => (seen.push(source), original(source, opts as never))) as typeof db.pragma;
    expect(autocheckpoint()).toBe(1000);
    expect(s.ingestArticles(articles(PARALLEL_MIN)).ingested).toBe(PARALLEL_MIN);
    expect(seen).toContain('wal_autocheckpoint = 16384');
    expect(seen.at(-1)).toBe('wal_checkpoint(PASSIVE)');
    expect(autocheckpoint()).toBe(1000);
    // Small ingests keep the routine checkpoints.
    seen.length = 0;
    s.ingestArticles(articles(3, { 0: 'small' }));
    expect(seen.filter((x) => String(x).startsWith('wal_'))).toEqual([]);
    // A failing write still restores the setting.
    const broken = articles(PARALLEL_MIN, { 1: 'boom' }).map((a, i) => (i === 5 ? { ...a, id: null as unknown as string } : a));
    expect(() => s.ingestArticles(broken)).toThrow();
    expect(autocheckpoint()).toBe(1000);
  });
});
