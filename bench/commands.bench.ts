// `npm run bench commands`: what the command layer costs on top of the knowledge. For a mix of
// commands over the launch article it times, per command, the knowledge call alone (baseline:
// the same question asked of KnowledgeStore directly) and the full path a user gets
// (Briefing.run: parse, execute, build the Reply, then render it as console text). It also times
// parsing alone. Figures are medians over BENCH_ROUNDS rounds (default 200), with the ratio to the
// baseline measured in the same run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderText } from '../src/adapters/console/render.ts';
import { loadArticles } from '../src/core/articles/index.ts';
import { createBriefing } from '../src/core/commands/briefing.ts';
import { parseCommand } from '../src/core/commands/parse.ts';
import type { ChannelContext } from '../src/core/commands/types.ts';
import { extractArticle } from '../src/core/extract/index.ts';
import { KnowledgeStore } from '../src/store/sqlite/knowledge/store.ts';
import { knowledgeOver } from '../src/app/asking.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);
const ctx: ChannelContext = { platform: 'console', workspace: 'local', channel: 'bench', user: 'bench', canManage: true };

const dir = mkdtempSync(join(tmpdir(), 'briefing-bench-'));
const store = KnowledgeStore.open({ path: join(dir, 'b.db'), extract: extractArticle, load: loadArticles });
store.syncContent('content');
const knowledge = knowledgeOver(store);
const briefing = createBriefing({ knowledge });

// Each command with the knowledge call that answers it, for the baseline.
const cases: [string, () => unknown][] = [
  ['what did Starmer say about troops', () => knowledge.ask('what did Starmer say about troops', { limit: 8 })],
  ['quotes Lavrov', () => knowledge.quotes({ speaker: 'Lavrov', limit: 10 })],
  ['quotes about defence spending', () => knowledge.quotes({ topic: 'defence spending', limit: 10 })],
  ['facts spending', () => knowledge.facts({ topic: 'spending', limit: 10 })],
  ['who Dannatt', () => knowledge.who('Dannatt')],
  ['digest subscribe 25:00', () => null],
];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

// Warm caches (people, vocabulary, WordNet) so the first round is not measured as a cold start.
for (const [text, direct] of cases) {
  await direct();
  renderText(await briefing.run(text, ctx));
}

console.log(`rounds: ${ROUNDS}; times are medians in microseconds`);
console.log(`${'command'.padEnd(36)} ${'knowledge'.padStart(10)} ${'run+render'.padStart(11)} ${'ratio'.padStart(6)} ${'parse'.padStart(7)}`);
for (const [text, direct] of cases) {
  const base: number[] = [];
  const full: number[] = [];
  const parse: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    let t = performance.now();
    await direct();
    base.push(performance.now() - t);
    t = performance.now();
    renderText(await briefing.run(text, ctx));
    full.push(performance.now() - t);
    t = performance.now();
    parseCommand(text);
    parse.push(performance.now() - t);
  }
  const b = median(base) * 1000;
  const f = median(full) * 1000;
  const ratio = b > 1 ? `${(f / b).toFixed(2)}x` : '–';
  console.log(`${text.padEnd(36)} ${b.toFixed(0).padStart(10)} ${f.toFixed(0).padStart(11)} ${ratio.padStart(6)} ${(median(parse) * 1000).toFixed(1).padStart(7)}`);
}

store.close();
rmSync(dir, { recursive: true, force: true });
