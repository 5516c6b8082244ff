import { describe, expect, it } from 'vitest';
import { loadArticles } from '../../../src/core/articles/index.ts';
import { composeDigest, digestForWindow } from '../../../src/core/digest/compose.ts';
import { chooseKeyFigures } from '../../../src/core/digest/key-figures.ts';
import { chooseKeyPoints } from '../../../src/core/digest/key-points.ts';
import { digestToReply } from '../../../src/core/digest/reply.ts';
import { chooseTopQuotes } from '../../../src/core/digest/top-quotes.ts';
import type { DigestEntry } from '../../../src/core/digest/types.ts';
import { comingEvents, formatWhen } from '../../../src/core/digest/whats-next.ts';
import { displayValue } from '../../../src/core/text/fact-values.ts';
import { extractArticle } from '../../../src/core/extract/index.ts';
import type { Extraction } from '../../../src/core/model.ts';
import { article, fact, person, quote } from './fixtures.ts';

const NOW = Date.parse('2025-03-03T08:00:00Z');
const empty = (over: Partial<Extraction> = {}): Extraction => ({ article: article(), quotes: [], people: [], facts: [], ...over });

describe('key points', () => {
  const body = [
    'Ministers agreed a £2bn flood defence plan on Monday after a week of talks with council leaders.',
    '(Image: Getty Images)',
    'The plan covers 40 towns along the east coast and will be paid for over ten years.',
    '“We cannot let another winter like the last one happen again, and we will not,” she said.',
    'Asked about the cost, the minister said:',
    'Work on the first barriers is set to begin in April, with the rest following in stages.',
    'Critics said the money was far less than the £5bn the Environment Agency had asked for.',
    'Local residents welcomed the news at a meeting in the town hall.',
  ].join('\n');

  it('takes 3–5 salient sentences in reading order, without credits, quote lines or quote intros', () => {
    const points = chooseKeyPoints(empty(), body).map((p) => p.text);
    expect(points.length).toBeGreaterThanOrEqual(3);
    expect(points.length).toBeLessThanOrEqual(5);
    expect(points[0]).toBe('Ministers agreed a £2bn flood defence plan on Monday after a week of talks with council leaders.');
    expect(points).toContain('Work on the first barriers is set to begin in April, with the rest following in stages.');
    expect(points.join(' ')).not.toMatch(/Getty|another winter|Asked about the cost/);
    const order = points.map((p) => body.indexOf(p));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('does not repeat the headline or one point in other words', () => {
    const points = chooseKeyPoints(empty({ article: article({ title: 'Ministers agree £2bn flood defence plan for 40 towns' }) }), [
      'Ministers agree £2bn flood defence plan for 40 towns.',
      'The £2bn flood defence plan for 40 towns was agreed by ministers on Monday morning.',
      'The plan covers 40 towns along the east coast and will be paid for over ten years.',
      'Work on the first barriers is set to begin in April, with the rest following in stages.',
      'Critics said the money was far less than the £5bn the Environment Agency had asked for.',
    ].join('\n')).map((p) => p.text);
    expect(points.filter((p) => /^Ministers agree £2bn/.test(p))).toHaveLength(0);
    expect(points).toHaveLength(3);
  });

  it('falls back to the extracted facts when there is no body', () => {
    const x = empty({ facts: [fact('figure', 'The plan will cost £2bn over ten years, the Treasury confirmed.', [{ type: 'money', text: '£2bn', value: 2e9, currency: 'GBP' }])] });
    expect(chooseKeyPoints(x, undefined).map((p) => p.text)).toEqual(['The plan will cost £2bn over ten years, the Treasury confirmed.']);
  });
});

describe('top quotes', () => {
  it('gives at most one quote per main speaker (direct quotes weigh most), named speakers first, the most quotable line each', () => {
    const x = empty({
      people: [person('Anna Berg', { roles: ['Environment Secretary'], mentions: 6, quotes: 3 }), person('Tom Reyes', { mentions: 2, quotes: 1 }), person('Lea Moss', { mentions: 1, quotes: 1 }), person('Sam Kerr', { mentions: 1, quotes: 1 })],
      quotes: [
        quote('a real step', 'Anna Berg', { kind: 'partial', paragraph: 1 }),
        quote('We cannot let another winter like the last one happen again, and we will not let it happen.', 'Anna Berg', { paragraph: 3 }),
        quote('the plan was underfunded', 'Tom Reyes', { kind: 'indirect', paragraph: 5 }),
        quote('Every town on this coast deserves the same protection as the capital gets.', 'officials in the region', { paragraph: 6 }),
        quote('This is the money we asked for, and it will make a difference here.', 'Lea Moss', { paragraph: 7 }),
        quote('We will watch how quickly the work starts before we celebrate anything.', 'Sam Kerr', { paragraph: 8 }),
      ],
    });
    const quotes = chooseTopQuotes(x);
    // Tom Reyes has only reported speech; the three quoted directly come first.
    expect(quotes.map((q) => q.speaker.name)).toEqual(['Anna Berg', 'Lea Moss', 'Sam Kerr']);
    expect(quotes[0]).toEqual({ kind: 'direct', text: 'We cannot let another winter like the last one happen again, and we will not let it happen.', speaker: { name: 'Anna Berg', role: 'Environment Secretary' }, paragraph: 3 });
    expect(quotes.map((q) => q.speaker.name)).not.toContain('officials in the region');
  });

  it('leaves out one-word labels in quotation marks, and reported speech when someone is quoted', () => {
    const x = empty({
      people: [person('Anna Berg'), person('Tom Reyes')],
      quotes: [
        quote('deplorables', 'Anna Berg', { kind: 'partial' }),
        quote('the plan was underfunded and came far too late for the coast', 'Tom Reyes', { kind: 'indirect' }),
        quote('We will build the barriers town by town, starting in April.', 'Anna Berg', { paragraph: 4 }),
      ],
    });
    expect(chooseTopQuotes(x).map((q) => q.text)).toEqual(['We will build the barriers town by town, starting in April.']);
    // With nobody quoted directly, reported speech is what there is.
    const reported = chooseTopQuotes(empty({ quotes: [quote('the plan was underfunded and came far too late for the coast', 'Tom Reyes', { kind: 'indirect' })] }));
    expect(reported.map((q) => q.kind)).toEqual(['indirect']);
  });

  it('keeps unnamed sources unnamed when they are all there is', () => {
    const quotes = chooseTopQuotes(empty({ quotes: [quote('The talks were constructive and will continue next week.', 'officials in the region')] }));
    expect(quotes).toEqual([{ kind: 'direct', text: 'The talks were constructive and will continue next week.', speaker: { name: 'officials in the region', role: null }, paragraph: 1 }]);
  });
});

describe('key figures', () => {
  it('does not count the headline restated at the top of the text', () => {
    const x = empty({
      article: article({ title: 'Super fund passes $1B as donors pile in' }),
      facts: [
        fact('figure', 'Super fund passes $1B as donors pile in.', [{ type: 'money', text: '$1B', value: 1e9, currency: 'USD' }], { paragraph: 0 }),
        fact('figure', 'Donations reached nearly $1.1 billion by the end of August.', [{ type: 'money', text: '$1.1 billion', value: 1.1e9, currency: 'USD' }], { paragraph: 3 }),
      ],
    });
    expect(chooseKeyFigures(x).map((f) => f.values)).toEqual([['$1.1 billion']]);
  });

  it('shows each value once, money and percentages first, and drops small counts', () => {
    const figures = chooseKeyFigures(
      empty({
        facts: [
          fact('figure', 'The government promised 2.5% of GDP for defence.', [{ type: 'percent', text: '2.5%', value: 2.5, of: 'GDP' }], { paragraph: 1 }),
          fact('figure', 'Two leaders met at the summit.', [{ type: 'count', text: 'Two leaders', value: 2, unit: 'leaders' }], { paragraph: 2 }),
          fact('figure', 'It said it was committed to spending 2.5%.', [{ type: 'percent', text: '2.5%', value: 2.5 }], { paragraph: 3 }),
          fact('figure', 'The fund is worth £40m and will support 1,200 jobs.', [{ type: 'money', text: '£40m', value: 4e7, currency: 'GBP' }, { type: 'count', text: '1,200 jobs', value: 1200, unit: 'jobs' }], { paragraph: 4 }),
        ],
      }),
    );
    expect(figures).toEqual([
      { text: 'The government promised 2.5% of GDP for defence.', values: ['2.5% of GDP'], paragraph: 1 },
      { text: 'The fund is worth £40m and will support 1,200 jobs.', values: ['£40m', '1,200 jobs'], paragraph: 4 },
    ]);
  });
});

describe("what's next", () => {
  const rank = (place: string) => (place === 'Riyadh' ? 4 : 1);

  it('lists coming events with resolved dates, soonest first, one event named twice once at its most specific place', () => {
    const x = empty({
      article: article({ published: '2025-02-17' }),
      facts: [
        fact('event', 'Officials will hold talks in Saudi Arabia on Tuesday.', [{ type: 'date', text: 'on Tuesday', date: '2025-02-18', precision: 'day' }], { event: { type: 'talks', place: 'Saudi Arabia', date: '2025-02-18' }, paragraph: 5 }),
        fact('event', 'He will travel to Washington DC next week.', [{ type: 'date', text: 'next week', date: '2025-02-24', end: '2025-03-02', precision: 'week' }], { event: { type: 'visit', place: 'Washington DC' }, paragraph: 2 }),
        fact('event', 'Delegations were flying to Riyadh for talks planned for Tuesday.', [{ type: 'date', text: 'Tuesday', date: '2025-02-18', precision: 'day' }], { event: { type: 'talks', place: 'Riyadh', date: '2025-02-18' }, paragraph: 9 }),
        fact('date', 'The ministry said it will publish the plan in the spring.', [{ type: 'date', text: 'in the spring', date: '2025-03-01', end: '2025-05-31', precision: 'season' }], { paragraph: 7 }),
        fact('event', 'Last week the two leaders spoke on the phone.', [{ type: 'date', text: 'Last week', date: '2025-02-10', end: '2025-02-16', precision: 'week' }], { event: { type: 'call' } }),
        fact('event', 'Leaders met at an emergency summit in Paris today.', [{ type: 'date', text: 'today', date: '2025-02-17', precision: 'day' }], { event: { type: 'summit', place: 'Paris' } }),
        fact('date', 'The group announced plans this week to spend more.', [{ type: 'date', text: 'this week', date: '2025-02-17', end: '2025-02-23', precision: 'week' }]),
        fact('event', 'It is the biggest election of the year.', [{ type: 'date', text: '2025', date: '2025-01-01', end: '2025-12-31', precision: 'year' }], { event: { type: 'election' } }),
      ],
    });
    expect(comingEvents(x, '2025-02-17', { placeRank: rank }).map((e) => `${e.label} — ${e.when}`)).toEqual([
      'Talks in Riyadh — Tue 18 Feb 2025',
      'Visit to Washington DC — week of 24 Feb 2025',
      'The ministry said it will publish the plan in the spring. — spring 2025',
    ]);
  });

  it('formats each precision', () => {
    expect(formatWhen({ type: 'date', text: 'x', date: '2025-06-01', precision: 'month' })).toBe('June 2025');
    expect(formatWhen({ type: 'date', text: 'x', date: '2025-12-01', precision: 'season' })).toBe('winter 2025');
    expect(formatWhen({ type: 'date', text: 'x', date: '2026-01-01', precision: 'year' })).toBe('2026');
    expect(formatWhen({ type: 'date', text: 'x', date: '2025-02-18', end: '2025-02-20', precision: 'day' })).toBe('Tue 18 Feb – Thu 20 Feb 2025');
    // One day reads as a fact's date does everywhere (core/util/dates.ts).
    expect(formatWhen({ type: 'date', text: 'next Tuesday', date: '2025-02-18', precision: 'day' })).toBe('Tue 18 Feb 2025');
    expect(formatWhen({ type: 'date', text: 'next Tuesday', date: '2025-02-18', precision: 'day' })).toBe(displayValue({ type: 'date', text: 'next Tuesday', date: '2025-02-18', precision: 'day' }));
  });
});

describe('the launch article', () => {
  const { articles } = loadArticles(['content/2025-02-17-starmer-ukraine-security.md']);
  const a = articles[0]!;
  const entry: DigestEntry = { extraction: extractArticle(a), addedAt: 1, body: a.text.slice(a.bodyStart) };
  const digest = composeDigest([entry], { mode: 'latest', since: null, now: Date.parse('2025-02-17T08:00:00Z'), zone: 'Europe/London' });
  const art = digest.articles[0]!;

  it('has a headline and 3–5 key points from the reporting, not the quotes', () => {
    expect(art.headline).toBe('Keir Starmer warns Donald Trump not to turn his back on Ukraine');
    expect(art.keyPoints.length).toBeGreaterThanOrEqual(3);
    expect(art.keyPoints.length).toBeLessThanOrEqual(5);
    expect(art.keyPoints.map((k) => k.text)).toContain('Mr Starmer is set to travel to Washington DC next week, where he will discuss the crisis with Mr Trump.');
    for (const k of art.keyPoints) expect(k.text).not.toMatch(/^[“"]|Image|Getty/);
  });

  it('quotes at most one line per main speaker, each with the speaker', () => {
    const speakers = art.quotes.map((q) => q.speaker.name);
    expect(new Set(speakers).size).toBe(speakers.length);
    expect(speakers[0]).toBe('Keir Starmer');
    expect(art.quotes[0]!.speaker.role).toBe('Prime Minister');
    expect(art.quotes.every((q) => q.kind === 'direct')).toBe(true);
  });

  it('shows 2.5% of GDP once among the key figures', () => {
    const values = art.figures.flatMap((f) => f.values);
    expect(values.filter((v) => v.startsWith('2.5%'))).toEqual(['2.5% of GDP']);
    // A statement shown as a figure is not repeated as a key point.
    const points = new Set(art.keyPoints.map((k) => k.text));
    expect(art.figures.filter((f) => points.has(f.text))).toEqual([]);
  });

  it("says what's next: the Riyadh talks on Tuesday and the Washington trip next week", () => {
    const next = digest.next.map((e) => `${e.label} — ${e.when}`);
    expect(next[0]).toBe('Talks in Riyadh — Tue 18 Feb 2025');
    expect(next).toContain('Trip to Washington DC — week of 24 Feb 2025');
  });
});

describe('windows and the Reply', () => {
  const e = (id: string, addedAt: number, title = `Story ${id}`): DigestEntry => ({ extraction: empty({ article: article({ id, title, url: `https://example.test/${id}` }) }), addedAt, body: `${title} was reported this morning with new figures from the ministry.\nThe ministry said 4,000 homes would be affected by the change in April.\nOfficials will meet again next week to decide the details of the plan.` });
  const source = (entries: DigestEntry[]) => ({
    articlesAddedSince: (since: number) => entries.filter((x) => x.addedAt > since),
    latestArticles: (limit: number) => [...entries].sort((a, b) => b.addedAt - a.addedAt).slice(0, limit),
  });

  it('shows at most five articles, counts the rest, and covers all of them', () => {
    const entries = Array.from({ length: 7 }, (_, i) => e(`s${i}`, 100 + i));
    const d = composeDigest(entries, { mode: 'new', since: 50, now: NOW, zone: 'Europe/London' });
    expect(d.articles).toHaveLength(5);
    expect(d.more).toBe(2);
    expect(d.coveredUntil).toBe(106);
    const reply = digestToReply(d, { zone: 'Europe/London' });
    expect(reply.title).toBe('Daily briefing — Mon 3 Mar 2025');
    // Newest first.
    expect(reply.sections.map((s) => s.heading)).toEqual(['Story s6', 'Story s5', 'Story s4', 'Story s3', 'Story s2', 'Sources']);
    expect(reply.sections.at(-1)!.items[0]).toEqual({ type: 'link', label: 'The Courier · Story s6 · 2025-03-03', url: 'https://example.test/s6' });
    expect(reply.notes).toEqual(['2 more new articles: ask about them with /brief ask.']);
    expect(reply.more).toBe(2);
  });

  it('new since the last digest; a first digest takes the latest; nothing new follows the policy', () => {
    const src = source([e('old', 100), e('new', 200)]);
    expect(digestForWindow(src, { since: 150, now: NOW, zone: 'UTC', whenNothingNew: 'skip' })!.articles.map((a) => a.id)).toEqual(['new']);
    expect(digestForWindow(src, { since: null, now: NOW, zone: 'UTC', whenNothingNew: 'skip' })!.mode).toBe('latest');
    expect(digestForWindow(src, { since: 200, now: NOW, zone: 'UTC', whenNothingNew: 'skip' })).toBeNull();
    const notice = digestForWindow(src, { since: 200, now: NOW, zone: 'UTC', whenNothingNew: 'notice' })!;
    expect(digestToReply(notice, { zone: 'UTC' })).toEqual({ tone: 'info', title: 'Daily briefing — Mon 3 Mar 2025', sections: [{ items: [{ type: 'text', text: 'No new articles since the last digest.' }] }], notes: [], more: 0 });
    const repost = digestForWindow(src, { since: 200, now: NOW, zone: 'UTC', whenNothingNew: 'repost' })!;
    expect(repost.articles.map((a) => a.id)).toEqual(['old', 'new'].reverse());
    expect(repost.coveredUntil).toBe(200);
    expect(digestForWindow(source([]), { since: null, now: NOW, zone: 'UTC', whenNothingNew: 'skip' })).toBeNull();
  });
});
