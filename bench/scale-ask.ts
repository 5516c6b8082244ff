// The ask part of `npm run bench scale` (issue 13): the same synthetic briefing (bench/ask-corpus.ts,
// SCALE_ASK_QUOTES quotes, default 1,000,000) stored in SQLite and in PostgreSQL, then the same
// questions asked of each in this process through the real AskEngine; ask p50/p95 on PostgreSQL
// against SQLite as the baseline of the same run. Target: PostgreSQL p95 <= 30 ms at 1M quotes.
// The SQLite index is cached in bench/out/ (as `npm run bench ask` caches it); PostgreSQL's is
// built in the run's throwaway cluster every time.
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { knowledgeOver } from '../src/app/asking.ts';
import type { SearchPort } from '../src/core/ask/port.ts';
import type { Extraction } from '../src/core/model.ts';
import { openPool } from '../src/store/postgres/db.ts';
import { PgKnowledgeStore } from '../src/store/postgres/knowledge/store.ts';
import { KnowledgeStore } from '../src/store/sqlite/knowledge/store.ts';
import { GENERATOR_VERSION, generateArticle, generateQuestions, makeCorpus, type Corpus } from './ask-corpus.ts';

type Item = { extraction: Extraction; hash: string; text: { text: string; bodyStart: number } };

const here = fileURLToPath(new URL('.', import.meta.url));

export interface AskScale {
  quotes: number;
  articles: number;
  sqlite: { buildS: number; cached: boolean; p50: number; p95: number; max: number };
  postgres: { buildS: number; p50: number; p95: number; max: number };
  questions: number;
  sameAnswers: number;
}

/** The corpus's articles in batches of 500 until `quotes` quotes. */
function* batches(corpus: Corpus, quotes: number): Generator<Item[]> {
  let n = 0;
  let articles = 0;
  let batch: Item[] = [];
  while (n < quotes) {
    const g = generateArticle(corpus, 1, articles++);
    n += g.extraction.quotes.length;
    batch.push({ extraction: g.extraction, hash: g.article.hash, text: { text: g.article.text, bodyStart: g.article.bodyStart } });
    if (batch.length === 500) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

function sqliteIndex(corpus: Corpus, quotes: number): { path: string; buildS: number; cached: boolean } {
  mkdirSync(`${here}out`, { recursive: true });
  const path = `${here}out/scale-ask-${quotes}-g${GENERATOR_VERSION}.db`;
  if (existsSync(path)) return { path, buildS: 0, cached: true };
  const tmp = `${path}.building`;
  for (const p of [tmp, `${tmp}-wal`, `${tmp}-shm`]) rmSync(p, { force: true });
  const store = KnowledgeStore.open({ path: tmp });
  const t0 = performance.now();
  for (const b of batches(corpus, quotes)) store.ingestExtractions(b);
  store.close();
  renameSync(tmp, path);
  for (const p of [`${tmp}-wal`, `${tmp}-shm`]) rmSync(p, { force: true });
  return { path, buildS: (performance.now() - t0) / 1000, cached: false };
}

async function timeQuestions(index: SearchPort, questions: string[]): Promise<{ p50: number; p95: number; max: number; answers: string[] }> {
  const knowledge = knowledgeOver(index);
  for (const q of questions.slice(0, 20)) await knowledge.ask(q); // warm caches and lazy structures
  const times: number[] = [];
  const answers: string[] = [];
  for (const q of questions) {
    const t = performance.now();
    const a = await knowledge.ask(q);
    times.push(performance.now() - t);
    answers.push(JSON.stringify([a.message ?? null, a.results.map((r) => r.text)]));
  }
  const sorted = [...times].sort((a, b) => a - b);
  const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
  return { p50: pct(50), p95: pct(95), max: sorted[sorted.length - 1]!, answers };
}

/** Builds both indexes at `quotes` quotes on the database at `url` (empty) and times the same questions on each. */
export async function askAtScale(url: string, quotes: number, questionCount = 300, log: (line: string) => void = console.log): Promise<AskScale> {
  const corpus = makeCorpus();
  const s = sqliteIndex(corpus, quotes);
  log(`ask: SQLite index at ${quotes.toLocaleString()} quotes ${s.cached ? 'cached' : `built in ${s.buildS.toFixed(0)} s`}`);
  const pool = openPool(url, { max: 8 });
  const pg = await PgKnowledgeStore.open({ pool, url, ownsPool: true });
  const t0 = performance.now();
  let articles = 0;
  for (const b of batches(corpus, quotes)) {
    await pg.ingestExtractions(b);
    articles += b.length;
    if (articles % 10_000 === 0) log(`  PostgreSQL: ${articles} articles stored, ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  }
  // What a running server does on its own after a bulk load: statistics for the planner.
  await pool.query('VACUUM ANALYZE');
  const pgBuildS = (performance.now() - t0) / 1000;
  log(`ask: PostgreSQL index built in ${pgBuildS.toFixed(0)} s (${articles} articles)`);
  const sqlite = KnowledgeStore.open({ path: s.path });
  const questions = generateQuestions(corpus, questionCount);
  const a = await timeQuestions(sqlite, questions);
  const b = await timeQuestions(pg, questions);
  const stats = await pg.stats();
  sqlite.close();
  await pg.close();
  const same = a.answers.filter((x, i) => x === b.answers[i]).length;
  return {
    quotes: stats.quotes,
    articles: stats.articles,
    sqlite: { buildS: s.buildS, cached: s.cached, p50: a.p50, p95: a.p95, max: a.max },
    postgres: { buildS: pgBuildS, p50: b.p50, p95: b.p95, max: b.max },
    questions: questions.length,
    sameAnswers: same,
  };
}

/** The report lines of the ask part. */
export function askReport(r: AskScale): string[] {
  return [
    `ask at ${r.quotes.toLocaleString()} quotes (${r.articles.toLocaleString()} articles), ${r.questions} questions, same process, real AskEngine:`,
    `  baseline SQLite (FTS5): p50 ${r.sqlite.p50.toFixed(2)} ms, p95 ${r.sqlite.p95.toFixed(2)} ms, max ${r.sqlite.max.toFixed(1)} ms`,
    `  PostgreSQL (tsvector/GIN, pg_trgm): p50 ${r.postgres.p50.toFixed(2)} ms, p95 ${r.postgres.p95.toFixed(2)} ms, max ${r.postgres.max.toFixed(1)} ms (build ${r.postgres.buildS.toFixed(0)} s)`,
    `  ratio PostgreSQL/SQLite: p50 ${(r.postgres.p50 / r.sqlite.p50).toFixed(2)}x, p95 ${(r.postgres.p95 / r.sqlite.p95).toFixed(2)}x; same answers ${r.sameAnswers}/${r.questions}; target PostgreSQL p95 <= 30 ms: ${r.postgres.p95 <= 30 ? 'met' : 'NOT met'}`,
  ];
}

/** An empty database `name` on the server at `url` (a superuser URL), for the ask part. */
export async function emptyDatabase(url: string, name: string): Promise<string> {
  const { default: pg } = await import('pg');
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

// Run alone (`node --import tsx bench/scale-ask.ts`): the ask part only, in its own throwaway cluster.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { startCluster } = await import('../test/pg/cluster.ts');
  const started = await startCluster();
  if (!started.ok) {
    console.log(`scale ask: skipped, no PostgreSQL: ${started.reason}`);
    process.exit(0);
  }
  try {
    const r = await askAtScale(await emptyDatabase(started.cluster.url, 'scale_ask'), Number(process.env.SCALE_ASK_QUOTES ?? 1_000_000));
    for (const line of askReport(r)) console.log(line);
  } finally {
    await started.cluster.destroy();
  }
}
