// The serving side of the ask benchmark, run as a fresh process over a persisted index: time until
// the first question is answered (from process start and from opening the store), then latency
// over a few hundred varied questions, and the process's peak RSS. Prints one JSON line.
const processStart = 0; // performance.now() counts from process start
const [dbPath, count] = [process.argv[2]!, Number(process.argv[3] ?? 300)];

const tImport = performance.now();
const { KnowledgeStore } = await import('../src/store/sqlite/knowledge/store.ts');
const { knowledgeOver } = await import('../src/app/asking.ts');
const { makeCorpus, generateQuestions } = await import('./ask-corpus.ts');
const tOpen = performance.now();
const store = KnowledgeStore.open({ path: dbPath, readonly: false });
// BENCH_VECTORS=1: with word vectors (cached beside the database; built on the first run).
const { LazyVectors } = await import('../src/core/ask/vectors.ts');
const { VECTOR_VOCABULARY } = await import('../src/app/asking.ts');
const vectors = process.env.BENCH_VECTORS === '1' ? new LazyVectors({ cachePath: `${dbPath}.vectors`, vocabulary: () => store.vocabulary(VECTOR_VOCABULARY) }) : null;
const knowledge = knowledgeOver(store, vectors ? { vectors } : {});
const first = await knowledge.ask('what did the Prime Minister say about the economy');
const tReady = performance.now();
// The first answer never waits for the vectors; the latency below is measured with them loaded.
const vectorWords = vectors ? ((await vectors.ready())?.size ?? 0) : 0;
const tVectors = performance.now();

const corpus = makeCorpus();
const questions = generateQuestions(corpus, count);
for (const q of questions.slice(0, 20)) await knowledge.ask(q); // warm the page cache and lazy structures
const times: number[] = [];
const byForm = new Map<number, number[]>();
let answered = 0;
for (const [i, q] of questions.entries()) {
  const t = performance.now();
  const a = await knowledge.ask(q);
  const ms = performance.now() - t;
  times.push(ms);
  const f = i % 14;
  byForm.set(f, [...(byForm.get(f) ?? []), ms]);
  if (a.results.length) answered++;
}
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const worstForm = [...byForm].map(([f, xs]) => ({ form: f, example: questions[f], p95: pct(xs, 95) })).sort((a, b) => b.p95 - a.p95)[0];
process.stdout.write(
  JSON.stringify({
    vectorWords,
    vectorsReadyMs: vectors ? tVectors - tOpen : null,
    moduleLoadMs: tOpen - tImport,
    readyFromStartMs: tReady - processStart,
    readyFromOpenMs: tReady - tOpen,
    firstAnswerResults: first.results.length,
    questions: questions.length,
    answered,
    p50: pct(times, 50),
    p95: pct(times, 95),
    max: Math.max(...times),
    worstForm,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  }) + '\n',
);
store.close();
