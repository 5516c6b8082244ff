// An ambiguity note ("Taking Quist as …; … is also in the briefing") names people, so it follows the
// visibility rule too: a workspace is never told about somebody whose only articles another
// workspace added. Real store and extractor; the rule is the one createBriefing takes.
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
  store.ingestArticle(article('public', '"We will build the bridge this year," said Mayor Alma Quist of Springfield.\n\nQuist spoke on Monday.'));
  store.ingestArticle(article('private', '"The bridge plan is a waste of money," said Sen. Bruno Quist, a senator from Ohio.\n\n"Nobody asked for a bridge," Bruno Quist said.'));
  // The private article is the Slack workspace T-own's; every other workspace must not see it.
  const visibility: VisibilityFor = ({ platform, workspace }) => (id) => id !== 'private' || (platform === 'slack' && workspace === 'T-own');
  const briefing = createBriefing({ knowledge: knowledgeOver(store, { wordnet: false }), visibility });
  return { store, briefing };
}

const other = { platform: 'discord' as const, workspace: 'G-other', channel: 'C1', user: 'U1', canManage: false };
const own = { ...other, platform: 'slack' as const, workspace: 'T-own' };

describe('ambiguity notes follow what the workspace may see', () => {
  it('a surname two people share names the hidden one only to the workspace that added them', async () => {
    const { store, briefing } = setUp();
    try {
      const mine = JSON.stringify(await briefing.run('ask what did Quist say about the bridge', own));
      expect(mine).toMatch(/Taking Quist as (Alma|Bruno) Quist; (Alma|Bruno) Quist is also in the briefing/);
      const theirs = JSON.stringify(await briefing.run('ask what did Quist say about the bridge', other));
      expect(theirs).not.toContain('Bruno');
      expect(theirs).toContain('Alma Quist');
      expect(theirs).not.toContain('also in the briefing');
    } finally {
      store.close();
    }
  });

  it('a who answer on the shared surname does not name the hidden person either', async () => {
    const { store, briefing } = setUp();
    try {
      expect(JSON.stringify(await briefing.run('who Quist', own))).toContain('also in the briefing');
      const theirs = JSON.stringify(await briefing.run('who Quist', other));
      expect(theirs).not.toContain('Bruno');
    } finally {
      store.close();
    }
  });
});
