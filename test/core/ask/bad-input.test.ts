import { beforeAll, describe, expect, it } from 'vitest';
import { KNOWLEDGE_BACKENDS, type TestKnowledge } from '../../store/knowledge-backends.ts';
import { launchArticle, launchExtraction } from './fixture.ts';
import { asking } from '../../helpers/asking.ts';

// On both knowledge backends (test/store/knowledge-backends.ts): the same questions, the same answers.
for (const backend of KNOWLEDGE_BACKENDS) {
  (backend.skip ? describe.skip : describe)(`on ${backend.name}${backend.skip ? ` (skipped: ${backend.skip})` : ''}`, () => {
  let store: TestKnowledge;
  beforeAll(async () => {
    store = await backend.open();
    const a = launchArticle();
    await store.ingestExtractions([{ extraction: launchExtraction(a), hash: a.hash, text: { text: a.text, bodyStart: a.bodyStart } }]);
  });

  describe('bad questions get a clear answer, never a crash', async () => {
    it('empty and whitespace', async () => {
      for (const q of ['', '   ', '\n\t']) {
        const a = await asking(store).ask(q);
        expect(a.results).toEqual([]);
        expect(a.message).toMatch(/^Ask a question/);
      }
    });

    it('10,000 characters', async () => {
      const a = await asking(store).ask('troops '.repeat(1429).slice(0, 10_000));
      expect(a.results).toEqual([]);
      expect(a.message).toBe('The question is too long (10000 characters); keep it under 500.');
      expect(a.question.length).toBeLessThan(100);
    });

    it('only punctuation', async () => {
      for (const q of ['?!?', '...', '"()*', '—–…']) expect((await asking(store).ask(q)).message).toBe('The question has no words to search for.');
    });

    it('SQL and FTS syntax is searched as words, never run', async () => {
      const or = await asking(store).ask('"troops" OR 1=1');
      expect(or.results.slice(0, 3).some((r) => r.text.includes('troops'))).toBe(true);
      expect(or.results.every((r) => /troop|forces|servicemen|force/i.test(r.text + r.context))).toBe(true);
      for (const q of ['NEAR(', '*', 'troops*', 'text:troops', '"unbalanced', "'; DROP TABLE quotes; --", 'troops AND NOT', '{who}: x', '^troops', 'NEAR(troops forces, 2)', 'troops:* & !forces', "'troops' <-> 'forces'", 'troops | (forces', 'x:A,B']) {
        const a = await asking(store).ask(q);
        expect(a.intent, q).toBeDefined();
        expect(Array.isArray(a.results), q).toBe(true);
      }
      expect((await asking(store).ask("'; DROP TABLE quotes; --")).message).toMatch(/Nothing in the briefing about drop table/);
      expect((await store.stats()).quotes).toBe(9);
    });

    it('questions missing their name, repeating words, or one giant word', async () => {
      expect((await asking(store).ask('who is')).message).toMatch(/^Whose profile\?/);
      expect((await asking(store).ask('quotes from')).message).toMatch(/^Name a person or a topic/);
      const rep = await asking(store).ask('what did Starmer say about ' + 'troops '.repeat(60));
      expect(rep.topic).toBe('troops');
      expect(rep.results.length).toBeGreaterThan(0);
      const giant = await asking(store).ask('x'.repeat(400));
      expect(giant.message!.length).toBeLessThan(100);
      expect(giant.results).toEqual([]);
    });

    it('structured queries tolerate odd input too', async () => {
      expect((await asking(store).quotes({ speaker: 'NEAR(', topic: '*' })).message).toBe('NEAR( does not appear in the briefing.');
      expect((await asking(store).quotes({ speaker: '', topic: '' })).message).toMatch(/Name a person or a topic/);
      expect((await asking(store).facts({ topic: '"' })).results.length).toBeGreaterThan(0);
      expect((await asking(store).who('')).message).toMatch(/Whose profile/);
      expect((await asking(store).who('Nobody Atall')).message).toBe('Nobody Atall does not appear in the briefing.');
      expect((await asking(store).ask('troops', { limit: Number.NaN })).results.length).toBeGreaterThan(0);
    });
  });
  });
}
