// Opening the briefing: the knowledge store synced with the content folder, the digest commands
// when this build has them, and the Briefing facade over both. Shared by `briefing start` and the
// one-shot `briefing brief`.
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Config } from '../config/schema.ts';
import { createBriefing } from '../core/commands/briefing.ts';
import type { Knowledge } from '../core/ask/types.ts';
import type { Briefing, DigestCommands } from '../core/commands/types.ts';
import type { Logger } from '../log.ts';
import { openDb, type Db } from '../store/sqlite/db.ts';
import { openStateDb, statePathFor } from '../store/sqlite/state.ts';
import type { SyncReport, WatchHandle } from '../store/ingest/sync.ts';
import type { IngestWork } from './ingest-leader.ts';
import { knowledgeOver, vectorCachePath, warmUp, wordVectorsOn } from './asking.ts';
import { openKnowledge, type BriefingStore } from './knowledge.ts';
import { EMPTY_FOLDER_GRACE_MS } from '../store/ingest/sync.ts';
import { spareCores } from '../workers/spawn.ts';
import { createAnswerPool } from './answers/pool.ts';
import type { AppDeps, AppHooks } from './types.ts';
import type { WebModule } from '../web/index.ts';
import { openWebStorage, type OpenedWebStorage } from './web-storage.ts';

export interface OpenBriefing {
  /** The SQLite file, or with BRIEFING_DATABASE_URL the PostgreSQL every replica shares. */
  store: BriefingStore;
  /** Asking over the store (the AskEngine in this thread). */
  knowledge: Knowledge;
  briefing: Briefing;
  digests: DigestCommands | undefined;
  /**
   * Whether digests are off because the state file cannot be written (beside a read-only database):
   * no delivery could be recorded, so `briefing start` runs no scheduler.
   */
  digestsOff: boolean;
  /** Links and feeds, when this build has them; its poller is started by `briefing start`. */
  web: WebModule | undefined;
  /** The content sync and watch, when `deferContentSync` left them to the caller (and the store is writable). */
  contentIngest: IngestWork | undefined;
  deps: AppDeps;
  close(): void;
}

export interface OpenOptions {
  /** Pick up content changes while running (with config.watchContent). */
  watch?: boolean;
  /** Answer questions in worker threads (config.answerWorkers); for long-running bots, not one-shot commands. */
  answerWorkers?: boolean;
  /** The config file config digest subscriptions are keyed by (`LoadedConfig.source`). */
  configSource?: string;
  /**
   * Leave the content sync (and watch) to the caller, as `contentIngest`: the ingest leader runs it
   * on one replica at a time when the replicas share their knowledge.
   */
  deferContentSync?: boolean;
}

export async function openBriefing(config: Config, logger: Logger, hooks: AppHooks, opts: OpenOptions = {}): Promise<OpenBriefing> {
  const store = await openKnowledge({ databasePath: config.databasePath, databaseUrl: config.databaseUrl, logger: logger.child('store'), name: 'knowledge' });
  // BRIEFING_WORD_VECTORS=1: topics by meaning through word vectors too, loaded in the background.
  const knowledge = knowledgeOver(store, wordVectorsOn() ? { vectors: { cachePath: vectorCachePath(config.databasePath) } } : {});
  let db: Db | null = null;
  let stateWritable = true;
  // Beside a read-only database the state file usually cannot be written either (issue 15 item 8):
  // answers still need its read side (which workspace added which article), so it is read as it is,
  // or as an empty one in memory when there is none, and digests are off.
  const openState = (): Db => {
    try {
      return openStateDb(config.databasePath);
    } catch (err) {
      if (!store.readonly) throw err;
      stateWritable = false;
      const path = statePathFor(config.databasePath);
      logger.warn('digests are off: the state file beside the read-only database cannot be written, so no delivery could be recorded', { statePath: path, error: (err as Error).message });
      return existsSync(path) ? openDb(path, { readonly: true }) : openDb(':memory:');
    }
  };
  let contentIngest: IngestWork | undefined;
  let webStorage: OpenedWebStorage | null = null;
  const stateDb = () => (db ??= openState());
  const deps: AppDeps = {
    config,
    store,
    db: stateDb,
    webStorage: () => (webStorage ??= openWebStorage({ databaseUrl: config.databaseUrl, stateDb, logger, name: 'web', oneShot: !opts.watch })),
    logger,
    ...(opts.configSource ? { configSource: opts.configSource } : {}),
  };
  try {
    if (store.readonly) {
      logger.warn('the database is read-only: answering from what it holds; new content is not stored', { databasePath: config.databasePath });
    } else {
      contentIngest = contentWork(store, config, logger, opts.watch ?? false);
      if (!opts.deferContentSync) {
        await contentIngest.start();
        contentIngest = undefined;
      }
    }
    deps.db();
    // With a shared database (BRIEFING_DATABASE_URL) subscriptions and the ledger live there instead.
    const digestsOff = !stateWritable && !config.databaseUrl;
    const digests = digestsOff ? undefined : hooks.digests?.(deps);
    const web = store.readonly ? undefined : hooks.web?.(deps);
    const rules = deps.webStorage();
    // PostgreSQL: no answer before the replica knows whose each article is.
    await rules.ready;
    const local = createBriefing({ knowledge, ...(digests ? { digests } : {}), ...(web ? { web: web.commands } : {}), visibility: rules.visibility, logger: logger.child('commands') });
    // A running bot loads the lexicons now, not inside the first user's command.
    if (opts.answerWorkers) {
      try {
        await warmUp(knowledge);
      } catch (err) {
        logger.warn('the knowledge store could not answer a test question', { error: err });
      }
    }
    // Answer workers open the SQLite file read-only; on PostgreSQL this thread only awaits the database.
    const workers = opts.answerWorkers && !config.databaseUrl ? answerWorkerCount(config) : 0;
    const pool = workers > 0 ? createAnswerPool({ local, databasePath: config.databasePath, workers, logger }) : null;
    return {
      store,
      knowledge,
      briefing: pool ?? local,
      digests,
      digestsOff,
      web,
      contentIngest,
      deps,
      close() {
        // Commands still with a worker are answered here before the store closes under them.
        void pool?.close();
        void web?.stop();
        void webStorage?.close();
        void store.close();
        if (db?.open) db.close();
      },
    };
  } catch (err) {
    void (webStorage as OpenedWebStorage | null)?.close();
    void store.close();
    if (db && (db as Db).open) (db as Db).close();
    throw err;
  }
}

/** Syncing the content folder into the store, then (with `watch` and config.watchContent) watching it. */
function contentWork(store: BriefingStore, config: Config, logger: Logger, watch: boolean): IngestWork {
  let watcher: WatchHandle | null = null;
  return {
    name: 'content sync',
    async start() {
      const skippedLogged = new Set<string>();
      logSync(logger, await store.syncContent(config.contentDir), skippedLogged);
      if (watch && config.watchContent) {
        watcher = store.watch(config.contentDir, (r: SyncReport) =>
          r.added.length || r.updated.length || r.removed.length || r.renamed.length || r.errors.length || r.held || r.notStored || r.skipped.some((s: { path: string }) => !skippedLogged.has(s.path))
            ? logSync(logger, r, skippedLogged)
            : undefined,
        );
      }
    },
    stop() {
      watcher?.close();
      watcher = null;
    },
  };
}

/** Logs a sync: counts, each error once (a failing file is reported again only when it changes), renames, and each skipped file the first time. */
export function logSync(logger: Logger, r: SyncReport, skippedLogged: Set<string> = new Set()): void {
  logger.info('content synced', {
    dir: r.dir,
    added: r.added.length,
    updated: r.updated.length,
    removed: r.removed.length,
    ...(r.renamed.length ? { renamed: r.renamed.length } : {}),
    unchanged: r.unchanged,
    errors: r.errors.length,
    ...(r.stillFailing ? { stillFailing: r.stillFailing } : {}),
    ...(r.skipped.length ? { skipped: r.skipped.length } : {}),
    ms: r.ms,
  });
  for (const e of r.errors) {
    const where = `${e.path}${e.line ? `:${e.line}` : ''}`;
    (e.severity === 'warning' ? logger.warn : logger.error)(`article ${e.severity}: ${where}: ${e.message}`);
  }
  if (r.notStored) logger.warn(r.notStored);
  for (const m of r.renamed) logger.info(`article renamed: ${m.from} -> ${m.to} (same content: same article, first seen as before)`);
  for (const s of r.skipped) {
    if (skippedLogged.has(s.path)) continue;
    skippedLogged.add(s.path);
    logger.info(`skipped: ${s.path}: ${s.reason}`);
  }
  if (r.held) {
    logger.warn(`the content folder ${r.dir} has no articles: keeping the ${r.held} stored articles for now (removed if it stays empty for ${EMPTY_FOLDER_GRACE_MS / 60_000} minutes)`);
  }
}

/** Worker threads for answers: none for an in-memory database, which a worker cannot open. */
export function answerWorkerCount(config: Config, cpus?: number): number {
  if (config.databasePath === ':memory:') return 0;
  if (config.answerWorkers === 'auto') return spareCores(cpus);
  return config.answerWorkers;
}

/** Where the console keeps its history: next to the database. */
export function historyPath(config: Config): string | null {
  return config.databasePath === ':memory:' ? null : `${dirname(config.databasePath)}/console_history`;
}
