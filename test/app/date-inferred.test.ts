// Issue 11 item 7: an article whose date was read from its text (no front matter) says so wherever
// the date is shown: answers in the console, Slack and Discord, and digests. Real loader, extractor
// and store; made-up article.
import { describe, expect, it } from 'vitest';
import { knowledgeOver } from '../../src/app/asking.ts';
import { renderText } from '../../src/adapters/console/render.ts';
import { renderReply as slackReply } from '../../src/adapters/slack/blocks.ts';
import { renderReply as discordReply } from '../../src/adapters/discord/embeds.ts';
import { parseArticle } from '../../src/core/articles/index.ts';
import { createBriefing } from '../../src/core/commands/briefing.ts';
import { composeDigest } from '../../src/core/digest/compose.ts';
import { digestToReply } from '../../src/core/digest/reply.ts';
import { extractArticle } from '../../src/core/extract/index.ts';
import { KnowledgeStore } from '../../src/store/sqlite/knowledge/store.ts';

function article(path: string, text: string) {
  const r = parseArticle(path, new TextEncoder().encode(text), path.replace(/\.\w+$/, ''));
  if (!('article' in r)) throw new Error(r.error.message);
  return r.article;
}

const undated = article('undated.txt', 'Harbour plan approved\n\nPORTVILLE, March 3, 2015 — The council approved the harbour plan on Tuesday.\n\n"The harbour will be rebuilt by spring," said Mayor Odile Varga.\n');
const dated = article('dated.md', '---\ntitle: "Ferry fares"\npublished: 2015-03-04\n---\n"Ferry fares will not rise this year," said Councillor Piet Lund.\n');
const ctx = { platform: 'console' as const, workspace: 'local', channel: 'terminal', user: 'me', canManage: true };

describe('an inferred date is marked as inferred', () => {
  it('in answers, on every platform, and only for the article whose date was inferred', async () => {
    const store = KnowledgeStore.open({ path: ':memory:', extract: extractArticle });
    try {
      store.ingestArticle(undated);
      store.ingestArticle(dated);
      const briefing = createBriefing({ knowledge: knowledgeOver(store, { wordnet: false }) });
      const reply = await briefing.run('ask what did Varga say about the harbour', ctx);
      const text = renderText(reply);
      expect(text).toContain('The harbour will be rebuilt by spring');
      expect(text).toMatch(/2015-03-03 \(date inferred\)/);
      expect(JSON.stringify(slackReply(reply))).toContain('3 Mar 2015 (date inferred)');
      expect(JSON.stringify(discordReply(reply))).toContain('3 Mar 2015 (date inferred)');
      const other = renderText(await briefing.run('ask what did Lund say about ferry fares', ctx));
      expect(other).toContain('2015-03-04');
      expect(other).not.toContain('inferred');
    } finally {
      store.close();
    }
  });

  it('in digests', () => {
    const entries = [undated, dated].map((a, i) => ({ extraction: extractArticle(a), body: a.text.slice(a.bodyStart), addedAt: 100 + i }));
    const reply = digestToReply(composeDigest(entries, { mode: 'latest', since: null, now: Date.parse('2015-03-05T08:00:00Z'), zone: 'UTC' }), { zone: 'UTC' });
    const text = renderText(reply);
    expect(text).toMatch(/2015-03-03 \(date inferred\)/);
    expect(text).not.toMatch(/2015-03-04 \(date inferred\)/);
  });
});
