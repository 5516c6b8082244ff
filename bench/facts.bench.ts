// Fact extraction speed on the PolNeAR dev texts (real news, ~700 words each).
// Baseline in the same run: segmentation of the same texts, which every extraction pays anyway.
// Reports facts per article (ms), its ratio to segmentation, and whole-article extraction rate.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { extractArticle } from '../src/core/extract/index.ts';
import { extractFacts } from '../src/core/extract/facts/index.ts';
import type { Article } from '../src/core/model.ts';
import { segment } from '../src/core/text/segment.ts';

// The dev split lives beside the project (../shared/eval); POLNEAR overrides it.
const root = fileURLToPath(new URL('..', import.meta.url));
const candidates = [process.env.POLNEAR, `${root}../shared/eval/polnear-dev.jsonl`, '/work/shared/eval/polnear-dev.jsonl'];
const DATA = candidates.find((p): p is string => !!p && existsSync(p));
if (!DATA) {
  console.error(`facts bench: no PolNeAR dev file (tried ${candidates.filter(Boolean).join(', ')}); set POLNEAR`);
  process.exit(2);
}
const ROUNDS = Number(process.env.ROUNDS ?? 20);

const articles: Article[] = readFileSync(DATA, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => {
    const d = JSON.parse(line) as { doc: string; title: string; date: string; text: string };
    return {
      id: d.doc, path: d.doc, title: d.title, published: d.date, publishedInferred: false, source: null, url: null,
      tags: [], text: d.text, bodyStart: 0, titleSpan: null, hash: '',
    };
  });
const inputs = articles.map((a) => {
  const x = extractArticle(a); // warm-up, and the people/quotes facts receive in real use
  return { article: a, segments: segment(a.text), people: x.people, quotes: x.quotes };
});

// CPU time of this process (user + system) per round, not wall time: on a shared machine wall
// time mostly measures the neighbours. Reports the best round (least disturbed) and the median.
function time(fn: () => void): { best: number; median: number } {
  for (let w = 0; w < 3; w++) fn(); // warm-up: let the JIT settle
  const rounds: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = process.cpuUsage();
    fn();
    const d = process.cpuUsage(t0);
    rounds.push((d.user + d.system) / 1e3 / articles.length); // ms per article
  }
  rounds.sort((x, y) => x - y);
  return { best: rounds[0]!, median: rounds[rounds.length >> 1]! };
}

let facts = 0;
const seg = time(() => {
  for (const a of articles) segment(a.text);
});
const fx = time(() => {
  facts = 0;
  // A fresh people array per call, as extractArticle makes, so no per-article cache is reused.
  for (const i of inputs) facts += extractFacts({ ...i, people: [...i.people] }).length;
});
const whole = time(() => {
  for (const a of articles) extractArticle(a);
});
const words = articles.reduce((n, a) => n + a.text.split(/\s+/).length, 0) / articles.length;

global.gc?.();
const mem = process.memoryUsage();
const fmt = (t: { best: number; median: number }) => `${t.best.toFixed(3)} ms/article (median ${t.median.toFixed(3)})`;
console.log(`${articles.length} articles, ${words.toFixed(0)} words on average, ${ROUNDS} rounds, ${(facts / articles.length).toFixed(1)} facts/article`);
console.log(`baseline segmentation : ${fmt(seg)}`);
console.log(`facts                 : ${fmt(fx)}  = ${(fx.best / seg.best).toFixed(1)}× segmentation`);
console.log(`whole extractArticle  : ${fmt(whole)} = ${(1000 / whole.best).toFixed(0)} articles/s (median ${(1000 / whole.median).toFixed(0)})  = ${(whole.best / seg.best).toFixed(1)}× segmentation`);
console.log(`heap used ${(mem.heapUsed / 1e6).toFixed(1)} MB, rss ${(mem.rss / 1e6).toFixed(1)} MB`);
