// One-line command tests, in the style of errbot's exec_command: `await brief('quotes <name>')`
// answers the text as a user typing after /brief would be answered, over a small real briefing
// (fixture articles, extracted and stored in a real SQLite database, asked through the app's
// AskEngine), and returns the reply as the console shows it.
import { renderText } from '../../src/adapters/console/render.ts';
import { loadArticles } from '../../src/core/articles/load.ts';
import { createBriefing, type BriefingOptions } from '../../src/core/commands/briefing.ts';
import type { Briefing, ChannelContext } from '../../src/core/commands/types.ts';
import { extractArticle } from '../../src/core/extract/index.ts';
import { KnowledgeStore } from '../../src/store/sqlite/knowledge/store.ts';
import { knowledgeOver } from '../../src/app/asking.ts';

const FIXTURES = 'test/fixtures/briefing/content/';

/** A few fixture articles: enough speakers, quotes and facts to answer every command. */
export const BRIEF_ARTICLES = [
  '2025-02-17-starmer-ukraine-security.md',
  'huff-post_2015-11-11_a-meaningful-exchange-actually-h.md',
  'breitbart_2016-05-12_trump-ryan-pledge-to-work-togeth.md',
].map((f) => FIXTURES + f);

export const CONSOLE: ChannelContext = { platform: 'console', workspace: 'local', channel: 'console', user: 'tester', canManage: true };

let briefing: Briefing | null = null;

/** A briefing over the fixture articles, with any other options (visibility, digests, web). */
export function openBriefing(opts: Omit<BriefingOptions, 'knowledge'> = {}): Briefing {
  const { articles, errors } = loadArticles(BRIEF_ARTICLES);
  if (errors.length) throw new Error(`fixture articles failed to load: ${errors.map((e) => e.message).join('; ')}`);
  const store = KnowledgeStore.open({ path: ':memory:', extract: extractArticle });
  store.ingestArticles(articles);
  return createBriefing({ ...opts, knowledge: knowledgeOver(store, { wordnet: false }) });
}

/** The reply to `text` (what follows /brief), as plain text. */
export async function brief(text: string, ctx: ChannelContext = CONSOLE): Promise<string> {
  briefing ??= openBriefing();
  return renderText(await briefing.run(text, ctx));
}
