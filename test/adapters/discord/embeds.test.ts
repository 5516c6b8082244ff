// The embeds renderer on its own: Discord's limits, cutting at item boundaries, escaping.
import type { APIEmbed } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { LIMITS, renderReply } from '../../../src/adapters/discord/embeds.ts';
import { escapeMarkdown } from '../../../src/adapters/discord/escape.ts';
import type { PersonItem, Reply } from '../../../src/core/reply/types.ts';
import { quote, SOURCE } from '../../fakes/discord-briefing.ts';

/** Characters Discord counts towards the 6000 total. */
function size(embeds: APIEmbed[]): number {
  return embeds.reduce(
    (n, e) => n + (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0) + (e.author?.name.length ?? 0) + (e.fields ?? []).reduce((m, f) => m + f.name.length + f.value.length, 0),
    0,
  );
}

function expectWithinLimits(embeds: APIEmbed[]): void {
  expect(embeds.length).toBeLessThanOrEqual(LIMITS.embeds);
  expect(size(embeds)).toBeLessThanOrEqual(LIMITS.total);
  for (const e of embeds) {
    expect(e.title?.length ?? 0).toBeLessThanOrEqual(LIMITS.title);
    expect(e.description?.length ?? 0).toBeLessThanOrEqual(LIMITS.description);
    expect(e.footer?.text.length ?? 0).toBeLessThanOrEqual(LIMITS.footer);
    expect(e.fields?.length ?? 0).toBeLessThanOrEqual(LIMITS.fields);
    for (const f of e.fields ?? []) {
      expect(f.name.length).toBeLessThanOrEqual(LIMITS.fieldName);
      expect(f.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
    }
  }
}

const answer = (items: Reply['sections'][number]['items'], more = 0): Reply => ({ tone: 'answer', title: 'Quotes about troops', sections: [{ items }], notes: [], more });
const speaker = { name: 'Keir Starmer', role: 'Prime Minister' };

describe('limits', () => {
  it('a long reply is cut at whole quotes and says how many more there are', () => {
    const items = Array.from({ length: 120 }, (_, i) => quote(`Quote ${i}: ` + 'we will stand with Ukraine for as long as it takes '.repeat(3), speaker, i));
    const [msg, ...rest] = renderReply(answer(items, 5));
    expect(rest).toEqual([]);
    expectWithinLimits(msg!.embeds);
    const text = msg!.embeds.map((e) => e.description ?? '').join('\n');
    const shown = text.match(/> “Quote \d+:/g)!.length;
    expect(shown).toBeGreaterThan(10);
    expect(shown).toBeLessThan(120);
    // Every shown quote is whole, with its speaker line.
    expect(text.match(/— \*\*Keir Starmer\*\*, Prime Minister/g)).toHaveLength(shown);
    expect(text).toContain(`*${120 - shown + 5} more results not shown.*`);
  });

  it('one enormous quote is clipped at a word, not dropped', () => {
    const [msg] = renderReply(answer([quote('word '.repeat(5000).trim(), speaker)]));
    expectWithinLimits(msg!.embeds);
    expect(msg!.embeds[0]!.description).toMatch(/^> “(word ){100,}.*…”\n— \*\*Keir Starmer\*\*/);
  });

  it('people spill into a new embed after 25 fields', () => {
    const people: PersonItem[] = Array.from({ length: 40 }, (_, i) => ({ type: 'person', name: `Person ${i}`, roles: ['Minister'], aliases: [], quoteCount: 0, mentionCount: 1, articles: [], articleCount: 0 }));
    const [msg] = renderReply({ tone: 'info', title: 'People', sections: [{ items: people }], notes: [], more: 0 });
    expectWithinLimits(msg!.embeds);
    expect(msg!.embeds.map((e) => e.fields?.length)).toEqual([25, 15]);
    expect(msg!.embeds[1]!.title).toBeUndefined();
  });

  it('titles are clipped to 256', () => {
    const [msg] = renderReply({ ...answer([]), title: 'T'.repeat(400) });
    expect(msg!.embeds[0]!.title).toHaveLength(256);
  });

  it('sections keep their order: fields follow a description, a description after fields opens a new embed', () => {
    const person: PersonItem = { type: 'person', name: 'Mark Rutte', roles: ['NATO chief'], aliases: [], quoteCount: 0, mentionCount: 2, articles: [], articleCount: 0 };
    const quotes = { heading: 'Quotes', items: [quote('Yes', speaker)] };
    const people = { heading: 'People', items: [person] };
    const [a] = renderReply({ tone: 'answer', title: 'Both', sections: [quotes, people], notes: [], more: 0 });
    expect(a!.embeds).toHaveLength(1);
    expect(a!.embeds[0]!.description).toBe('**Quotes**\n> “Yes”\n— **Keir Starmer**, Prime Minister');
    expect(a!.embeds[0]!.fields).toEqual([{ name: 'People · Mark Rutte', value: 'NATO chief\n0 quotes · 2 mentions' }]);
    const [b] = renderReply({ tone: 'answer', title: 'Both', sections: [people, quotes], notes: [], more: 0 });
    expect(b!.embeds.map((e) => [e.fields?.length ?? 0, e.description ?? ''])).toEqual([
      [1, ''],
      [0, '**Quotes**\n> “Yes”\n— **Keir Starmer**, Prime Minister'],
    ]);
  });
});

describe('content', () => {
  it('unnamed sources, partial quotes and reported speech are labelled', () => {
    const [msg] = renderReply(
      answer([
        { ...quote('a lasting peace', null), kind: 'partial' },
        { ...quote('the UK would consider sending troops', { name: 'Downing Street', role: null }), kind: 'indirect' },
      ]),
    );
    expect(msg!.embeds[0]!.description).toBe(
      '> “a lasting peace”\n— *unattributed* (partial quote)\n\n> the UK would consider sending troops\n— **Downing Street** (reported speech)',
    );
  });

  it('items from several articles carry their own source line; the footer counts the articles', () => {
    const other = { ...SOURCE, articleId: 'b', title: 'Talks in Riyadh', published: '2025-02-18' };
    const [msg] = renderReply(answer([quote('One', speaker), { ...quote('Two', speaker), source: other }]));
    expect(msg!.embeds[0]!.description).toBe(
      '> “One”\n— **Keir Starmer**, Prime Minister\n*Starmer ready to send UK troops to Ukraine, 17 Feb 2025*\n\n> “Two”\n— **Keir Starmer**, Prime Minister\n*Talks in Riyadh, 18 Feb 2025*',
    );
    expect(msg!.embeds[0]!.footer).toEqual({ text: 'From 2 articles' });
    expect(msg!.embeds[0]!.url).toBeUndefined();
  });

  it('article text cannot format or mention', () => {
    const [msg] = renderReply(answer([quote('# Big *news* for @everyone and <@&42> _now_', { name: '@here', role: '> chief' })]));
    expect(msg!.embeds[0]!.description).toBe('> “\\# Big \\*news\\* for @\u200beveryone and <\u200b@&42> \\_now\\_”\n— **@\u200bhere**, \\> chief');
    expect(msg!.allowedMentions).toEqual({ parse: [] });
  });

  it('links only for http(s) URLs', () => {
    const [msg] = renderReply(answer([{ type: 'link', label: 'Read more', url: 'https://example.com/a' }, { type: 'link', label: 'Bad', url: 'javascript:alert(1)' }]));
    expect(msg!.embeds[0]!.description).toBe('[Read more](https://example.com/a)\n\nBad');
  });
});

describe('helpers', () => {
  it('escapeMarkdown leaves ordinary text alone', () => {
    expect(escapeMarkdown('2.5% of GDP - up from 2.3%; talks (in Riyadh) on 18 Feb.')).toBe('2.5% of GDP - up from 2.3%; talks (in Riyadh) on 18 Feb.');
    expect(escapeMarkdown('https://example.com/a_b_c and snake_case')).toBe('https://example.com/a_b_c and snake\\_case');
  });

  it('escapeMarkdown escapes list, heading, quote and subtext markers where Discord reads them, never with a backslash before a digit', () => {
    // `\1. first` shows its backslash in Discord (a digit cannot be escaped); `1\. first` shows "1. first".
    expect(escapeMarkdown('- item\n1. first\n  12. twelfth\n-# small\n> quoted\n## Heading')).toBe('\\- item\n1\\. first\n  12\\. twelfth\n\\-# small\n\\> quoted\n\\## Heading');
    expect(escapeMarkdown('[click](https://evil.example) **bold** ~~gone~~ ||spoiler|| `code`')).toBe('\\[click](https://evil.example) \\*\\*bold\\*\\* \\~\\~gone\\~\\~ \\|\\|spoiler\\|\\| \\`code\\`');
  });

  it('source dates read as a day; a date that is no real day (31 Feb) is shown as given, as Slack shows it', () => {
    const dated = (published: string) => ({ ...quote('One', speaker), source: { ...SOURCE, articleId: published, title: 'T', published } });
    const [msg] = renderReply(answer([quote('Zero', speaker), dated('2025-02-31'), dated('spring 2025')]));
    expect(msg!.embeds[0]!.description).toContain('*T, 2025-02-31*');
    expect(msg!.embeds[0]!.description).toContain('*T, spring 2025*');
    expect(msg!.embeds[0]!.description).not.toContain('31 Feb 2025');
  });
});

describe('footer', () => {
  it('appears once per message, under the last embed', () => {
    const people: PersonItem[] = Array.from({ length: 30 }, (_, i) => ({ type: 'person', name: `Person ${i}`, roles: [], aliases: [], quoteCount: 0, mentionCount: 1, articles: [], articleCount: 0 }));
    const [msg] = renderReply({ tone: 'info', title: 'People', sections: [{ items: [quote('Yes', speaker)] }, { items: people }], notes: [], more: 0 });
    expect(msg!.embeds.map((e) => e.footer?.text)).toEqual([undefined, 'Starmer ready to send UK troops to Ukraine · 17 Feb 2025 · Example News']);
  });
});
