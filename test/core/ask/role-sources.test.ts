// A role with a place, as a question asks it and as an article words an unnamed source or only its
// headline states it (issue 11, class 3). Real extractor and store.
import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../../src/core/articles/index.ts';
import { extractArticle } from '../../../src/core/extract/index.ts';
import { KNOWLEDGE_BACKENDS, type KnowledgeBackend } from '../../store/knowledge-backends.ts';
import { asking } from '../../helpers/asking.ts';

function article(id: string, title: string, body: string) {
  const r = parseArticle(`${id}.md`, new TextEncoder().encode(`---\ntitle: "${title}"\npublished: 2016-04-30\n---\n${body}\n`), id);
  if (!('article' in r)) throw new Error(r.error.message);
  return r.article;
}

async function briefing(backend: KnowledgeBackend) {
  const store = await backend.open({ extract: extractArticle });
  await store.ingestArticles([
    article('a', 'Primary race tightens', 'Vermont Sen. Hal Brody spoke in Iowa on Monday. "We are running a very radical campaign," the Vermont senator said. Brody later left for Ohio.'),
  ]);
  await store.ingestArticles([
    article('b', 'Indiana governor endorses Brody', 'Brody received the endorsement of Gov. Ada Lind (R) on Friday. "I will be voting for Hal Brody in the primary," Lind said in an interview.'),
  ]);
  return store;
}

// On both knowledge backends (test/store/knowledge-backends.ts).
for (const backend of KNOWLEDGE_BACKENDS) {
  (backend.skip ? describe.skip : describe)(`on ${backend.name}${backend.skip ? ` (skipped: ${backend.skip})` : ''}`, () => {
  describe('a role with a place', () => {
    it('a source worded as a role ("the Vermont senator said") is the person holding that role', async () => {
      const store = await briefing(backend);
      try {
        const a = await asking(store, { wordnet: false }).ask('what did the Vermont senator say about the campaign');
        expect(a.results[0]?.speaker?.name).toBe('Hal Brody');
        expect(a.results[0]?.text).toContain('very radical campaign');
      } finally {
        await store.close();
      }
    });

    it('a role only the headline states with its place is the role of the one body person holding it', async () => {
      const store = await briefing(backend);
      try {
        const a = await asking(store, { wordnet: false }).ask('what did the Indiana governor say about the primary');
        expect(a.results[0]?.speaker?.name).toBe('Ada Lind');
        const none = await asking(store, { wordnet: false }).ask('what did the Ohio governor say about the primary');
        expect(none.results).toEqual([]);
        expect(none.message).toMatch(/Nobody in the briefing is the Ohio governor/);
      } finally {
        await store.close();
      }
    });
  });

  describe('a short answer on a topic, filled with what the speaker said next to it', () => {
    it('adds the same speaker’s quotes from neighbouring paragraphs, after the topical one, and nobody else’s', async () => {
      const store = await backend.open({ extract: extractArticle });
      try {
        await store.ingestArticles([
          article(
            'c',
            'Debate night',
            [
              '"This is the lie that his whole campaign is built on," Sen. Hal Brody said on Thursday.',
              '',
              '"Throughout this race you have been willing to say or do anything to get votes," Brody added.',
              '',
              '"We will fix the roads," said Gov. Ada Lind, who spoke after him.',
              '',
              'Much later in the evening the talk turned to farming and the weather in Iowa, at length.',
              '',
              'The moderators moved on to trade, and nobody spoke about it for long.',
              '',
              'Then taxes came up, and the crowd grew restless for the rest of the night.',
              '',
              '"I like corn," Brody said of Iowa.',
            ].join('\n'),
          ),
        ]);
        const a = await asking(store, { wordnet: false }).ask('what did Hal Brody say about lies');
        expect(a.results.map((r) => r.text)).toEqual([
          expect.stringContaining('the lie that'),
          expect.stringContaining('say or do anything'),
        ]);
        expect(a.results.every((r) => r.speaker?.name === 'Hal Brody')).toBe(true);
      } finally {
        await store.close();
      }
    });
  });

  describe('no quote has the topic’s words, but a headline does', () => {
    it('answers with the speaker’s quotes from the article whose headline is on the topic, not a denial', async () => {
      const store = await backend.open({ extract: extractArticle });
      try {
        await store.ingestArticles([article('d', 'Springfield struggles to return to normal', '"It is heartbreaking," said Sen. Hal Brody on Sunday.')]);
        await store.ingestArticles([article('e', 'Budget talks resume', '"We need a deal on roads," Brody said. Sen. Hal Brody spoke in the morning.')]);
        const a = await asking(store, { wordnet: false }).ask('what did Hal Brody say about Springfield');
        expect(a.results[0]?.text).toContain('heartbreaking');
        expect(a.results.map((r) => r.text).join(' ')).not.toContain('roads');
        expect(a.message ?? '').not.toMatch(/None of|No quotes/);
      } finally {
        await store.close();
      }
    });
  });
  });
}
