import { describe, expect, it } from 'vitest';
import { LIMITS, renderReply, SHARE_ACTION_ID } from '../../../src/adapters/slack/blocks.ts';
import { escapeMrkdwn, fitEscaped } from '../../../src/adapters/slack/mrkdwn.ts';
import type { Reply } from '../../../src/core/reply/types.ts';
import { mrkdwnTexts } from './harness.ts';
import { manyQuotes, SOURCE, TROOPS_QUOTE, UNNAMED_QUOTE } from '../../fakes/slack-briefing.ts';

const answer = (over: Partial<Reply> = {}): Reply => ({ tone: 'answer', title: 'Answer', sections: [{ items: [TROOPS_QUOTE] }], notes: [], more: 0, ...over });

describe('renderReply', () => {
  it('renders a quote as header, bold speaker and role, block quote and a source context line', () => {
    const msg = renderReply(answer());
    expect(msg.blocks).toEqual([
      { type: 'header', text: { type: 'plain_text', text: 'Answer', emoji: true } },
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          verbatim: true,
          text: '*Keir Starmer*, *Prime Minister*\n>“ready and willing to contribute to security guarantees to Ukraine by putting our own troops on the ground if necessary”',
        },
      },
      {
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            verbatim: true,
            text: '<https://news.example/uk-troops?a=1&amp;b=2|Starmer says UK ready to put troops on the ground in Ukraine> · Example News · 17 Feb 2025 · ¶ 3',
          },
        ],
      },
    ]);
    expect(msg.text).toBe(`Answer\nKeir Starmer (Prime Minister): “${TROOPS_QUOTE.text}”`);
  });

  it('keeps unnamed sources unnamed and marks reported speech without quote marks', () => {
    const msg = renderReply(answer({ sections: [{ items: [UNNAMED_QUOTE] }] }));
    expect((msg.blocks[1] as any).text.text).toBe('_Unattributed_ (reported speech)\n>the talks would go ahead without European leaders');
  });

  it('renders facts with their values and section headings', () => {
    const msg = renderReply(
      answer({
        sections: [{ heading: 'Figures', items: [{ type: 'fact', kind: 'figure', text: 'Spending rises to 2.5% of GDP.', values: ['2.5% of GDP'], source: { ...SOURCE, url: null, outlet: null, published: null } }] }],
      }),
    );
    expect(msg.blocks.slice(1)).toEqual([
      { type: 'section', text: { type: 'mrkdwn', verbatim: true, text: '*Figures*' } },
      { type: 'section', text: { type: 'mrkdwn', verbatim: true, text: ':bar_chart: *2.5% of GDP*\nSpending rises to 2.5% of GDP.' } },
      { type: 'context', elements: [{ type: 'mrkdwn', verbatim: true, text: 'Starmer says UK ready to put troops on the ground in Ukraine · ¶ 3' }] },
    ]);
  });

  it('shows a source date as a day, and a date that is no real day (31 Feb) as given, not rolled into March', () => {
    const dated = (published: string) => renderReply(answer({ sections: [{ items: [{ ...TROOPS_QUOTE, source: { ...SOURCE, published } }] }] }));
    expect(JSON.stringify(dated('2025-02-17').blocks)).toContain(' · 17 Feb 2025 · ');
    expect(JSON.stringify(dated('2025-02-31').blocks)).toContain(' · 2025-02-31 · ');
    expect(JSON.stringify(dated('2025-02-31').blocks)).not.toContain('3 Mar 2025');
  });

  it('renders a person card', () => {
    const msg = renderReply({
      tone: 'info',
      title: 'Who is Rutte?',
      sections: [{ items: [{ type: 'person', name: 'Mark Rutte', roles: ['NATO Secretary General'], aliases: ['Mr Rutte'], quoteCount: 1, mentionCount: 3, articles: ['A & B'], articleCount: 1 }] }],
      notes: [],
      more: 0,
    });
    expect((msg.blocks[1] as any).text.text).toBe('*Mark Rutte* · NATO Secretary General\nAlso: Mr Rutte\n1 quote · 3 mentions\nIn: “A &amp; B”');
  });

  it('says how many more articles a person is in than the titles listed', () => {
    const msg = renderReply({
      tone: 'info',
      title: 'Who is Rutte?',
      sections: [{ items: [{ type: 'person', name: 'Mark Rutte', roles: [], aliases: [], quoteCount: 0, mentionCount: 90, articles: ['A', 'B'], articleCount: 62 }] }],
      notes: [],
      more: 0,
    });
    expect((msg.blocks[1] as any).text.text).toBe('*Mark Rutte*\n0 quotes · 90 mentions\nIn: “A”, “B” and 60 more articles');
  });

  it('renders an error with its usage and no share button', () => {
    const msg = renderReply({ tone: 'error', title: 'Unknown command "frob"', sections: [{ items: [{ type: 'text', text: 'Try help.' }] }], notes: [], more: 0, usage: '/brief ask <question>' }, { shareValue: 'frob' });
    expect(msg.blocks).toEqual([
      { type: 'header', text: { type: 'plain_text', text: '⚠️ Unknown command "frob"', emoji: true } },
      { type: 'section', text: { type: 'mrkdwn', verbatim: true, text: 'Usage: `/brief ask &lt;question&gt;`' } },
      { type: 'section', text: { type: 'mrkdwn', verbatim: true, text: 'Try help.' } },
    ]);
    expect(msg.text).toBe('Unknown command "frob"\nUsage: /brief ask &lt;question&gt;\nTry help.');
  });

  it('offers sharing only for answers', () => {
    for (const tone of ['info', 'error'] as const) {
      expect(renderReply(answer({ tone }), { shareValue: 'help' }).blocks.some((b) => b.type === 'actions')).toBe(false);
    }
  });

  it('adds notes as context and a share button carrying the command', () => {
    const msg = renderReply(answer({ notes: ['From 1 article.'] }), { shareValue: 'ask about troops' });
    expect(msg.blocks.at(-2)).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', verbatim: true, text: 'From 1 article.' }] });
    expect(msg.blocks.at(-1)).toEqual({
      type: 'actions',
      elements: [{ type: 'button', action_id: SHARE_ACTION_ID, text: { type: 'plain_text', text: 'Share in channel', emoji: true }, value: 'ask about troops' }],
    });
  });

  it('cuts a long answer at item boundaries within 50 blocks and says how many more there are', () => {
    const reply = manyQuotes(60);
    const msg = renderReply(reply, { shareValue: 'quotes everything' });
    expect(msg.blocks.length).toBeLessThanOrEqual(LIMITS.blocks);
    // header, heading, notes, more-line, share: 45 blocks left, so 22 whole quotes (2 blocks each).
    const quotes = msg.blocks.filter((b: any) => b.type === 'section' && b.text.text.startsWith('*Keir'));
    expect(quotes).toHaveLength(22);
    const contexts = msg.blocks.filter((b) => b.type === 'context');
    expect(contexts).toHaveLength(22 + 2);
    expect((msg.blocks.at(-2) as any).elements[0].text).toBe('_43 more results not shown: narrow the question to see them._');
    expect(msg.blocks.at(-1)!.type).toBe('actions');
    expect(msg.text.length).toBeLessThanOrEqual(LIMITS.fallbackText);
    expect(msg.text).toContain('43 more not shown');
  });

  it('stays within 50 blocks whatever the number of notes', () => {
    const msg = renderReply(answer({ notes: Array.from({ length: 700 }, (_, i) => `note ${i}`) }), { shareValue: 'x' });
    expect(msg.blocks.length).toBeLessThanOrEqual(LIMITS.blocks);
    expect(msg.blocks.filter((b) => b.type === 'context').length).toBe(3); // the quote's source + 2 of notes
    expect(msg.blocks.some((b: any) => b.type === 'section' && b.text.text.startsWith('*Keir'))).toBe(true);
  });

  it('keeps every section within 3000 characters and the header within 150', () => {
    const long = 'word '.repeat(2000);
    const msg = renderReply(answer({ title: long, sections: [{ items: [{ ...TROOPS_QUOTE, text: long }, { type: 'text', text: '&'.repeat(4000) }] }] }));
    expect((msg.blocks[0] as any).text.text.length).toBeLessThanOrEqual(LIMITS.headerText);
    expect((msg.blocks[1] as any).text.text).toMatch(/^word word .*…$/); // the whole title, as far as a section allows
    for (const b of msg.blocks) if (b.type === 'section') expect(b.text!.text.length).toBeLessThanOrEqual(LIMITS.sectionText);
    const amp = (msg.blocks[4] as any).text.text as string;
    expect(amp).toMatch(/^(&amp;)+…?$/);
  });

  it('makes pings and links in echoed or article text inert', () => {
    const evil = 'hi <!channel> <!here> <@U123> <http://evil.example|click> & more';
    const msg = renderReply({
      tone: 'error',
      title: evil,
      sections: [{ heading: evil, items: [{ type: 'text', text: evil }, { ...TROOPS_QUOTE, text: evil, speaker: { name: '<@U999>', role: '<!everyone>' } }] }],
      notes: [evil],
      more: 0,
      usage: evil,
    });
    for (const t of mrkdwnTexts(msg)) {
      expect(t).not.toMatch(/<[!@#]/);
      expect(t).not.toContain('<http://evil');
    }
    expect((msg.blocks[3] as any).text.text).toBe('hi &lt;!channel&gt; &lt;!here&gt; &lt;@U123&gt; &lt;http://evil.example|click&gt; &amp; more');
  });

  it('links only http(s) URLs', () => {
    const msg = renderReply(answer({ sections: [{ items: [{ type: 'link', label: 'x', url: 'javascript:alert(1)' }, { type: 'link', label: 'Full story', url: 'https://news.example/a' }] }] }));
    expect((msg.blocks[1] as any).text.text).toBe('x');
    expect((msg.blocks[2] as any).text.text).toBe('<https://news.example/a|Full story>');
  });
});

describe('mrkdwn helpers', () => {
  it('escapes the three control characters', () => {
    expect(escapeMrkdwn('a & <b> c')).toBe('a &amp; &lt;b&gt; c');
  });
  it('never cuts an entity in half', () => {
    for (let max = 5; max < 40; max++) {
      const out = fitEscaped('x & y & z & w & v & u & t', max);
      expect(out.length).toBeLessThanOrEqual(max);
      expect(out).not.toMatch(/&(?!amp;)/);
    }
  });
});
