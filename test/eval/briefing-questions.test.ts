// The briefing question set over the real loader, extractor and store: precision@3 and false
// denials must not fall below what was measured (docs/ask.md); `npm run eval:ask` prints the misses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describePg, freshDatabase } from '../pg/db.ts';
import { loadQuestions, openBriefing, openBriefingOn, runQuestions, type Scores } from './question-set.ts';

/** Set from the measured figures; a regression fails. */
const MIN_PRECISION = 0.88;
const MAX_FALSE_DENIALS = 5;

const questions = loadQuestions();
let briefing: ReturnType<typeof openBriefing>;
let scores: Scores;
beforeAll(async () => {
  briefing = openBriefing();
  scores = await runQuestions(briefing.store, questions);
}, 60_000);
afterAll(() => briefing?.close());

describe('briefing question set', () => {
  it('is at least 150 questions covering every class of the issue', () => {
    expect(questions.length).toBeGreaterThanOrEqual(150);
    const classes = new Set(questions.map((q) => q.class));
    for (const c of ['said', 'names', 'not-people', 'resolve', 'meaning', 'few-quotes', 'who', 'when', 'honest', 'bad-input']) expect(classes.has(c), c).toBe(true);
  });

  it('loads every article of the briefing', () => {
    expect(briefing.errors).toEqual([]);
    expect(briefing.store.listArticles().length).toBeGreaterThanOrEqual(60);
  });

  it(`precision@3 is at least ${MIN_PRECISION} with at most ${MAX_FALSE_DENIALS} false denials`, () => {
    const misses = scores.judged.filter((j) => j.p < 1).map((j) => `  ${j.p.toFixed(2)}${j.falseDenial ? ' DENIAL' : ''} ${j.question.q} → ${j.why}`);
    console.log(`precision@3 ${scores.precision} over ${scores.n}; false denials ${scores.falseDenials}\n${misses.join('\n')}`);
    expect(scores.precision).toBeGreaterThanOrEqual(MIN_PRECISION);
    expect(scores.falseDenials).toBeLessThanOrEqual(MAX_FALSE_DENIALS);
  });
});

// The same set over the PostgreSQL knowledge store, held to the same figures.
describePg('briefing question set on PostgreSQL', () => {
  let pg: Awaited<ReturnType<typeof openBriefingOn>>;
  let pgScores: Scores;
  beforeAll(async () => {
    pg = await openBriefingOn({ databaseUrl: await freshDatabase('eval') });
    pgScores = await runQuestions(pg.store, questions);
  }, 120_000);
  afterAll(() => pg?.close());

  it('loads every article of the briefing', async () => {
    expect(pg.errors).toEqual([]);
    expect((await pg.store.listArticles()).length).toBe(briefing.store.listArticles().length);
  });

  it(`precision@3 is at least ${MIN_PRECISION} with at most ${MAX_FALSE_DENIALS} false denials, and the same as on SQLite`, () => {
    console.log(`PostgreSQL: precision@3 ${pgScores.precision} over ${pgScores.n}; false denials ${pgScores.falseDenials}`);
    expect(pgScores.precision).toBeGreaterThanOrEqual(MIN_PRECISION);
    expect(pgScores.falseDenials).toBeLessThanOrEqual(MAX_FALSE_DENIALS);
    expect({ precision: pgScores.precision, falseDenials: pgScores.falseDenials, byClass: pgScores.byClass }).toEqual({
      precision: scores.precision,
      falseDenials: scores.falseDenials,
      byClass: scores.byClass,
    });
  });
});
