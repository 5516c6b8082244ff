// `npm run eval:ask`: asks the briefing question set (test/fixtures/briefing/questions.yaml) over the
// fixture briefing and prints precision@3 and false denials, overall and per class, then the misses.
// `--json` prints the scores as JSON; `--quiet` leaves out the misses. `--postgres` asks the same
// set over the PostgreSQL knowledge store instead (BRIEFING_DATABASE_URL, an empty database, or
// else a throwaway cluster started for the run).
import { startCluster, type PgCluster } from '../test/pg/cluster.ts';
import { openBriefingOn, runQuestions, vectorsFor } from '../test/eval/question-set.ts';

const json = process.argv.includes('--json');
const quiet = process.argv.includes('--quiet');
let cluster: PgCluster | null = null;
let databaseUrl: string | undefined;
if (process.argv.includes('--postgres')) {
  databaseUrl = process.env.BRIEFING_DATABASE_URL;
  if (!databaseUrl) {
    const res = await startCluster();
    if (!res.ok) {
      console.error(`eval:ask: no PostgreSQL for --postgres: ${res.reason}`);
      process.exit(1);
    }
    cluster = res.cluster;
    databaseUrl = cluster.url;
  }
  console.error('eval:ask: knowledge on PostgreSQL');
}
const t0 = performance.now();
const briefing = await openBriefingOn({ databaseUrl });
const synced = performance.now();
try {
  for (const e of briefing.errors) console.error(`eval:ask: ${e}`);
  const withVectors = !process.argv.includes('--no-vectors');
  const tv = performance.now();
  const vectors = withVectors ? await vectorsFor(briefing.store) : null;
  if (vectors) console.error(`word vectors: ${vectors.current()!.size} words ready in ${(performance.now() - tv).toFixed(0)} ms`);
  const s = await runQuestions(briefing.store, undefined, vectors);
  const asked = performance.now();
  if (json) {
    console.log(JSON.stringify({ n: s.n, precision: s.precision, falseDenials: s.falseDenials, answerable: s.answerable, byClass: s.byClass }, null, 2));
  } else {
    console.log(`precision@3 ${s.precision.toFixed(3)} over ${s.n} questions; false denials ${s.falseDenials} of ${s.answerable} answerable (${((100 * s.falseDenials) / s.answerable).toFixed(1)}%)`);
    for (const [c, v] of Object.entries(s.byClass)) console.log(`  ${c.padEnd(11)} n=${String(v.n).padStart(3)}  precision@3 ${v.precision.toFixed(3)}  false denials ${v.falseDenials}`);
    console.log(`sync ${((synced - t0) / 1000).toFixed(1)} s, ${s.n} questions in ${(asked - synced).toFixed(0)} ms`);
    if (!quiet) {
      for (const j of s.judged) if (j.p < 1) console.log(`${j.p.toFixed(2)}${j.falseDenial ? ' DENIAL' : ''} [${j.question.class}] ${j.question.q}\n       ${j.why}`);
    }
  }
} finally {
  await briefing.close();
  await cluster?.destroy();
}
