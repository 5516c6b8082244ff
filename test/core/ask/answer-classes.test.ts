// Answer classes from the briefing question set (issue 11), on made-up names: a slogan named after
// a first name is not a person, a person the extraction kept as a source ("Amos Law", "Law said")
// is one, a bare surname goes to whom its role says most about, a full name asked never takes a
// namesake's quotes, and "who is" a name only the text has says it is mentioned.
import { describe, expect, it } from 'vitest';
import { knowledgeOver } from '../../../src/app/asking.ts';
import { Identities, Nicknames } from '../../../src/core/ask/identity.ts';
import { Thesaurus } from '../../../src/core/ask/thesaurus.ts';
import { parseArticle } from '../../../src/core/articles/index.ts';
import { extractArticle } from '../../../src/core/extract/index.ts';
import type { Person } from '../../../src/core/model.ts';
import { KnowledgeStore } from '../../../src/store/sqlite/knowledge/store.ts';

const nick = new Nicknames([['amos', 'amy'], ['william', 'bill']]);
const common = new Set(['stop', 'ready', 'law', 'harvard']);
function person(name: string, quotes = 1, mentions = 1, roles: string[] = []): Person {
  return { id: name.toLowerCase().replace(/[^a-z0-9]+/g, '-'), name, roles, aliases: [], mentions, quotes };
}
const ids = (people: Person[], sources: string[] = []) => new Identities(people, { nicknames: nick, isDictionaryWord: (w) => common.has(w) }, sources);

describe('who is a person', () => {
  it('a slogan or group named after somebody\'s first name is not a person', () => {
    const x = ids([person('Velma Quarry', 20, 30), person('Stop Velma', 0, 1), person('Ready Velma', 0, 2)]);
    expect(x.list.map((i) => i.name)).toEqual(['Velma Quarry']);
    expect(x.notPeople.map((p) => p.name).sort()).toEqual(['Ready Velma', 'Stop Velma']);
    // A quoted one, or one whose first word is a first name, is somebody.
    expect(ids([person('Velma Quarry', 20), person('Stop Velma', 2)]).list.map((i) => i.name)).toContain('Stop Velma');
  });

  it('a full name the extraction kept as a source, also called by the surname alone, is a person', () => {
    const x = ids([person('Velma Quarry', 3)], ['Amos Law', 'Law', 'officials', 'Harvard Law']);
    const law = x.list.find((i) => i.name === 'Amos Law');
    expect(law?.sources.sort()).toEqual(['Amos Law', 'Law']);
    expect(x.list.map((i) => i.name)).not.toContain('Harvard Law');
    expect(x.of(law!.id)).toBe(law);
  });

  it('a bare surname goes to the one its role says most about', () => {
    const x = ids([person('Jane Quarry', 40, 50, ['Senator', 'nominee', 'President', 'Secretary of State']), person('Bill Quarry', 1, 4, ['President']), person('Quarry', 1, 9, ['President'])]);
    expect(x.list.find((i) => i.name === 'Bill Quarry')!.members.map((m) => m.name)).toContain('Quarry');
    expect(x.list.find((i) => i.name === 'Jane Quarry')!.weak.map((m) => m.name)).toEqual(['Quarry']);
  });
});

function article(id: string, body: string) {
  const r = parseArticle(`${id}.md`, new TextEncoder().encode(`---\ntitle: "${id}"\npublished: 2016-05-01\n---\n${body}\n`), id);
  if (!('article' in r)) throw new Error(r.error.message);
  return r.article;
}

describe('answers over a made-up briefing', () => {
  it('keeps full names apart from namesakes and finds a person kept as a source', async () => {
    const store = KnowledgeStore.open({ path: ':memory:', extract: extractArticle });
    try {
      store.ingestArticle(article('a', '“Ferris W. Poole ruined the harbour for everyone,” said Sen. Jane Quarry, a Democrat from Ohio.\n\n“The harbour needs money,” Quarry said.'));
      store.ingestArticle(article('b', '“We have a sense of urgency about the harbour,” said Amos Law, who leads the harbour trust.\n\n“Donors are coming,” Law said.'));
      store.ingestArticle(article('c', 'The harbour trust paid Quillon Analytics $50,000 for research. Quillon Analytics did not reply.'));
      const k = knowledgeOver(store, { wordnet: false });
      // Her quote on Ferris W. Poole is not on Ferris Hale: an honest "none", with what she did say.
      const a = await k.ask('what did Jane Quarry say about Ferris Hale');
      expect(a.message).toMatch(/^None of Jane Quarry’s 2 quotes in the briefing mention ferris hale\. Jane Quarry’s quotes in the briefing:/);
      const b = await k.ask('what did Jane Quarry say about Ferris W. Poole');
      expect(b.results[0]?.text).toContain('ruined the harbour');
      const law = await k.ask('what did Amos Law say about donors');
      expect(law.results[0]?.text).toContain('Donors are coming');
      const who = await k.ask('who is Quillon Analytics');
      expect(who.message).toMatch(/^Quillon Analytics is mentioned in the briefing but not quoted/);
    } finally {
      store.close();
    }
  });
});

describe('when answers', () => {
  it('dates an event the articles report, and says so honestly for one they do not', async () => {
    const store = KnowledgeStore.open({ path: ':memory:', extract: extractArticle });
    try {
      store.ingestArticle(article('d', 'The Portvale council voted on Tuesday to close the harbour.\n\nMayor Odile Varga will open the new ferry terminal on Friday.'));
      const k = knowledgeOver(store, { wordnet: false });
      const vote = await k.ask('when did the Portvale council vote');
      expect(vote.results[0]?.text).toContain('voted on Tuesday');
      // "Zorbia" is in no article: the council's vote is not its date.
      const none = await k.ask('when did the Zorbia council vote');
      expect(none.results).toEqual([]);
      expect(none.message).toBe('No dates or events about zorbia council vote in the briefing.');
    } finally {
      store.close();
    }
  });
});

describe('topics by meaning (config/thesaurus.yaml)', () => {
  it('knows the paraphrases of the issue', () => {
    const t = Thesaurus.load('config/thesaurus.yaml');
    expect(t.lookup('wages')).toEqual(expect.arrayContaining(['pay', 'salaries']));
    expect(t.lookup('jobs')).toContain('employment');
    expect(t.lookup('migrants')).toContain('refugees');
    expect(t.lookup('cuts')).toContain('reductions');
    expect(t.lookup('shut out')).toContain('not invited');
  });

  it('a made-up quote on pay answers a question on wages', async () => {
    const store = KnowledgeStore.open({ path: ':memory:', extract: extractArticle });
    try {
      store.ingestArticle(article('e', '“Nurses have waited too long for a decent paycheck,” said Sen. Jane Quarry, a Democrat from Ohio.\n\n“The harbour needs money,” Quarry said.'));
      const a = await knowledgeOver(store, { wordnet: false }).ask('what did Quarry say about wages');
      expect(a.results[0]?.text).toContain('decent paycheck');
    } finally {
      store.close();
    }
  });
});
