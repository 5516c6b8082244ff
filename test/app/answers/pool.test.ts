// The answer pool: read-only commands answered in worker threads over the same SQLite file, the
// rest on this thread, and nothing lost when a worker is slow, dies or has not started yet.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { getPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAnswerPool, type AnswerPool } from '../../../src/app/answers/pool.ts';
import { answerWorkerCount } from '../../../src/app/open.ts';
import { configSchema } from '../../../src/config/schema.ts';
import { loadArticles } from '../../../src/core/articles/index.ts';
import { createBriefing } from '../../../src/core/commands/briefing.ts';
import type { Briefing, ChannelContext } from '../../../src/core/commands/types.ts';
import { extractArticle } from '../../../src/core/extract/index.ts';
import { createLogger, type Logger } from '../../../src/log.ts';
import { KnowledgeStore } from '../../../src/store/sqlite/knowledge/store.ts';
import { knowledgeOver } from '../../../src/app/asking.ts';
import { migrate } from '../../../src/store/sqlite/db.ts';
import { openStateDb } from '../../../src/store/sqlite/state.ts';
import { SqliteWebStore, sqliteVisibility, webMigrations } from '../../../src/store/sqlite/web.ts';

const CONTENT = new URL('../../../content', import.meta.url).pathname;
const STUB = new URL('./stub-worker.mjs', import.meta.url);
const ctx: ChannelContext = { platform: 'console', workspace: 'local', channel: 'test', user: 'me', canManage: true };

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

function logs(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  return { logger: createLogger({ level: 'debug', write: (l) => lines.push(l) }), lines };
}

/** A knowledge store on a file holding content/, and the briefing over it. */
function setup(): { dir: string; databasePath: string; store: KnowledgeStore; local: Briefing } {
  const dir = mkdtempSync(join(tmpdir(), 'answer-pool-'));
  const databasePath = join(dir, 'briefing.db');
  const store = KnowledgeStore.open({ path: databasePath, extract: extractArticle, load: loadArticles });
  store.syncContent(CONTENT);
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }), () => store.close());
  return { dir, databasePath, store, local: createBriefing({ knowledge: knowledgeOver(store) }) };
}

function pool(opts: Parameters<typeof createAnswerPool>[0]): AnswerPool {
  const p = createAnswerPool(opts);
  cleanup.push(() => p.close());
  return p;
}

const until = async (check: () => boolean, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('createAnswerPool', () => {
  it('answers read-only commands in a worker, exactly as the main thread would', async () => {
    const { databasePath, local } = setup();
    const answers = pool({ local, databasePath, workers: 1, logger: logs().logger });
    await answers.ready;
    expect(answers.stats()).toMatchObject({ workers: 1, ready: 1 });
    for (const input of ['ask what did Starmer say about troops', 'quotes from starmr', 'facts about GDP', 'who is the PM']) {
      const fromWorker = await answers.run(input, ctx);
      expect(fromWorker).toEqual(await local.run(input, ctx));
    }
    expect((await answers.run('ask what did Starmer say about troops', ctx)).sections[0]!.items[0]).toMatchObject({ type: 'quote', speaker: { name: 'Keir Starmer' } });
    expect(answers.stats()).toMatchObject({ answeredByWorkers: 5, answeredHere: 0, inFlight: 0 });
  });

  it('answers in the worker for a chat context that carries a delivery check (a function: never sent to the worker)', async () => {
    const { databasePath, local } = setup();
    const answers = pool({ local, databasePath, workers: 1, logger: logs().logger, timeoutMs: 5000 });
    await answers.ready;
    const slack: ChannelContext = { platform: 'slack', workspace: 'T1', channel: 'C1', user: 'U1', canManage: true, commandForm: 'text', checkDelivery: async () => null };
    const reply = await answers.run('quotes from starmer', slack);
    expect(reply.tone).not.toBe('error');
    expect(reply).toEqual(await local.run('quotes from starmer', slack));
    expect(answers.stats()).toMatchObject({ answeredByWorkers: 1, answeredHere: 0, inFlight: 0 });
  });

  it("keeps what a workspace added from chat its own in the worker too (the web tables are in the state file)", async () => {
    const { databasePath, store } = setup();
    const state = openStateDb(databasePath);
    cleanup.push(() => state.close());
    migrate(state, webMigrations);
    const web = new SqliteWebStore(state);
    // Every article is one that workspace TA added.
    for (const a of store.listArticles()) await web.recordArticle({ articleId: a.id, scope: 'slack:TA', url: `https://example.org/${a.id}`, canonicalUrl: `https://example.org/${a.id}`, textHash: a.hash, title: a.title, feedId: null, addedBy: 'U1', addedAt: 1 });
    const local = createBriefing({ knowledge: knowledgeOver(store), visibility: sqliteVisibility(state) });
    const answers = pool({ local, databasePath, workers: 1, logger: logs().logger });
    await answers.ready;
    const other: ChannelContext = { platform: 'slack', workspace: 'TB', channel: 'C1', user: 'U2', canManage: true };
    const mine: ChannelContext = { ...other, workspace: 'TA' };
    const hidden = await answers.run('quotes from starmer', other);
    expect(hidden).toEqual(await local.run('quotes from starmer', other));
    expect(JSON.stringify(hidden)).not.toContain('Keir Starmer said');
    expect(hidden.sections.flatMap((s) => s.items).filter((i) => i.type === 'quote')).toEqual([]);
    expect((await answers.run('quotes from starmer', mine)).sections.flatMap((s) => s.items).some((i) => i.type === 'quote')).toBe(true);
    expect(answers.stats()).toMatchObject({ answeredByWorkers: 2, answeredHere: 0 });
  });

  it.runIf(existsSync('/proc/self/task'))('runs its workers at a lower priority than the thread that acks', async () => {
    const { databasePath, local } = setup();
    const niceness = () => readdirSync('/proc/self/task').map((t) => Number(readFileSync(`/proc/self/task/${t}/stat`, 'utf8').split(') ')[1]!.split(' ')[16]));
    const before = niceness();
    const answers = pool({ local, databasePath, workers: 2, logger: logs().logger, nice: 3 });
    await answers.ready;
    const base = getPriority();
    expect(niceness().filter((n) => n === base + 3)).toHaveLength(before.filter((n) => n === base + 3).length + 2);
  });

  it('keeps digests, help and malformed commands on the main thread', async () => {
    const { databasePath, local } = setup();
    const answers = pool({ local, databasePath, workers: 1, logger: logs().logger });
    await answers.ready;
    expect((await answers.run('help', ctx)).title).toBe('Briefing commands');
    expect(await answers.run('digest status', ctx)).toEqual(await local.run('digest status', ctx));
    expect((await answers.run('quotes about', ctx)).tone).toBe('error');
    expect(answers.stats()).toMatchObject({ answeredByWorkers: 0, answeredHere: 2 });
  });

  it('answers on the main thread until a worker is ready', async () => {
    const { databasePath, local } = setup();
    const answers = pool({ local, databasePath, workers: 1, logger: logs().logger });
    const reply = await answers.run('ask what did Starmer say about troops', ctx);
    expect(reply.tone).not.toBe('error');
    expect(answers.stats().answeredHere).toBe(1);
  });

  it("sees articles the main connection adds after the worker's caches were filled", async () => {
    const { dir, databasePath, store, local } = setup();
    const answers = pool({ local, databasePath, workers: 1, logger: logs().logger });
    await answers.ready;
    expect((await answers.run('who is Jane Okafor', ctx)).sections.flatMap((s) => s.items)).not.toContainEqual(expect.objectContaining({ type: 'person' }));
    const more = join(dir, 'more');
    mkdirSync(more);
    writeFileSync(
      join(more, 'bridge.md'),
      '---\ntitle: Bridge vote\npublished: 2025-03-01\n---\nThe mayor of Springfield, Jane Okafor, said the vote on the new bridge would take place on Friday.\n\n"We will build it, whatever it costs," Ms Okafor told reporters.\n',
    );
    store.syncContent(more);
    const reply = await answers.run('who is Jane Okafor', ctx);
    expect(reply.sections.flatMap((s) => s.items)).toContainEqual(expect.objectContaining({ type: 'person', name: 'Jane Okafor' }));
    expect(answers.stats().answeredByWorkers).toBe(2);
  });

  it('answers again when a worker dies under a command, and starts a new worker', async () => {
    const { local } = setup();
    const { logger, lines } = logs();
    const answers = pool({ local, databasePath: 'stub#crash', workers: 1, logger, workerUrl: STUB, restartDelayMs: 20 });
    await answers.ready;
    const reply = await answers.run('ask what did Starmer say about troops', ctx);
    expect(reply).toEqual(await local.run('ask what did Starmer say about troops', ctx));
    expect(answers.stats().answeredHere).toBe(1);
    expect(lines.some((l) => l.includes('answer worker exited') && l.includes('"code":3'))).toBe(true);
    expect(lines.some((l) => l.includes('stub up'))).toBe(true);
    await until(() => answers.stats().ready === 1);
  });

  it('gives up on a command that takes too long, with an error reply, and replaces the worker', async () => {
    const { local } = setup();
    const { logger, lines } = logs();
    const answers = pool({ local, databasePath: 'stub#hang', workers: 1, logger, workerUrl: STUB, timeoutMs: 150, restartDelayMs: 20 });
    await answers.ready;
    const reply = await answers.run('ask what did Starmer say about troops', ctx);
    expect(reply.tone).toBe('error');
    expect(reply.title).toMatch(/took too long/);
    expect(lines.some((l) => l.includes('an answer took too long'))).toBe(true);
    await until(() => lines.some((l) => l.includes('answer worker exited')));
    await until(() => answers.stats().ready === 1);
  });

  it('spreads commands over the workers and answers what is pending when closed', async () => {
    const { local } = setup();
    const echo = pool({ local, databasePath: 'stub#echo', workers: 2, logger: logs().logger, workerUrl: STUB });
    await echo.ready;
    const replies = await Promise.all(['ask a', 'ask b', 'quotes from x', 'facts'].map((q) => echo.run(q, ctx)));
    expect(replies.map((r) => r.title)).toEqual(['echo ask', 'echo ask', 'echo quotes', 'echo facts']);
    const hang = pool({ local, databasePath: 'stub#hang', workers: 1, logger: logs().logger, workerUrl: STUB });
    await hang.ready;
    const pending = hang.run('ask what did Starmer say about troops', ctx);
    await hang.close();
    expect(await pending).toEqual(await local.run('ask what did Starmer say about troops', ctx));
    expect(hang.stats()).toMatchObject({ ready: 0, inFlight: 0 });
  });
});

describe('answerWorkerCount', () => {
  const config = (answerWorkers: 'auto' | number, databasePath = 'data/briefing.db') => ({ ...configSchema.parse({ databasePath }), answerWorkers });
  it('uses one worker per core beyond the first, at most 4, unless told a number', () => {
    expect([1, 2, 3, 8, 64].map((cpus) => answerWorkerCount(config('auto'), cpus))).toEqual([0, 1, 2, 4, 4]);
    expect(answerWorkerCount(config(3), 2)).toBe(3);
    expect(answerWorkerCount(config(0), 8)).toBe(0);
  });
  it('runs none over an in-memory database, which a worker cannot open', () => {
    expect(answerWorkerCount(config(2, ':memory:'), 8)).toBe(0);
  });
});
