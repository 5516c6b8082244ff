// Two connections to one knowledge file (the bot and an answer worker, or the bot and a CLI run):
// a reader's cached people and vocabulary follow what the other connection commits.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { KnowledgeStore } from '../../src/store/sqlite/knowledge/store.ts';
import { fixtureExtract, launchArticle } from '../core/ask/fixture.ts';
import { asking } from '../helpers/asking.ts';

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const f of cleanup.splice(0).reverse()) f();
});

it("a read-only connection's answers follow what another connection commits", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'knowledge-shared-'));
  const path = join(dir, 'briefing.db');
  const writer = KnowledgeStore.open({ path, extract: fixtureExtract });
  const reader = KnowledgeStore.open({ path, readonly: true });
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }), () => writer.close(), () => reader.close());

  expect(await asking(reader).people()).toEqual([]);
  expect((await asking(reader).who('Keir Starmer')).profile).toBeNull();
  writer.ingestArticle(launchArticle());
  expect((await asking(reader).people()).map((p) => p.name)).toContain('Keir Starmer');
  expect((await asking(reader).who('starmr')).profile?.name).toBe('Keir Starmer');
  expect((await asking(reader).ask('what did Starmer say about troops')).results.length).toBeGreaterThan(0);
});

it("a profile counts all of a person's articles, listing the latest 50", async () => {
  const store = KnowledgeStore.open({ path: ':memory:', extract: fixtureExtract });
  cleanup.push(() => store.close());
  const base = launchArticle();
  store.ingestArticles(Array.from({ length: 60 }, (_, i) => ({ ...base, id: `copy-${i}`, hash: `h${i}`, title: `${base.title} ${i}` })));
  const { profile } = await asking(store).who('Keir Starmer');
  expect(profile?.articles).toHaveLength(50);
  expect(profile?.articleCount).toBe(60);
});
