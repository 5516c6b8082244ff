// Ingest leadership: the work that only one replica may do at a time (syncing and watching the
// content folder, polling the feeds) runs under a lease held in PostgreSQL (store/postgres/lease.ts,
// measured on the database's clock). The replica holding it runs the work; the others wait, trying
// for the lease every ttl/3. A leader that dies (kill -9, lost host) stops renewing and another
// replica takes over within ttl + ttl/3; one cut off from the database steps down on its own before
// the row expires, so two replicas never ingest at once. The lease is renewed from a worker thread
// (ingest-lease-worker.ts): the leader's main thread, busy extracting for seconds at a time on a
// loaded machine, would otherwise miss renewals, and another replica would start the same sync
// while the first was still writing it (the kill -9 fault test caught exactly that with a 2 s
// ttl). A clean stop hands the lease over at once.
// What the leader commits is in the shared database, so every replica answers from it.
//
// Without BRIEFING_DATABASE_URL (one SQLite instance) there is nobody to share with: the work starts
// at once and runs until the app stops, as it always did.
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Logger } from '../log.ts';
import type { Adapter } from './types.ts';
import { beside, spawnWorker } from '../workers/spawn.ts';

/** One piece of ingest work: started when this replica leads, stopped when it stops leading. */
export interface IngestWork {
  readonly name: string;
  start(): Promise<void> | void;
  stop(): Promise<void> | void;
}

export interface IngestLeaderOptions {
  /** postgres://… to share the work between replicas; without it the work runs here, always. */
  databaseUrl?: string | undefined;
  work: readonly IngestWork[];
  logger: Logger;
  /** Lease length (default 15 s): a dead leader is replaced within ttl + ttl/3. */
  ttlMs?: number;
  /** This replica's name in the lease row (default host:pid:random). */
  holder?: string;
  /** The lease's name: replicas sharing one database and one content folder share one name. */
  name?: string;
}

export interface IngestLeader extends Adapter {
  /** Whether this replica runs the ingest work now. */
  readonly leading: boolean;
  /** The fencing token of the lease while leading (PostgreSQL), else null. */
  readonly token: number | null;
  readonly holder: string;
}

export const INGEST_LEASE = 'ingest';
export const DEFAULT_INGEST_TTL_MS = 15_000;

/**
 * Whether the knowledge store is shared by the replicas, so that one of them ingests for all: with
 * BRIEFING_DATABASE_URL the knowledge is in PostgreSQL too (src/app/knowledge.ts).
 */
export function sharedKnowledge(config: { databaseUrl?: string | undefined }): boolean {
  return Boolean(config.databaseUrl);
}

export function defaultHolder(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

export function createIngestLeader(opts: IngestLeaderOptions): IngestLeader {
  const log = opts.logger.child('ingest');
  const holder = opts.holder ?? defaultHolder();
  let running = false;
  // Starting and stopping the work, one change at a time, in order.
  let changes: Promise<void> = Promise.resolve();

  // Alone (SQLite) there is nothing to tell: the work runs as it always did, under its own name.
  const shared = Boolean(opts.databaseUrl);
  const startWork = async (why: string) => {
    if (running) return;
    running = true;
    if (shared) log.info('running content sync and feed polling on this replica', { why, holder, work: opts.work.map((w) => w.name) });
    for (const w of opts.work) {
      try {
        await w.start();
      } catch (err) {
        // One piece failing (a content folder that cannot be read) does not keep the others from running.
        log.error(`${w.name} failed to start`, { error: err });
      }
    }
  };
  const stopWork = async (why: string) => {
    if (!running) return;
    running = false;
    if (shared) log.info('stopped content sync and feed polling on this replica', { why, holder });
    for (const w of [...opts.work].reverse()) {
      try {
        await w.stop();
      } catch (err) {
        log.error(`${w.name} failed to stop cleanly`, { error: err });
      }
    }
  };
  const queue = (fn: () => Promise<void>) => (changes = changes.then(fn, fn));

  if (!opts.databaseUrl) {
    return {
      name: opts.work.map((w) => w.name).join(' + '),
      holder,
      get leading() {
        return running;
      },
      token: null,
      start: () => queue(() => startWork('single instance (no shared database)')),
      stop: () => queue(() => stopWork('app stopping')),
    };
  }

  const url = opts.databaseUrl;
  const ttlMs = opts.ttlMs ?? DEFAULT_INGEST_TTL_MS;
  let leader: { readonly leading: boolean; readonly token: number | null; stop(): Promise<void> } | null = null;
  let lastError = '';
  return {
    name: 'ingest leader',
    holder,
    get leading() {
      return running && (leader?.leading ?? false);
    },
    get token() {
      return leader?.token ?? null;
    },
    async start() {
      const { sharedPostgres } = await import('../store/postgres/shared.ts');
      const db = sharedPostgres(url, {
        applicationName: `briefing ingest ${holder}`,
        max: 1,
        allowExitOnIdle: true,
        onError: (err) => log.warn('idle connection lost; reconnecting on next use', { error: err.message }),
      });
      try {
        // A database that cannot be used (unreachable, from a newer version) stops the start here, clearly.
        await db.ready;
      } finally {
        await db.close();
      }
      log.info('waiting for the ingest lease (one replica at a time syncs content and polls feeds)', { holder, ttlMs });
      // The lease is renewed from its own thread: a busy main thread cannot let it lapse mid-ingest.
      const worker = spawnWorker(beside(import.meta.url, './ingest-lease-worker.ts'), { workerData: { url, name: opts.name ?? INGEST_LEASE, holder, ttlMs } });
      let token: number | null = null;
      // As alone: a replica that takes the lease at start syncs the folder before it serves.
      let firstTry!: () => void;
      const first = new Promise<void>((resolve) => (firstTry = resolve));
      const giveUp = setTimeout(() => firstTry(), Math.max(1000, ttlMs / 3 + 1000));
      const stopped = new Promise<void>((resolve) => {
        worker.on('message', (m: { type: string; token?: number; why?: string; message?: string }) => {
          if (m.type === 'lead') {
            token = m.token!;
            const started = queue(() => startWork(`holds the ingest lease (token ${m.token})`));
            void started.then(() => firstTry());
          } else if (m.type === 'lose') {
            token = null;
            void queue(() => stopWork(m.why ?? 'lost the lease'));
          } else if (m.type === 'error') {
            if (m.message !== lastError) log.warn('could not reach the database for the ingest lease; retrying', { error: m.message });
            lastError = m.message ?? '';
          } else if (m.type === 'stopped') resolve();
        });
        worker.once('exit', () => resolve());
      });
      worker.on('error', (err) => log.error('the ingest lease thread failed', { error: err }));
      await first;
      clearTimeout(giveUp);
      leader = {
        get leading() {
          return token !== null;
        },
        get token() {
          return token;
        },
        async stop() {
          token = null;
          worker.postMessage({ type: 'stop' });
          await stopped;
          await worker.terminate();
        },
      };
    },
    async stop() {
      // The lease is released only after the work has stopped: the next leader never overlaps this one.
      await queue(() => stopWork('app stopping'));
      await leader?.stop();
    },
  };
}
