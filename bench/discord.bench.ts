// `npm run bench discord`: 500 `/brief ask` interactions through the fake gateway into the real
// discord.js client and adapter; callback latency = INTERACTION_CREATE sent -> callback POST
// received by the fake. Baseline, same run: a bare discord.js client on the same fake whose
// handler replies "ok" at once (the transport's own round trip). Measured twice: with a fixed
// in-memory answer (the adapter's own cost) and with the real briefing over the launch article
// (what users wait for). Target: p99 <= 250 ms, 0 errors.
import { Client, Events, GatewayIntentBits, MessageFlags } from 'discord.js';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { createDiscordAdapter } from '../src/adapters/discord/adapter.ts';
import { loadArticles } from '../src/core/articles/load.ts';
import { createBriefing } from '../src/core/commands/briefing.ts';
import type { Briefing } from '../src/core/commands/types.ts';
import { extractArticle } from '../src/core/extract/index.ts';
import { silentLogger } from '../src/log.ts';
import { KnowledgeStore } from '../src/store/sqlite/knowledge/store.ts';
import { knowledgeOver } from '../src/app/asking.ts';
import { fakeBriefing } from '../test/fakes/discord-briefing.ts';
import { FakeDiscord } from '../test/fakes/discord.ts';

const N = Number(process.env['BENCH_N'] ?? 500);
const WARMUP = 50;
const IN_FLIGHT = 10;
const TIMEOUT_MS = 3_000;
const TOKEN = 'bench.token.not-a-secret';

interface Result {
  latencies: number[];
  errors: number;
}

async function drive(fake: FakeDiscord, count: number): Promise<Result> {
  const sent = new Map<string, number>();
  const pending = new Map<string, () => void>();
  const latencies: number[] = [];
  let errors = 0;
  const off = fake.onCall((call) => {
    const m = call.path.match(/^\/interactions\/(\d+)\/[^/]+\/callback$/);
    if (!m || !sent.has(m[1]!)) return;
    const id = m[1]!;
    latencies.push(performance.now() - sent.get(id)!);
    const body = call.body as { type?: number; data?: { flags?: number } };
    if (body.type !== 4 || (body.data?.flags ?? 0) & MessageFlags.Ephemeral) errors++;
    sent.delete(id);
    pending.get(id)?.();
  });
  const one = () =>
    new Promise<void>((resolve) => {
      const { id } = fake.dispatchInteraction([{ type: 1, name: 'ask', options: [{ type: 3, name: 'question', value: 'what did the prime minister say about troops' }] }]);
      sent.set(id, performance.now());
      const timer = setTimeout(() => {
        errors++;
        sent.delete(id);
        pending.delete(id);
        resolve();
      }, TIMEOUT_MS);
      pending.set(id, () => {
        clearTimeout(timer);
        pending.delete(id);
        resolve();
      });
    });
  let next = 0;
  const workers = Array.from({ length: IN_FLIGHT }, async () => {
    while (next < count) {
      next++;
      await one();
    }
  });
  await Promise.all(workers);
  off();
  return { latencies, errors };
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

type Summary = { p50: number; p99: number; max: number; errors: number; n: number };

function summary(r: Result): Summary {
  const s = [...r.latencies].sort((a, b) => a - b);
  return { p50: pct(s, 50), p99: pct(s, 99), max: s[s.length - 1] ?? NaN, errors: r.errors, n: s.length };
}

async function baseline(count: number): Promise<Result> {
  const fake = await FakeDiscord.start();
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiUrl } });
  client.on(Events.InteractionCreate, (i) => {
    if (i.isChatInputCommand()) void i.reply({ content: 'ok', allowedMentions: { parse: [] } }).catch(() => {});
  });
  const ready = once(client, Events.ClientReady);
  await client.login(TOKEN);
  await ready;
  await drive(fake, WARMUP);
  const r = await drive(fake, count);
  await client.destroy();
  await fake.close();
  return r;
}

async function adapter(count: number, briefing: Briefing): Promise<Result> {
  const fake = await FakeDiscord.start();
  const a = createDiscordAdapter({
    config: { token: TOKEN, applicationId: fake.applicationId, apiUrl: fake.apiUrl, guildId: fake.guild.id },
    briefing,
    logger: silentLogger,
    register: false,
  });
  await a.start();
  await drive(fake, WARMUP);
  const r = await drive(fake, count);
  await a.stop();
  await fake.close();
  return r;
}

const store = KnowledgeStore.open({ path: ':memory:', extract: extractArticle });
store.ingestArticles(loadArticles(['content/2025-02-17-starmer-ukraine-security.md']).articles);
const real = createBriefing({ knowledge: knowledgeOver(store) });
const fixed = fakeBriefing();

// Two interleaved rounds each (N/2 per round), so no side always runs on a colder process.
const merge = (a: Result, b: Result): Result => ({ latencies: [...a.latencies, ...b.latencies], errors: a.errors + b.errors });
const rounds: Result[][] = [[], [], []];
for (let round = 0; round < 2; round++) {
  rounds[0]!.push(await baseline(N / 2));
  rounds[1]!.push(await adapter(N / 2, fixed));
  rounds[2]!.push(await adapter(N / 2, real));
}
const [base, own, full] = rounds.map((r) => summary(merge(r[0]!, r[1]!))) as [Summary, Summary, Summary];
store.close();

const f = (n: number) => n.toFixed(2).padStart(8);
const row = (label: string, r: Summary) => console.log(`${label.padEnd(34)}${f(r.p50)}  ${f(r.p99)}  ${f(r.max)}  ${r.errors}`);
console.log(`discord: ${N} /brief ask interactions per row, ${IN_FLIGHT} in flight (after ${WARMUP} warm-up)`);
console.log(`${''.padEnd(34)}  p50 ms    p99 ms    max ms  errors`);
row('baseline: bare client, no-op reply', base);
row('adapter, fixed answer', own);
row('adapter, real briefing (launch)', full);
for (const [label, r] of [['fixed answer', own], ['real briefing', full]] as const) {
  console.log(`ratio ${label}/baseline: p50 ${(r.p50 / base.p50).toFixed(2)}x  p99 ${(r.p99 / base.p99).toFixed(2)}x`);
}
const ok = full.p99 <= 250 && full.errors === 0 && full.n === N && own.errors === 0;
console.log(`target p99 <= 250 ms and 0 errors (real briefing): ${ok ? 'met' : 'NOT met'}`);
process.exit(ok ? 0 : 1);
