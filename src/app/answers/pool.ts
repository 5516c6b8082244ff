// Answers off the thread that talks to Slack and Discord. A platform must hear back within seconds
// (Slack: an HTTP ack in 3 s; Discord: an interaction reply in 3 s) whatever an answer costs, and
// on one thread every question answered is time no other command can be acknowledged in. So the
// read-only commands (ask, quotes, facts, who) run in worker threads, each with its own read-only
// connection to the same SQLite file; digest commands, which change subscriptions the scheduler on
// this thread owns, and help stay here. The command is parsed once, here, and a worker only ever
// sees the parsed command.
//
// A worker that is still starting, or has died, is covered by answering on this thread, so no
// command is ever lost to the pool; a worker that exits is started again with a growing pause.
import type { Worker } from 'node:worker_threads';
import { beside, spawnWorker } from '../../workers/spawn.ts';
import { errorReply } from '../../core/reply/make.ts';
import type { Reply } from '../../core/reply/types.ts';
import { isCommandError, parseCommand } from '../../core/commands/parse.ts';
import { POOLED_COMMANDS } from '../../core/commands/usage.ts';
import type { Briefing, ChannelContext, Command } from '../../core/commands/types.ts';
import type { Logger } from '../../log.ts';
import type { FromWorker, ToWorker, WorkerInit } from './protocol.ts';

export interface AnswerPoolOptions {
  /** Answers everything the workers do not: digests, help, parse errors, and any command while no worker is ready. */
  local: Briefing;
  /** The database file the workers open read-only (not `:memory:`: a worker cannot see that). */
  databasePath: string;
  /** BRIEFING_DATABASE_URL: the workers read the visibility rules from PostgreSQL. */
  databaseUrl?: string;
  workers: number;
  logger: Logger;
  /** A command taking longer is answered with an error and its worker replaced (default 20 s). */
  timeoutMs?: number;
  /** First pause before restarting a worker that exited; doubles up to 30 s (default 1 s). */
  restartDelayMs?: number;
  /** The worker's module (tests point it elsewhere); default ./worker.ts. */
  workerUrl?: URL;
  /** Niceness the workers add to their own threads, below the acking thread (default 5; 0 keeps it equal). */
  nice?: number;
}

export interface AnswerPool extends Briefing {
  /** Settles when every worker has started (or failed to); answers flow before that, on this thread. */
  readonly ready: Promise<void>;
  stats(): { workers: number; ready: number; inFlight: number; answeredHere: number; answeredByWorkers: number };
  close(): Promise<void>;
}

/** Commands that only read the knowledge. */
const POOLED = POOLED_COMMANDS;

interface Job {
  command: Command;
  ctx: ChannelContext;
  resolve: (reply: Reply) => void;
  /** performance.now() after which the job is given up (checked by one sweeping timer, not a timer per job). */
  deadline: number;
  /** Sent again once after its worker died under it. */
  retried: boolean;
}

interface Slot {
  index: number;
  worker: Worker | null;
  ready: boolean;
  jobs: Map<number, Job>;
  failures: number;
  restart: NodeJS.Timeout | null;
}

export function createAnswerPool(opts: AnswerPoolOptions): AnswerPool {
  const { local, logger } = opts;
  const log = logger.child('answers');
  const timeoutMs = opts.timeoutMs ?? 20_000;
  const baseDelay = opts.restartDelayMs ?? 1000;
  const workerUrl = opts.workerUrl ?? beside(import.meta.url, './worker.ts');
  const slots: Slot[] = Array.from({ length: Math.max(0, opts.workers) }, (_, index) => ({ index, worker: null, ready: false, jobs: new Map(), failures: 0, restart: null }));
  let nextId = 1;
  let closed = false;
  let answeredHere = 0;
  let answeredByWorkers = 0;
  const firstStarts: Promise<void>[] = [];

  function spawn(slot: Slot): Promise<void> {
    const init: WorkerInit = { databasePath: opts.databasePath, ...(opts.databaseUrl ? { databaseUrl: opts.databaseUrl } : {}), nice: opts.nice ?? 5 };
    const worker = spawnWorker(workerUrl, { workerData: { ...init }, stdout: false, stderr: false });
    slot.worker = worker;
    slot.ready = false;
    return new Promise<void>((started) => {
      worker.on('message', (m: FromWorker) => {
        switch (m.type) {
          case 'ready':
            slot.ready = true;
            slot.failures = 0;
            log.debug('answer worker ready', { worker: slot.index, ms: m.ms });
            started();
            return;
          case 'reply': {
            const job = slot.jobs.get(m.id);
            if (!job) return;
            slot.jobs.delete(m.id);
            answeredByWorkers++;
            job.resolve(m.reply);
            return;
          }
          case 'log':
            log[m.level](m.message, { worker: slot.index, ...m.fields });
            return;
        }
      });
      worker.on('error', (err) => log.error('answer worker failed', { worker: slot.index, error: err }));
      worker.on('exit', (code) => {
        started();
        if (slot.worker !== worker) return;
        slot.worker = null;
        slot.ready = false;
        if (closed) return;
        slot.failures++;
        const delay = Math.min(30_000, baseDelay * 2 ** Math.min(slot.failures - 1, 5));
        log.warn('answer worker exited; answering on the main thread until it is back', { worker: slot.index, code, restartInMs: delay });
        const orphans = [...slot.jobs.entries()];
        slot.jobs.clear();
        for (const [, job] of orphans) {
          if (job.retried) job.resolve(errorReply('that answer failed twice; it has been logged. Please try again.'));
          else void dispatch(job.command, job.ctx, true).then(job.resolve);
        }
        slot.restart = setTimeout(() => {
          slot.restart = null;
          if (!closed) void spawn(slot);
        }, delay);
        slot.restart.unref();
      });
    });
  }

  for (const slot of slots) firstStarts.push(spawn(slot));

  const sweeper = slots.length ? setInterval(giveUpLate, Math.max(10, Math.min(1000, timeoutMs / 4))) : null;
  sweeper?.unref();

  function giveUpLate(): void {
    const now = performance.now();
    for (const slot of slots) {
      let late = false;
      for (const [id, job] of slot.jobs) {
        if (job.deadline > now) continue;
        slot.jobs.delete(id);
        late = true;
        log.error('an answer took too long; replacing its worker', { worker: slot.index, command: job.command.name, timeoutMs });
        job.resolve(errorReply('that took too long to answer; it has been logged. Please try a narrower question.'));
      }
      // Its other commands are answered again when it exits.
      if (late) void slot.worker?.terminate();
    }
  }

  function pick(): Slot | null {
    let best: Slot | null = null;
    for (const s of slots) if (s.ready && s.worker && (!best || s.jobs.size < best.jobs.size)) best = s;
    return best;
  }

  function dispatch(command: Command, ctx: ChannelContext, retried = false): Promise<Reply> {
    const slot = POOLED.has(command.name) && !closed ? pick() : null;
    if (!slot) {
      answeredHere++;
      return local.execute(command, ctx);
    }
    return new Promise<Reply>((resolve) => {
      const id = nextId++;
      // The context as data: a platform's delivery check is a function (cannot be cloned), and only
      // digest commands, which stay on this thread, use it.
      const { checkDelivery: _, ...data } = ctx;
      const msg: ToWorker = { type: 'run', id, command, ctx: data };
      slot.worker!.postMessage(msg);
      slot.jobs.set(id, { command, ctx, resolve, deadline: performance.now() + timeoutMs, retried });
    });
  }

  return {
    ready: Promise.all(firstStarts).then(() => undefined),
    async run(input, ctx) {
      let parsed;
      try {
        parsed = parseCommand(input);
      } catch {
        return local.run(input, ctx);
      }
      // Errors and usage are the local briefing's to phrase; they cost nothing to answer.
      if (isCommandError(parsed)) return local.run(input, ctx);
      return dispatch(parsed, ctx);
    },
    execute: (command, ctx) => dispatch(command, ctx),
    suggestPeople: (query, limit, where) => local.suggestPeople(query, limit, where),
    stats() {
      return {
        workers: slots.length,
        ready: slots.filter((s) => s.ready).length,
        inFlight: slots.reduce((n, s) => n + s.jobs.size, 0),
        answeredHere,
        answeredByWorkers,
      };
    },
    async close() {
      if (closed) return;
      closed = true;
      if (sweeper) clearInterval(sweeper);
      for (const slot of slots) {
        if (slot.restart) clearTimeout(slot.restart);
        // Whatever is still pending is answered here rather than dropped.
        for (const job of slot.jobs.values()) {
          void local.execute(job.command, job.ctx).then(job.resolve);
        }
        slot.jobs.clear();
      }
      await Promise.all(slots.map((s) => s.worker?.terminate()));
    },
  };
}
