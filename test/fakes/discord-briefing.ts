// A test double of OUR Briefing interface (not of any library): records the text and context each
// call receives and answers with realistic neutral Replies, so adapter tests can assert on the
// exact serialised command text and on the rendered embeds.
import { parseArticle } from '../../src/core/articles/index.ts';
import { displayValue } from '../../src/core/commands/replies.ts';
import type { Briefing, ChannelContext } from '../../src/core/commands/types.ts';
import { extractArticle } from '../../src/core/extract/index.ts';
import type { FactItem, QuoteItem, Reply, SourceRef } from '../../src/core/reply/types.ts';

export const SOURCE: SourceRef = {
  articleId: '000_c47a76e7acbef03d',
  title: 'Starmer ready to send UK troops to Ukraine',
  published: '2025-02-17',
  paragraph: 2,
  url: 'https://example.com/starmer-ukraine',
  outlet: 'Example News',
};

export const PEOPLE = [
  { name: 'Keir Starmer', role: 'Prime Minister' },
  { name: 'Mark Rutte', role: 'NATO chief' },
  { name: 'Volodymyr Zelensky', role: 'Ukrainian President' },
  { name: 'Sergei Lavrov', role: 'Russian Foreign Minister' },
];

/** The facts answer comes from the real extractor, so the dates it shows cannot drift from it. */
const FACTS_ARTICLE = ['---', `title: ${SOURCE.title}`, `published: ${SOURCE.published}`, '---', '',
  'The UK will spend 2.5% of GDP on defence.', '', 'Talks will be held in Riyadh on Tuesday.', ''].join('\n');

function extractedFacts(): FactItem[] {
  const r = parseArticle('facts.md', new TextEncoder().encode(FACTS_ARTICLE));
  if (!('article' in r)) throw new Error(r.error.message);
  return extractArticle(r.article).facts.map((f, i) => ({
    type: 'fact', kind: f.kind, text: f.text, values: f.values.map(displayValue), source: i === 0 ? SOURCE : { ...SOURCE, paragraph: 7 },
  }));
}

export function quote(text: string, speaker: { name: string; role: string | null } | null, paragraph = 2): QuoteItem {
  return { type: 'quote', kind: 'direct', text, speaker, source: { ...SOURCE, paragraph } };
}

export interface FakeBriefing extends Briefing {
  calls: { input: string; ctx: ChannelContext }[];
  /** Delay before answering, to exercise deferral. */
  delayMs: number;
  /** Replaces the answer for the next calls. */
  answer: ((input: string) => Reply) | null;
}

export function fakeBriefing(): FakeBriefing {
  const fake: FakeBriefing = {
    calls: [],
    delayMs: 0,
    answer: null,
    async run(input, ctx) {
      fake.calls.push({ input, ctx });
      if (fake.delayMs) await new Promise((r) => setTimeout(r, fake.delayMs));
      return fake.answer ? fake.answer(input) : defaultAnswer(input);
    },
    async execute() {
      throw new Error('the Discord adapter must call run(), not execute()');
    },
    async suggestPeople(query, limit) {
      const q = query.toLowerCase();
      return PEOPLE.filter((p) => !q || p.name.toLowerCase().split(' ').some((w) => w.startsWith(q.slice(0, 3)))).slice(0, limit);
    },
  };
  return fake;
}

function defaultAnswer(input: string): Reply {
  const [verb] = input.split(' ');
  switch (verb) {
    case 'ask':
    case 'quotes':
      return {
        tone: 'answer',
        title: 'What Keir Starmer said about troops',
        sections: [
          {
            items: [
              quote('I am ready and willing to contribute to that by putting our own troops on the ground if necessary', { name: 'Keir Starmer', role: 'Prime Minister' }),
              quote('This is a once in a generation moment for our collective security', { name: 'Keir Starmer', role: 'Prime Minister' }, 5),
            ],
          },
        ],
        notes: [],
        more: 0,
      };
    case 'facts':
      return {
        tone: 'answer',
        title: 'Facts about defence spending',
        sections: [
          {
            items: extractedFacts(),
          },
        ],
        notes: [],
        more: 0,
      };
    case 'who':
      return {
        tone: 'info',
        title: 'Mark Rutte',
        sections: [
          {
            items: [
              { type: 'person', name: 'Mark Rutte', roles: ['NATO chief'], aliases: ['Mr Rutte'], quoteCount: 1, mentionCount: 3, articles: [SOURCE.title], articleCount: 1 },
            ],
          },
        ],
        notes: [],
        more: 0,
      };
    case 'digest':
      return { tone: 'info', title: 'Daily digest', sections: [{ items: [{ type: 'text', text: `Done: ${input}` }] }], notes: [], more: 0 };
    case 'help':
      return { tone: 'info', title: 'How to use /brief', sections: [{ items: [{ type: 'text', text: 'ask, quotes, facts, who, digest' }] }], notes: [], more: 0 };
    default:
      return { tone: 'error', title: 'Unknown command', sections: [{ items: [{ type: 'text', text: `I don't know "${verb}".` }] }], notes: [], more: 0, usage: '/brief help' };
  }
}
