// A small in-memory implementation of OUR Knowledge interface, built from fixture data, for
// testing the commands and adapters without the SQLite store. Matching is deliberately simple:
// speaker by name or alias, topic by shared words.
import type { AskAnswer, AskResult, Knowledge, PersonProfile, QuoteQuery } from '../../../src/core/ask/types.ts';
import type { FactKind, Person, QuoteKind } from '../../../src/core/model.ts';

export interface FixtureQuote {
  text: string;
  speaker: string | null;
  role?: string | null;
  kind?: QuoteKind;
  paragraph: number;
}
export interface FixtureFact {
  text: string;
  kind: FactKind;
  paragraph: number;
  values?: AskResult['values'];
}

export const ARTICLE = {
  id: '2025-02-17-starmer-ukraine-security',
  title: 'Keir Starmer warns Donald Trump not to turn his back on Ukraine',
  published: '2025-02-17',
  url: null,
  source: null,
};

export const PEOPLE: Person[] = [
  { id: 'keir-starmer', name: 'Keir Starmer', roles: ['Prime Minister'], aliases: ['Mr Starmer', 'the PM', 'the Prime Minister'], mentions: 14, quotes: 4 },
  { id: 'richard-dannatt', name: 'Richard Dannatt', roles: ['Former British Army chief'], aliases: ['Lord Dannatt', 'Lord Richard Dannatt'], mentions: 2, quotes: 1 },
  { id: 'volodymyr-zelensky', name: 'Volodymyr Zelensky', roles: ['President'], aliases: ['Zelensky'], mentions: 2, quotes: 0 },
];

export const QUOTES: FixtureQuote[] = [
  { text: 'Europe must play its role, and I’m prepared to consider committing British forces on the ground alongside others if there is a lasting peace agreement.', speaker: 'Keir Starmer', role: 'Prime Minister', paragraph: 2 },
  { text: 'But there must be a US backstop, because a US security guarantee is the only way to effectively deter Russia from attacking Ukraine again.', speaker: 'Keir Starmer', role: 'Prime Minister', paragraph: 3 },
  { text: 'generational moment', speaker: 'Keir Starmer', role: 'Prime Minister', kind: 'partial', paragraph: 0 },
  { text: 'We’re facing a generational challenge when it comes to national security.', speaker: 'Keir Starmer', role: 'Prime Minister', paragraph: 11 },
  { text: 'Frankly, we haven’t got the numbers and we haven’t got the equipment to put a large force onto the ground for an extended period of time at the present moment.', speaker: 'Richard Dannatt', role: 'Former British Army chief', paragraph: 18 },
  { text: 'it will do so in the spring', speaker: 'No10', role: null, kind: 'indirect', paragraph: 18 },
];

export const FACTS: FixtureFact[] = [
  {
    text: 'The Government is under pressure to spell out how it will reach its target of hiking defence spending to 2.5% of GDP, as it has promised.',
    kind: 'figure',
    paragraph: 18,
    values: [{ type: 'percent', text: '2.5%', value: 2.5, of: 'GDP' }],
  },
  {
    text: 'Talks between senior US and Russian officials in Saudi Arabia are set to start on Tuesday.',
    kind: 'event',
    paragraph: 12,
    values: [{ type: 'date', text: 'Tuesday', date: '2025-02-18', precision: 'day' }],
  },
];

const words = (s: string): string[] => s.toLowerCase().match(/[a-z0-9.%]+/g) ?? [];

function findPerson(name: string): Person | undefined {
  const n = name.toLowerCase();
  return PEOPLE.find((p) => [p.name, ...p.aliases].some((a) => a.toLowerCase() === n || a.toLowerCase().split(' ').includes(n)));
}

function quoteResult(q: FixtureQuote, score: number): AskResult {
  return {
    kind: q.kind ?? 'direct',
    text: q.text,
    speaker: q.speaker ? { name: q.speaker, role: q.role ?? null } : null,
    article: ARTICLE,
    paragraph: q.paragraph,
    context: q.text,
    score,
  };
}

function factResult(f: FixtureFact, score: number): AskResult {
  const r: AskResult = { kind: f.kind, text: f.text, speaker: null, article: ARTICLE, paragraph: f.paragraph, context: f.text, score };
  if (f.values) r.values = f.values;
  return r;
}

function matches(text: string, topic: string | undefined): boolean {
  if (!topic) return true;
  const have = new Set(words(text));
  return words(topic).some((w) => have.has(w) || [...have].some((h) => h.startsWith(w.slice(0, 5)) && w.length >= 5));
}

export interface MemoryKnowledgeOptions {
  /** Makes every call throw, to test failure handling. */
  failWith?: Error;
  quotes?: FixtureQuote[];
}

export class MemoryKnowledge implements Knowledge {
  calls: string[] = [];
  constructor(private readonly opts: MemoryKnowledgeOptions = {}) {}

  private check(call: string) {
    this.calls.push(call);
    if (this.opts.failWith) throw this.opts.failWith;
  }

  private get allQuotes() {
    return this.opts.quotes ?? QUOTES;
  }

  async ask(question: string, opts?: { limit?: number }): Promise<AskAnswer> {
    this.check(`ask:${question}`);
    const limit = opts?.limit ?? 5;
    const speaker = PEOPLE.find((p) => words(question).some((w) => words(p.name).includes(w)));
    const topicWords = words(question).filter((w) => w.length > 3 && !(speaker && words(speaker.name).includes(w)));
    const topic = topicWords.join(' ');
    const results = [
      ...this.allQuotes.filter((q) => (!speaker || q.speaker === speaker.name) && matches(q.text, topic)).map((q) => quoteResult(q, 1)),
      ...FACTS.filter((f) => matches(f.text, topic)).map((f) => factResult(f, 0.5)),
    ];
    return { question, speaker: speaker?.name ?? null, topic: topic || null, intent: 'said', results: results.slice(0, limit), message: null, more: Math.max(0, results.length - limit) };
  }

  async quotes(query: QuoteQuery): Promise<AskAnswer> {
    this.check(`quotes:${query.speaker ?? ''}:${query.topic ?? ''}`);
    const limit = query.limit ?? 5;
    const base: AskAnswer = { question: '', speaker: null, topic: query.topic ?? null, intent: 'said', results: [], message: null, more: 0 };
    let pool: FixtureQuote[] = this.allQuotes;
    if (query.speaker) {
      const person = findPerson(query.speaker);
      const unnamed = this.allQuotes.filter((q) => q.speaker?.toLowerCase() === query.speaker!.toLowerCase());
      if (!person && unnamed.length === 0) return { ...base, speaker: query.speaker, message: `${query.speaker} does not appear in the briefing.` };
      pool = person ? this.allQuotes.filter((q) => q.speaker === person.name) : unnamed;
      base.speaker = person?.name ?? query.speaker;
      if (pool.length === 0) return { ...base, message: `${base.speaker} is mentioned but not quoted in the briefing.` };
    }
    const found = pool.filter((q) => matches(q.text, query.topic)).map((q) => quoteResult(q, 1));
    if (found.length === 0 && query.topic) return { ...base, message: `No quotes${base.speaker ? ` from ${base.speaker}` : ''} about ${query.topic}.` };
    return { ...base, results: found.slice(0, limit), more: Math.max(0, found.length - limit) };
  }

  async facts(query: { topic?: string; limit?: number }): Promise<AskAnswer> {
    this.check(`facts:${query.topic ?? ''}`);
    const limit = query.limit ?? 5;
    const found = FACTS.filter((f) => matches(f.text, query.topic)).map((f) => factResult(f, 1));
    return { question: '', speaker: null, topic: query.topic ?? null, intent: 'facts', results: found.slice(0, limit), message: null, more: Math.max(0, found.length - limit) };
  }

  async who(name: string): Promise<{ profile: PersonProfile | null; message: string | null }> {
    this.check(`who:${name}`);
    const p = findPerson(name);
    if (!p) return { profile: null, message: `${name} does not appear in the briefing.` };
    const topQuotes = this.allQuotes.filter((q) => q.speaker === p.name).slice(0, 2).map((q) => quoteResult(q, 1));
    return {
      profile: { ...p, articles: [{ id: ARTICLE.id, title: ARTICLE.title, published: ARTICLE.published }], articleCount: 1, topQuotes, about: [] },
      message: topQuotes.length ? null : `${p.name} is mentioned but not quoted.`,
    };
  }

  async people(): Promise<Person[]> {
    this.calls.push('people');
    return PEOPLE;
  }
}

export const consoleCtx = { platform: 'console', workspace: 'local', channel: 'console', user: 'tester', canManage: true } as const;
