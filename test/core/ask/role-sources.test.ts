// A role with a place, as a question asks it and as an article words an unnamed source or only its
// headline states it (issue 11, class 3). Real extractor and store.
import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../../src/core/articles/index.ts';
import { extractArticle } from '../../../src/core/extract/index.ts';
import { KnowledgeStore } from '../../../src/store/sqlite/knowledge/store.ts';
import { asking } from '../../helpers/asking.ts';

function article(id: string, title: string, body: string) {
  const r = parseArticle(`${id}.md`, new TextEncoder().encode(`---\ntitle: "${title}"\npublished: 2016-04-30\n---\n${body}\n`), id);
  if (!('article' in r)) throw new Error(r.error.message);
  return r.article;
}

function briefing() {
  const store = KnowledgeStore.open({ path: ':memory:', extract: extractArticle });
  store.ingestArticle(
    article('a', 'Primary race tightens', 'Vermont Sen. Hal Brody spoke in Iowa on Monday. "We are running a very radical campaign," the Vermont senator said. Brody later left for Ohio.'),
  );
  store.ingestArticle(
    article('b', 'Indiana governor endorses Brody', 'Brody received the endorsement of Gov. Ada Lind (R) on Friday. "I will be voting for Hal Brody in the primary," Lind said in an interview.'),
  );
  return store;
}

describe('a role with a place', () => {
  it('a source worded as a role ("the Vermont senator said") is the person holding that role', async () => {
    const store = briefing();
    try {
      const a = await asking(store, { wordnet: false }).ask('what did the Vermont senator say about the campaign');
      expect(a.results[0]?.speaker?.name).toBe('Hal Brody');
      expect(a.results[0]?.text).toContain('very radical campaign');
    } finally {
      store.close();
    }
  });

  it('a role only the headline states with its place is the role of the one body person holding it', async () => {
    const store = briefing();
    try {
      const a = await asking(store, { wordnet: false }).ask('what did the Indiana governor say about the primary');
      expect(a.results[0]?.speaker?.name).toBe('Ada Lind');
      const none = await asking(store, { wordnet: false }).ask('what did the Ohio governor say about the primary');
      expect(none.results).toEqual([]);
      expect(none.message).toMatch(/Nobody in the briefing is the Ohio governor/);
    } finally {
      store.close();
    }
  });
});
