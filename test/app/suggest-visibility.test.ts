// Issue 16's leak: people suggestions (autocomplete, "did you mean") must not name people whose only
// articles another workspace added. Real store and extractor; the visibility rule is the one
// createBriefing takes (what the web store says per article), written out here.
import { describe, expect, it } from 'vitest';
import { knowledgeOver } from '../../src/app/asking.ts';
import { parseArticle } from '../../src/core/articles/index.ts';
import { createBriefing } from '../../src/core/commands/briefing.ts';
import type { VisibilityFor } from '../../src/core/commands/visibility.ts';
import { extractArticle } from '../../src/core/extract/index.ts';
import { KnowledgeStore } from '../../src/store/sqlite/knowledge/store.ts';

function article(id: string, body: string) {
  const r = parseArticle(`${id}.md`, new TextEncoder().encode(`---\ntitle: "${id}"\npublished: 2016-05-01\n---\n${body}\n`), id);
  if (!('article' in r)) throw new Error(r.error.message);
  return r.article;
}

function setUp() {
  const store = KnowledgeStore.open({ path: ':memory:', extract: extractArticle });
  store.ingestArticle(article('public', '"We will build the bridge," said Mayor Alma Quist of Springfield. Quist spoke on Monday.'));
  store.ingestArticle(article('private', '"The plan is secret," said Sen. Bruno Quill, a senator from Ohio. Quill spoke on Tuesday.'));
  // The private article is the Slack workspace T-own's; every other workspace must not see it.
  const visibility: VisibilityFor = ({ platform, workspace }) => (id) => id !== 'private' || (platform === 'slack' && workspace === 'T-own');
  const briefing = createBriefing({ knowledge: knowledgeOver(store, { wordnet: false }), visibility });
  return { store, briefing };
}

describe('people suggestions follow what the workspace may see', () => {
  it('autocomplete lists a person from a hidden article only to the workspace that added it', async () => {
    const { store, briefing } = setUp();
    try {
      const own = (await briefing.suggestPeople('', 10, { platform: 'slack', workspace: 'T-own' })).map((p) => p.name);
      expect(own).toEqual(expect.arrayContaining(['Alma Quist', 'Bruno Quill']));
      const other = (await briefing.suggestPeople('', 10, { platform: 'discord', workspace: 'G-other' })).map((p) => p.name);
      expect(other).toContain('Alma Quist');
      expect(other).not.toContain('Bruno Quill');
      expect((await briefing.suggestPeople('Quill', 10, { platform: 'discord', workspace: 'G-other' })).map((p) => p.name)).not.toContain('Bruno Quill');
      expect((await briefing.suggestPeople('Quill', 10, { platform: 'slack', workspace: 'T-own' })).map((p) => p.name)).toContain('Bruno Quill');
      // No workspace given: only what everybody sees.
      expect((await briefing.suggestPeople('Qu', 10)).map((p) => p.name)).not.toContain('Bruno Quill');
    } finally {
      store.close();
    }
  });

  it('"did you mean" after a who that found nobody names nobody hidden', async () => {
    const { store, briefing } = setUp();
    try {
      const ctx = { platform: 'discord' as const, workspace: 'G-other', channel: 'C1', user: 'U1', canManage: false };
      const reply = JSON.stringify(await briefing.run('who Brunoo Quil', ctx));
      expect(reply).not.toContain('Bruno Quill');
      const mine = JSON.stringify(await briefing.run('who Brunoo Quil', { ...ctx, platform: 'slack', workspace: 'T-own' }));
      expect(mine).toContain('Bruno Quill');
    } finally {
      store.close();
    }
  });
});
