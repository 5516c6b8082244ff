// Answer workers with BRIEFING_DATABASE_URL: whose articles are whose is read from PostgreSQL in
// each worker too, and a workspace's article added after the workers started is hidden from other
// workspaces by the workers as well (the snapshot follows the notification).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { createAnswerPool } from '../../../src/app/answers/pool.ts';
import { knowledgeOver } from '../../../src/app/asking.ts';
import { loadArticles } from '../../../src/core/articles/index.ts';
import { createBriefing } from '../../../src/core/commands/briefing.ts';
import type { ChannelContext } from '../../../src/core/commands/types.ts';
import { extractArticle } from '../../../src/core/extract/index.ts';
import { silentLogger } from '../../../src/log.ts';
import { openPostgres } from '../../../src/store/postgres/index.ts';
import { PgWebStore } from '../../../src/store/postgres/web.ts';
import { KnowledgeStore } from '../../../src/store/sqlite/knowledge/store.ts';
import { describePg, freshDatabase } from '../../pg/db.ts';

const CONTENT = new URL('../../../content', import.meta.url).pathname;
const cleanup: (() => unknown)[] = [];
afterAll(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});
const at = (workspace: string): ChannelContext => ({ platform: 'slack', workspace, channel: 'C1', user: 'U1', canManage: true });

describePg('answer workers on PostgreSQL visibility', () => {
  it('hide from other workspaces what one workspace added, also when added after they started', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'answer-pool-pg-'));
    const databasePath = join(dir, 'briefing.db');
    const store = KnowledgeStore.open({ path: databasePath, extract: extractArticle, load: loadArticles });
    store.syncContent(CONTENT);
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }), () => store.close());
    const url = await freshDatabase('answers');
    const pg = await openPostgres(url, { max: 2 });
    cleanup.push(() => pg.end());
    const local = createBriefing({ knowledge: knowledgeOver(store) });
    const answers = createAnswerPool({ local, databasePath, databaseUrl: url, workers: 1, logger: silentLogger });
    cleanup.push(() => answers.close());
    await answers.ready;
    expect(answers.stats()).toMatchObject({ workers: 1, ready: 1 });
    const question = 'quotes from starmer';
    const before = await answers.run(question, at('T2'));
    expect(before.sections.flatMap((s) => s.items).some((i) => i.type === 'quote')).toBe(true);
    // Every article becomes T1's (as if T1 had added each link): T2's worker answers lose them.
    const web = new PgWebStore(pg);
    for (const a of store.listArticles()) {
      await web.recordArticle({ articleId: a.id, scope: 'slack:T1', url: `https://example.test/${a.id}`, canonicalUrl: `https://example.test/${a.id}`, textHash: a.hash, title: a.title, feedId: null, addedBy: 'U1', addedAt: 1 });
    }
    const quotes = async (w: string) => (await answers.run(question, at(w))).sections.flatMap((s) => s.items).filter((i) => i.type === 'quote').length;
    await expect.poll(() => quotes('T2'), { timeout: 5000, interval: 50 }).toBe(0);
    expect(await quotes('T1')).toBeGreaterThan(0);
    expect(answers.stats().answeredHere).toBe(0);
  });
});
