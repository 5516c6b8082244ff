// The launch article (published 2025-02-17, a Monday), read through the real loader and extraction.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadArticles } from '../../../../src/core/articles/index.ts';
import { extractArticle } from '../../../../src/core/extract/index.ts';
import type { Fact, FactValue } from '../../../../src/core/model.ts';

const PATH = 'content/2025-02-17-starmer-ukraine-security.md';
let facts: Fact[];

beforeAll(() => {
  const { articles, errors } = loadArticles([PATH]);
  expect(errors).toEqual([]);
  facts = extractArticle(articles[0]!).facts;
});

const valuesOf = (kind: string) => facts.filter((f) => f.kind === kind).flatMap((f) => f.values);
const withValue = (pred: (v: FactValue) => boolean) => facts.filter((f) => f.values.some(pred));

describe('launch article facts', () => {
  it('finds 2.5% of GDP', () => {
    const [f] = withValue((v) => v.type === 'percent' && v.value === 2.5 && v.of === 'GDP');
    expect(f!.text).toMatch(/^The Government is under pressure .* 2\.5% of GDP, as it has promised\.$/);
  });

  it('finds 5% and 3% with Rutte and NATO', () => {
    const [f] = withValue((v) => v.type === 'percent' && v.value === 5);
    expect(f!.values).toEqual([
      { type: 'percent', text: '5%', value: 5, to: 'defence spending' },
      { type: 'percent', text: '3%', value: 3 },
    ]);
    expect(f!.people).toContain('Mark Rutte');
    expect(f!.places).toContain('NATO');
  });

  it('finds the talks in Riyadh on Tuesday, 2025-02-18, as coming', () => {
    const riyadh = facts.filter((f) => f.event?.place === 'Riyadh');
    expect(riyadh).toHaveLength(1);
    expect(riyadh[0]).toMatchObject({ kind: 'event', event: { type: 'talks', place: 'Riyadh', date: '2025-02-18' }, upcoming: true });
    expect(riyadh[0]!.values).toEqual([{ type: 'date', text: 'Tuesday', date: '2025-02-18', precision: 'day' }]);
  });

  it('finds the trip to Washington DC next week, the week of 2025-02-24', () => {
    const [trip] = facts.filter((f) => f.kind === 'event' && f.event?.place === 'Washington DC');
    expect(trip).toMatchObject({ event: { type: 'trip', place: 'Washington DC', date: '2025-02-24' }, upcoming: true });
    expect(trip!.values).toEqual([{ type: 'date', text: 'next week', date: '2025-02-24', end: '2025-03-02', precision: 'week' }]);
  });

  it('resolves "in the spring" to spring 2025', () => {
    const [f] = withValue((v) => v.type === 'date' && v.text === 'in the spring');
    expect(f!.values).toEqual([{ type: 'date', text: 'in the spring', date: '2025-03-01', end: '2025-05-31', precision: 'season' }]);
    expect(f!.upcoming).toBe(true);
  });

  it('finds the emergency summit in Paris, which has happened', () => {
    const [f] = facts.filter((f) => f.event?.type === 'summit');
    expect(f!.event).toEqual({ type: 'summit', place: 'Paris' });
    expect(f!.upcoming).toBeUndefined();
  });

  it('finds the people with their roles', () => {
    const roles = valuesOf('role').map((v) => (v.type === 'role' ? `${v.role} = ${v.person}` : ''));
    expect(roles).toEqual(
      expect.arrayContaining([
        'NATO chief = Mark Rutte',
        'Health Secretary = Wes Streeting',
        'Kremlin spokesman = Dmitry Peskov',
        'Russian Foreign Minister = Sergei Lavrov',
        'aide to Vladimir Putin = Yuriy Ushakov',
        'Former British Army chief = Richard Dannatt',
        'French President = Emmanuel Macron',
        'President = Volodymyr Zelensky',
        'Ukrainian leader = Volodymyr Zelensky',
        'US Secretary of State = Marco Rubio',
        'Prime Minister = Keir Starmer',
        'special envoy = Steve Witkoff',
      ]),
    );
    // Each role once: the later "secretary of state Marco Rubio" repeats a role already stated.
    expect(roles.filter((r) => r.endsWith('= Marco Rubio'))).toEqual(['US Secretary of State = Marco Rubio']);
  });

  it('marks the possible meeting between the two presidents as coming, with both of them', () => {
    const [f] = facts.filter((f) => f.event?.type === 'meeting' && /Presidents Trump and Putin/.test(f.text));
    expect(f!.upcoming).toBe(true);
    expect(f!.people).toEqual(expect.arrayContaining(['Donald Trump', 'Vladimir Putin', 'Dmitry Peskov']));
  });

  it('merges the two statements that Zelensky was not invited', () => {
    const invited = facts.filter((f) => /has not been invited/.test(f.text));
    expect(invited).toHaveLength(1);
    expect(invited[0]!.people).toEqual(['Volodymyr Zelensky']);
    expect(invited[0]!.alsoIn).toHaveLength(1);
    expect(invited[0]!.alsoIn![0]).toBeGreaterThan(invited[0]!.paragraph);
  });

  it('resolves the past: last week and the Monday of publication', () => {
    const [call] = facts.filter((f) => f.event?.type === 'call');
    expect(call).toMatchObject({ event: { type: 'call', date: '2025-02-10' } });
    expect(call!.upcoming).toBeUndefined();
    expect(withValue((v) => v.type === 'date' && v.text === 'on Monday morning')[0]!.values[0]).toMatchObject({ date: '2025-02-17' });
  });

  it('keeps debris out of every fact', () => {
    expect(JSON.stringify(facts)).not.toMatch(/Image:|Anadolu|Getty|AFP/);
    for (const f of facts) expect(f.text).not.toMatch(/^\(|\)\)/);
  });
});
