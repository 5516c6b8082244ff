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

  describe('ask over the launch article fixture', async () => {
    it('finds the troops quotes by meaning, speaker by name', async () => {
      const a = await asking(store).ask('what did Starmer say about troops');
      expect(a.intent).toBe('said');
      expect(a.speaker).toBe('Keir Starmer');
      expect(a.topic).toBe('troops');
      const texts = a.results.map((r) => r.text);
      expect(texts.slice(0, 3).some((t) => t.includes('British forces on the ground'))).toBe(true);
      expect(texts.some((t) => t.includes('servicemen and women'))).toBe(true);
      expect(a.results.every((r) => r.speaker?.name === 'Keir Starmer')).toBe(true);
    });

    it('resolves typos, first names, aliases and roles', async () => {
      for (const q of ['what did starmr say about troops', 'what did Keir say about troops', 'what did the PM say about troops', 'quotes from Mr Starmer on troops']) {
        const a = await asking(store).ask(q);
        expect(a.speaker, q).toBe('Keir Starmer');
        expect(a.results.length, q).toBeGreaterThan(0);
      }
    });

    it('says when a person is not in the briefing, with no results', async () => {
      const a = await asking(store).ask('what did Boris Johnson say about troops');
      expect(a.message).toBe('Boris Johnson does not appear in the briefing.');
      expect(a.results).toEqual([]);
    });

    it('says when a person is present but never quoted, with facts about them, not quotes', async () => {
      const a = await asking(store).ask('what did Mark Rutte say about spending');
      expect(a.speaker).toBe('Mark Rutte');
      expect(a.message).toMatch(/^No quotes from Mark Rutte/);
      expect(a.results.length).toBeGreaterThan(0);
      expect(a.results.every((r) => !['direct', 'partial', 'indirect'].includes(r.kind))).toBe(true);
      expect(a.results.some((r) => r.text.includes('NATO chief Mark Rutte'))).toBe(true);
    });

    it('does not pad an empty answer with somebody else: says nothing is on the topic and shows what they did say', async () => {
      const a = await asking(store).ask('what did Lavrov say about spending');
      expect(a.message).toMatch(/^None of Sergei Lavrov’s (?:one quote|\d+ quotes) in the briefing mentions? spending\. Sergei Lavrov’s quotes? in the briefing:$/);
      expect(a.results.length).toBeGreaterThan(0);
      expect(a.results.every((r) => r.speaker?.name === 'Sergei Lavrov')).toBe(true);
    });

    it('answers who, facts and when', async () => {
      const w = await asking(store).ask('who is the PM');
      expect(w.intent).toBe('who');
      expect(w.speaker).toBe('Keir Starmer');
      expect(w.message).toBe('Keir Starmer (Prime Minister, PM): 5 quotes in 1 article.');
      const f = await asking(store).ask('how much defence spending');
      expect(f.intent).toBe('facts');
      expect(f.results[0]?.text).toContain('2.5% of GDP');
      const t = await asking(store).ask('when are the talks?');
      expect(t.intent).toBe('when');
      expect(t.results[0]?.text).toContain('set to start on Tuesday');
    });

    it('merges near-duplicates and fills every result field', async () => {
      const a = await asking(store).ask('quotes about generational challenge');
      const r = a.results[0]!;
      expect(r.article).toMatchObject({ id: '2025-02-17-starmer-ukraine-security', published: '2025-02-17' });
      expect(r.context.length).toBeGreaterThanOrEqual(r.text.length);
      expect(typeof r.score).toBe('number');
      const keys = a.results.map((x) => x.text.toLowerCase());
      expect(new Set(keys).size).toBe(keys.length);
    });
  });

  describe('structured queries', async () => {
    it('quotes({speaker, topic}) matches ask', async () => {
      const a = await asking(store).quotes({ speaker: 'starmer', topic: 'troops', limit: 2 });
      expect(a.speaker).toBe('Keir Starmer');
      expect(a.results).toHaveLength(2);
      expect(a.more).toBeGreaterThan(0);
      expect(a.results.every((r) => r.speaker?.name === 'Keir Starmer')).toBe(true);
    });

    it('facts({topic}) returns facts with values, not quotes', async () => {
      const f = await asking(store).facts({ topic: 'defence spending' });
      expect(f.intent).toBe('facts');
      expect(f.results[0]?.values?.[0]).toMatchObject({ type: 'percent' });
      expect(f.results.every((r) => r.speaker === null)).toBe(true);
    });

    it('who(name) builds a profile: roles, aliases, articles, top quotes', async () => {
      const { profile, message } = await asking(store).who('Keir Starmer');
      expect(message).toBeNull();
      expect(profile).toMatchObject({ id: 'keir-starmer', name: 'Keir Starmer', roles: ['Prime Minister', 'PM'] });
      expect(profile!.aliases).toContain('the PM');
      expect(profile!.articles).toEqual([{ id: '2025-02-17-starmer-ukraine-security', title: expect.stringContaining('Keir Starmer'), published: '2025-02-17' }]);
      expect(profile!.topQuotes.length).toBeGreaterThan(2);
      expect(profile!.topQuotes[0]!.kind).toBe('direct');
      const rutte = await asking(store).who('Rutte');
      expect(rutte.message).toBe('No quotes from Mark Rutte in the briefing.');
      expect(rutte.profile!.about.some((r) => r.text.includes('NATO chief Mark Rutte'))).toBe(true);
    });

    it('people() lists everybody for autocomplete', async () => {
      expect((await asking(store).people()).map((p) => p.name)).toContain('Marco Rubio');
    });
  });
  });
}
