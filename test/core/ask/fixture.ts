// A hand-made extraction of the launch article: a few quotes of each kind, people with roles and
// aliases, and two facts, with offsets found in the real text. Store and engine tests use it so
// they do not depend on the extractor's exact output.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Article, Extraction, Fact, Person, Quote, QuoteKind, Span } from '../../../src/core/model.ts';

export const LAUNCH_PATH = 'content/2025-02-17-starmer-ukraine-security.md';

export function launchArticle(path = LAUNCH_PATH, text = readFileSync(LAUNCH_PATH, 'utf8')): Article {
  const bodyStart = text.indexOf('---', 3) + 4;
  return {
    id: '2025-02-17-starmer-ukraine-security',
    path,
    title: 'Keir Starmer warns Donald Trump not to turn his back on Ukraine',
    published: '2025-02-17',
    publishedInferred: true,
    source: null,
    url: null,
    tags: ['ukraine'],
    text,
    bodyStart,
    titleSpan: null,
    hash: createHash('sha256').update(text).digest('hex'),
  };
}

function spanOf(text: string, needle: string): Span {
  const start = text.indexOf(needle);
  if (start < 0) throw new Error(`fixture text not found: ${needle}`);
  return { start, end: start + needle.length };
}

/** The sentence around an offset: back to the previous ". " or newline, on to the next. */
function sentenceAround(text: string, span: Span): Span {
  let start = span.start;
  while (start > 0 && !/[\n]/.test(text[start - 1]!) && !/[.!?]["”]?\s$/.test(text.slice(Math.max(0, start - 3), start))) start--;
  let end = span.end;
  while (end < text.length && text[end] !== '\n' && !/[.!?]/.test(text[end - 1]!)) end++;
  return { start, end };
}

function paragraphOf(text: string, bodyStart: number, at: number): number {
  return text.slice(bodyStart, at).split('\n').length - 1;
}

const STARMER: Person = {
  id: 'keir-starmer',
  name: 'Keir Starmer',
  roles: ['Prime Minister', 'PM'],
  aliases: ['Mr Starmer', 'the PM', 'the Prime Minister', 'Keir'],
  mentions: 20,
  quotes: 0,
};
const people: Person[] = [
  STARMER,
  { id: 'donald-trump', name: 'Donald Trump', roles: ['President'], aliases: ['Mr Trump', 'the President'], mentions: 8, quotes: 0 },
  { id: 'richard-dannatt', name: 'Richard Dannatt', roles: ['Former British Army chief'], aliases: ['Lord Dannatt', 'Lord Richard Dannatt'], mentions: 2, quotes: 0 },
  { id: 'sergei-lavrov', name: 'Sergei Lavrov', roles: ['Russian Foreign Minister'], aliases: ['Lavrov'], mentions: 2, quotes: 0 },
  { id: 'wes-streeting', name: 'Wes Streeting', roles: ['Health Secretary'], aliases: [], mentions: 1, quotes: 0 },
  { id: 'mark-rutte', name: 'Mark Rutte', roles: ['NATO chief'], aliases: [], mentions: 1, quotes: 0 },
  { id: 'marco-rubio', name: 'Marco Rubio', roles: ['US Secretary of State'], aliases: [], mentions: 2, quotes: 0 },
];

const QUOTES: [QuoteKind, string, string][] = [
  ['direct', 'keir-starmer', 'Europe must play its role, and I’m prepared to consider committing British forces on the ground alongside others if there is a lasting peace agreement.'],
  ['direct', 'keir-starmer', 'I feel very deeply the responsibility that comes with potentially putting British servicemen and women in harm’s way.'],
  ['partial', 'keir-starmer', 'generational moment'],
  ['indirect', 'keir-starmer', 'he is prepared to send troops to the wartorn nation if a deal is agreed'],
  ['direct', 'keir-starmer', 'We’re facing a generational challenge when it comes to national security.'],
  ['direct', 'richard-dannatt', 'Frankly, we haven’t got the numbers and we haven’t got the equipment to put a large force onto the ground for an extended period of time at the present moment.'],
  ['direct', 'sergei-lavrov', 'If they’re going to come up with some crafty ideas about freezing the conflict like this'],
  ['direct', 'wes-streeting', 'There is no greater priority for any government, or any government worthy of the name, than the security of the nation.'],
  ['indirect', 'No10', 'it will do so in the spring'],
];

export function launchExtraction(article: Article = launchArticle()): Extraction {
  const { text, bodyStart } = article;
  const byId = new Map(people.map((p) => [p.id, { ...p }]));
  const quotes: Quote[] = QUOTES.map(([kind, who, q], i) => {
    const span = spanOf(text, q);
    const p = byId.get(who);
    if (p) p.quotes++;
    return {
      id: `q${i + 1}`,
      kind,
      text: q,
      ...span,
      paragraph: paragraphOf(text, bodyStart, span.start),
      sentence: sentenceAround(text, span),
      speaker: p ? { name: p.name, personId: p.id, role: p.roles[0] ?? null, mention: p.name } : { name: who, personId: null, role: null, mention: who },
      cue: 'said',
    };
  });
  const factText = 'The Government is under pressure to spell out how it will reach its target of hiking defence spending to 2.5% of GDP, as it has promised.';
  const talks = 'The emergency meeting was called by French President Emmanuel Macron ahead of talks between senior US and Russian officials in Saudi Arabia, set to start on Tuesday.';
  const rutte = 'Mr Trump has called on NATO members to commit 5% to defence spending, while NATO chief Mark Rutte urged them to stretch to 3%.';
  const facts: Fact[] = [
    { id: 'f1', kind: 'figure', text: factText, ...spanOf(text, factText), paragraph: paragraphOf(text, bodyStart, spanOf(text, factText).start), values: [{ type: 'percent', text: '2.5% of GDP', value: 2.5, of: 'GDP' }], people: [], places: [] },
    { id: 'f2', kind: 'event', text: talks, ...spanOf(text, talks), paragraph: paragraphOf(text, bodyStart, spanOf(text, talks).start), values: [{ type: 'date', text: 'Tuesday', date: '2025-02-18', precision: 'day' }], people: ['Emmanuel Macron'], places: ['Saudi Arabia'], event: { type: 'talks', place: 'Saudi Arabia', date: '2025-02-18' } },
    { id: 'f3', kind: 'role', text: rutte, ...spanOf(text, rutte), paragraph: paragraphOf(text, bodyStart, spanOf(text, rutte).start), values: [{ type: 'role', text: 'NATO chief Mark Rutte', person: 'Mark Rutte', role: 'NATO chief' }], people: ['Donald Trump', 'Mark Rutte'], places: [] },
  ];
  const { text: _t, bodyStart: _b, titleSpan: _s, hash: _h, ...meta } = article;
  return { article: meta, quotes, people: [...byId.values()], facts };
}

/** A stand-in extractor for store tests: the fixture for the launch article, nothing for others. */
export function fixtureExtract(article: Article): Extraction {
  if (article.text.includes('Keir Starmer has warned')) return launchExtraction(article);
  const { text: _t, bodyStart: _b, titleSpan: _s, hash: _h, ...meta } = article;
  return { article: meta, quotes: [], people: [], facts: [] };
}
