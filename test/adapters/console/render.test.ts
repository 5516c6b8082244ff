import { describe, expect, it } from 'vitest';
import { LIMITS, renderText } from '../../../src/adapters/console/render.ts';
import type { QuoteItem, Reply } from '../../../src/core/reply/types.ts';

const source = { articleId: 'a1', title: 'Leaders meet in Paris', published: '2025-02-17', paragraph: 3, url: null, outlet: 'The Daily' };
const quote = (text: string, kind: QuoteItem['kind'] = 'direct', context?: string): QuoteItem => ({
  type: 'quote',
  kind,
  text,
  speaker: { name: 'Jane Doe', role: 'Foreign Minister' },
  source,
  ...(context ? { context } : {}),
});
const answer = (items: QuoteItem[], more = 0, notes: string[] = []): Reply => ({ tone: 'answer', title: 'Quotes from Jane Doe', sections: [{ items }], notes, more });

describe('renderText', () => {
  it('renders a quote with speaker, role and source', () => {
    expect(renderText(answer([quote('We will stand firm.')]))).toBe(
      'Quotes from Jane Doe\n\n• “We will stand firm.”\n  — Jane Doe, Foreign Minister · Leaders meet in Paris, The Daily, 2025-02-17, ¶4',
    );
  });

  it('shows partial and reported quotes inside their sentence', () => {
    const partial = quote('a generational moment', 'partial', 'She said Europe faces “a generational moment”.');
    const reported = quote('talks would resume', 'indirect');
    expect(renderText(answer([partial, reported]))).toBe(
      'Quotes from Jane Doe\n\n' +
        '• She said Europe faces “a generational moment”.\n  — Jane Doe, Foreign Minister · Leaders meet in Paris, The Daily, 2025-02-17, ¶4\n' +
        '• talks would resume (reported)\n  — Jane Doe, Foreign Minister · Leaders meet in Paris, The Daily, 2025-02-17, ¶4',
    );
  });

  it('renders an error as one line plus the usage', () => {
    const r: Reply = { tone: 'error', title: "unknown digest action 'x'", sections: [], notes: [], more: 0, usage: '/brief digest status' };
    expect(renderText(r)).toBe("error: unknown digest action 'x'\nusage: /brief digest status");
  });

  it('cuts a long answer at an item boundary and says how many more there are', () => {
    const items = Array.from({ length: 30 }, (_, i) => quote(`Statement number ${i + 1} is here. ${'word '.repeat(40)}`.trim()));
    const out = renderText(answer(items, 2, ['Narrow it with about <topic>.']));
    expect(out.length).toBeLessThanOrEqual(LIMITS.messageChars);
    const shown = out.match(/^• /gm)!.length;
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThanOrEqual(LIMITS.items);
    // Every shown item is whole: its source line follows it.
    expect(out.match(/^ {2}— /gm)!.length).toBe(shown);
    expect(out).toContain(`… and ${30 - shown + 2} more results\nNarrow it with about <topic>.`);
  });

  it('respects smaller limits given as data', () => {
    const items = Array.from({ length: 5 }, (_, i) => quote(`Quote ${i + 1}.`));
    const limits = { ...LIMITS, messageChars: 400 };
    const out = renderText(answer(items), limits);
    expect(out.length).toBeLessThanOrEqual(400);
    expect(out).toMatch(/… and \d more results?$/);
    const small = renderText(answer(items), { ...LIMITS, items: 2 });
    expect(small.match(/^• /gm)).toHaveLength(2);
    expect(small.endsWith('… and 3 more results')).toBe(true);
  });

  it('clips one very long quote at a sentence boundary', () => {
    const long = 'First sentence stays. ' + 'Then a great deal more is said. '.repeat(40);
    const out = renderText(answer([quote(long.trim())]), { ...LIMITS, itemChars: 100 });
    expect(out).toContain('• “First sentence stays. Then a great deal more is said. Then a great deal more is said. …”');
  });

  it('counts every article a person appears in, beyond the titles listed', () => {
    const person = { type: 'person' as const, name: 'Jane Doe', roles: [], aliases: [], quoteCount: 0, mentionCount: 200, articles: ['A', 'B', 'C', 'D'], articleCount: 150 };
    const out = renderText({ tone: 'answer', title: 'Jane Doe', sections: [{ items: [person] }], notes: [], more: 0 });
    expect(out).toContain('  Quoted 0 times, mentioned 200 times in 150 articles\n    A\n    B\n    C\n    … and 147 more articles');
  });

  it('renders a person, facts, text and links', () => {
    const r: Reply = {
      tone: 'answer',
      title: 'Jane Doe',
      sections: [
        { items: [{ type: 'person', name: 'Jane Doe', roles: ['Foreign Minister'], aliases: ['Ms Doe'], quoteCount: 1, mentionCount: 3, articles: ['Leaders meet in Paris'], articleCount: 1 }] },
        { heading: 'Facts', items: [{ type: 'fact', kind: 'figure', text: 'Spending rose to 2.5% of GDP.', values: ['2.5% of GDP'], source }] },
        { items: [{ type: 'text', text: 'Plain words.' }, { type: 'link', label: 'Read more', url: 'https://example.org/a' }] },
      ],
      notes: [],
      more: 0,
    };
    expect(renderText(r)).toBe(
      [
        'Jane Doe',
        '',
        'Jane Doe: Foreign Minister',
        '  Also called: Ms Doe',
        '  Quoted once, mentioned 3 times in 1 article',
        '    Leaders meet in Paris',
        '',
        'Facts',
        '• Spending rose to 2.5% of GDP.',
        '  2.5% of GDP · Leaders meet in Paris, The Daily, 2025-02-17, ¶4',
        '',
        'Plain words.',
        'Read more <https://example.org/a>',
      ].join('\n'),
    );
  });
});
