// The store a one-shot `briefing ask` opens: the extractor is imported only when the content
// folder has a new or changed file, and the sync is the store's usual one either way. (Which
// modules the built app imports is checked in test/build/dist.test.ts.)
import { cpSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { contentIsStored, openOneShotStore } from '../../src/app/one-shot-store.ts';
import { LAUNCH_PATH } from '../core/ask/fixture.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function setup(): { content: string; db: string } {
  const dir = mkdtempSync(join(tmpdir(), 'one-shot-'));
  dirs.push(dir);
  const content = join(dir, 'content');
  cpSync(LAUNCH_PATH, join(content, 'launch.md'));
  writeFileSync(join(content, 'harbour.md'), '---\ntitle: Harbour\n---\nThe harbour reopened. "The cranes are back," said Jane Roe, the harbour master.\n');
  return { content, db: join(dir, 'k.db') };
}

const HARBOUR_V2 = '---\ntitle: Harbour\n---\nThe harbour reopened. "The ferries run again," said Jane Roe, the harbour master.\n';

describe('openOneShotStore', () => {
  it('syncs a new folder (importing the extractor), then finds it stored and syncs it without', async () => {
    const { content, db } = setup();
    const first = await openOneShotStore({ databasePath: db, contentDir: content });
    expect(contentIsStored(first, content)).toBe(false);
    const r1 = first.syncContent(content);
    expect(r1.errors).toEqual([]);
    expect(r1.added).toHaveLength(2);
    expect(contentIsStored(first, content)).toBe(true);
    first.close();

    const again = await openOneShotStore({ databasePath: db, contentDir: content });
    const r2 = again.syncContent(content);
    expect(r2).toMatchObject({ errors: [], added: [], updated: [], unchanged: 2 });
    again.close();
  });

  it('counts a changed or new file as a change, and a removed one as none (the sync removes it)', async () => {
    const { content, db } = setup();
    const store = await openOneShotStore({ databasePath: db, contentDir: content });
    store.syncContent(content);
    writeFileSync(join(content, 'harbour.md'), HARBOUR_V2);
    expect(contentIsStored(store, content)).toBe(false);
    store.syncContent(content);
    writeFileSync(join(content, 'new.md'), '---\ntitle: New\n---\nNothing happened.\n');
    expect(contentIsStored(store, content)).toBe(false);
    store.syncContent(content);
    expect(contentIsStored(store, content)).toBe(true);
    unlinkSync(join(content, 'new.md'));
    expect(contentIsStored(store, content)).toBe(true);
    store.close();

    const after = await openOneShotStore({ databasePath: db, contentDir: content });
    expect(after.syncContent(content)).toMatchObject({ errors: [], removed: [join(content, 'new.md')] });
    expect(after.listArticles().map((a) => a.id).sort()).toEqual(['harbour.md', 'launch.md']);
    after.close();
  });

  it('extracts a changed file with the real extractor', async () => {
    const { content, db } = setup();
    const seed = await openOneShotStore({ databasePath: db, contentDir: content });
    seed.syncContent(content);
    seed.close();
    writeFileSync(join(content, 'harbour.md'), HARBOUR_V2);
    const store = await openOneShotStore({ databasePath: db, contentDir: content });
    const r = store.syncContent(content);
    expect(r).toMatchObject({ errors: [], updated: [join(content, 'harbour.md')] });
    expect(store.getExtraction('harbour.md')?.quotes.map((q) => q.text)).toEqual([expect.stringContaining('The ferries run again')]);
    store.close();
  });

  it('a file that changes after the check waits for the next sync, with an error naming it; the others are synced', async () => {
    const { content, db } = setup();
    const seed = await openOneShotStore({ databasePath: db, contentDir: content });
    seed.syncContent(content);
    seed.close();
    const store = await openOneShotStore({ databasePath: db, contentDir: content });
    writeFileSync(join(content, 'harbour.md'), HARBOUR_V2);
    unlinkSync(join(content, 'launch.md'));
    const r = store.syncContent(content);
    expect(r.errors).toEqual([{ path: join(content, 'harbour.md'), line: null, message: expect.stringContaining('stored at the next sync'), severity: 'error' }]);
    expect(r.removed).toEqual([join(content, 'launch.md')]);
    store.close();
    const next = await openOneShotStore({ databasePath: db, contentDir: content });
    expect(next.syncContent(content)).toMatchObject({ errors: [], updated: [join(content, 'harbour.md')] });
    next.close();
  });
});
