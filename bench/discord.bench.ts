// `npm run bench discord`: 500 `/brief ask` interactions through the fake gateway into the real
// discord.js client and adapter; callback latency = INTERACTION_CREATE sent -> callback POST
// received by the fake. Baseline, same run: a bare discord.js client on the same fake whose
// handler replies "ok" at once (the transport's own round trip). Target: p99 <= 250 ms, 0 errors.
import { Client, Events, GatewayIntentBits, MessageFlags } from 'discord.js';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { createDiscordAdapter } from '../src/adapters/discord/adapter.ts';
import { silentLogger } from '../src/log.ts';
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

function summary(r: Result): { p50: number; p99: number; max: number; errors: number; n: number } {
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

async function adapter(count: number): Promise<Result> {
  const fake = await FakeDiscord.start();
  const a = createDiscordAdapter({
    config: { token: TOKEN, applicationId: fake.applicationId, apiUrl: fake.apiUrl, guildId: fake.guild.id },
    briefing: fakeBriefing(),
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

// Two interleaved rounds each (N/2 per round), so neither side always runs on a colder process.
const merge = (a: Result, b: Result): Result => ({ latencies: [...a.latencies, ...b.latencies], errors: a.errors + b.errors });
const b1 = await baseline(N / 2);
const a1 = await adapter(N / 2);
const b2 = await baseline(N / 2);
const a2 = await adapter(N / 2);
const base = summary(merge(b1, b2));
const adapt = summary(merge(a1, a2));
const f = (n: number) => n.toFixed(2).padStart(8);
console.log(`discord: ${N} /brief ask interactions, ${IN_FLIGHT} in flight (after ${WARMUP} warm-up)`);
console.log(`                        p50 ms    p99 ms    max ms  errors`);
console.log(`baseline (no-op reply) ${f(base.p50)}  ${f(base.p99)}  ${f(base.max)}  ${base.errors}`);
console.log(`adapter (/brief ask)   ${f(adapt.p50)}  ${f(adapt.p99)}  ${f(adapt.max)}  ${adapt.errors}`);
console.log(`ratio adapter/baseline   p50 ${(adapt.p50 / base.p50).toFixed(2)}x   p99 ${(adapt.p99 / base.p99).toFixed(2)}x`);
const ok = adapt.p99 <= 250 && adapt.errors === 0 && adapt.n === N;
console.log(`target p99 <= 250 ms and 0 errors: ${ok ? 'met' : 'NOT met'}`);
process.exit(ok ? 0 : 1);
