// A stand-in for the core's Briefing (our own interface), returning realistic Replies so the Slack
// adapter can be tested before the real grammar lands. It records every call it gets.
import type { Briefing, ChannelContext, Command } from '../../src/core/commands/types.ts';
import type { QuoteItem, Reply, SourceRef } from '../../src/core/reply/types.ts';

export const SOURCE: SourceRef = {
  articleId: '2025-02-17-starmer-ukraine-security',
  title: 'Starmer says UK ready to put troops on the ground in Ukraine',
  published: '2025-02-17',
  paragraph: 2,
  url: 'https://news.example/uk-troops?a=1&b=2',
  outlet: 'Example News',
};

export const TROOPS_QUOTE: QuoteItem = {
  type: 'quote',
  kind: 'direct',
  text: 'ready and willing to contribute to security guarantees to Ukraine by putting our own troops on the ground if necessary',
  speaker: { name: 'Keir Starmer', role: 'Prime Minister' },
  source: SOURCE,
};

export const UNNAMED_QUOTE: QuoteItem = {
  type: 'quote',
  kind: 'indirect',
  text: 'the talks would go ahead without European leaders',
  speaker: null,
  source: { ...SOURCE, paragraph: 7 },
};

const USAGE: Record<string, string> = {
  ask: '/brief ask <question>',
  quotes: '/brief quotes [<speaker>] [about <topic>]',
  facts: '/brief facts [about <topic>]',
  who: '/brief who <person>',
};

export class FakeBriefing implements Briefing {
  readonly calls: { input: string; ctx: ChannelContext }[] = [];
  /** Work to simulate per call (milliseconds of busy CPU), for benches. */
  constructor(private readonly busyMs = 0) {}

  async run(input: string, ctx: ChannelContext): Promise<Reply> {
    this.calls.push({ input, ctx });
    if (this.busyMs) spin(this.busyMs);
    const [word = '', ...rest] = input.trim().split(/\s+/);
    const arg = rest.join(' ');
    switch (word.toLowerCase()) {
      case '':
      case 'help':
        return help();
      case 'ask':
        if (!arg) return usageError('ask', 'Ask me a question, e.g. `/brief ask what was said about troops`.');
        if (arg === 'boom') throw new Error('index unavailable');
        return {
          tone: 'answer',
          title: `Answer: ${arg}`,
          sections: [{ heading: 'Quotes', items: [TROOPS_QUOTE, UNNAMED_QUOTE] }],
          notes: ['Answers come from 1 article.'],
          more: 0,
        };
      case 'quotes':
        if (arg === 'everything') return manyQuotes(60);
        return { tone: 'answer', title: `Quotes${arg ? ` — ${arg}` : ''}`, sections: [{ items: [TROOPS_QUOTE, { ...TROOPS_QUOTE, kind: 'partial', text: 'putting our own troops on the ground' }] }], notes: [], more: 3 };
      case 'facts':
        return {
          tone: 'answer',
          title: 'Facts',
          sections: [
            {
              heading: 'Figures',
              items: [{ type: 'fact', kind: 'figure', text: 'Defence spending is to rise to 2.5% of GDP.', values: ['2.5% of GDP'], source: { ...SOURCE, paragraph: 9 } }],
            },
            {
              heading: 'Coming up',
              items: [{ type: 'fact', kind: 'event', text: 'US and Russian officials will hold talks in Riyadh on Tuesday.', values: ['Tue 18 Feb 2025', 'Riyadh'], source: { ...SOURCE, paragraph: 11, url: null } }],
            },
          ],
          notes: [],
          more: 0,
        };
      case 'who':
        if (!arg) return usageError('who', 'Tell me who to look up.');
        return {
          tone: 'info',
          title: `Who is ${arg}?`,
          sections: [{ items: [{ type: 'person', name: 'Mark Rutte', roles: ['NATO Secretary General', 'NATO chief'], aliases: ['Mr Rutte'], quoteCount: 1, mentionCount: 3, articles: [SOURCE.title], articleCount: 1 }] }],
          notes: [],
          more: 0,
        };
      default:
        return { tone: 'error', title: `I don't know the command "${word}"`, sections: [{ items: [{ type: 'text', text: 'Try `/brief help` for the list of commands.' }] }], notes: [], more: 0, usage: '/brief <ask|quotes|facts|who|digest|help> …' };
    }
  }

  async execute(command: Command, ctx: ChannelContext): Promise<Reply> {
    return this.run(command.name, ctx);
  }

  async suggestPeople(): Promise<{ name: string; role: string | null }[]> {
    return [];
  }
}

function help(): Reply {
  return {
    tone: 'info',
    title: 'Briefing commands',
    sections: [{ items: Object.values(USAGE).map((text) => ({ type: 'text' as const, text })) }],
    notes: ['Mention me with a question to get the answer in a thread.'],
    more: 0,
  };
}

function usageError(cmd: string, text: string): Reply {
  return { tone: 'error', title: `${cmd} needs more`, sections: [{ items: [{ type: 'text', text }] }], notes: [], more: 0, usage: USAGE[cmd] ?? '/brief help' };
}

export function manyQuotes(n: number): Reply {
  const items: QuoteItem[] = Array.from({ length: n }, (_, i) => ({ ...TROOPS_QUOTE, text: `${TROOPS_QUOTE.text} (${i + 1})`, source: { ...SOURCE, paragraph: i } }));
  return { tone: 'answer', title: 'Every quote', sections: [{ heading: 'Quotes', items }], notes: ['Newest first.'], more: 5 };
}

function spin(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}
