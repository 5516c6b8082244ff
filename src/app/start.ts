// `briefing start`: the composition root. Opens the briefing, then runs the platform adapters
// whose credentials are configured, or the console when none is, and the digest scheduler (which
// always has the console poster for console subscriptions). Stops everything cleanly, in reverse
// order, exactly once.
import { createConsoleAdapter } from '../adapters/console/index.ts';
import { configuredPlatforms, describeConfig } from '../config/describe.ts';
import { PLATFORM_CONFIGS } from '../config/platforms/index.ts';
import type { Config } from '../config/schema.ts';
import type { Logger } from '../log.ts';
import { defaultHooks } from './hooks.ts';
import { createIngestLeader, sharedKnowledge, type IngestWork } from './ingest-leader.ts';
import { historyPath, openBriefing, type OpenBriefing } from './open.ts';
import type { Adapter, AppHooks, PlatformAdapter } from './types.ts';

export interface StartOptions {
  config: Config;
  logger: Logger;
  /** Files the config came from, for the start-up log. */
  configFiles?: string[];
  /** The config file config digest subscriptions are keyed by (`LoadedConfig.source`). */
  configSource?: string;
  hooks?: AppHooks;
  /** The console's streams (default: the process's). */
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  /** Force the console's terminal mode (default: whether `input` is a TTY). */
  terminal?: boolean;
  /**
   * Called with a writer that prints log lines above the console prompt while an interactive
   * console runs, and with null when it stops; the caller's logger sends its lines there.
   */
  routeLogs?: (write: ((line: string) => void) | null) => void;
  /** Aborted (SIGTERM during start-up): what has started is stopped, and startApp throws StartAborted. */
  signal?: AbortSignal;
}

/** Thrown by startApp when its signal aborts the start: everything started so far has been stopped. */
export class StartAborted extends Error {
  constructor(reason: string) {
    super(`start-up stopped: ${reason}`);
    this.name = 'StartAborted';
  }
}

export interface App {
  readonly adapters: readonly Adapter[];
  readonly opened: OpenBriefing;
  /** Settles once the app has stopped: the console session ended, or `stop()` was called. */
  readonly done: Promise<void>;
  /** Why the app stopped by itself, when an adapter failed for good (see Adapter.fatal); null otherwise. */
  readonly failure: Error | null;
  stop(reason?: string): Promise<void>;
}

export async function startApp(opts: StartOptions): Promise<App> {
  const { config, logger } = opts;
  const hooks = opts.hooks ?? defaultHooks;
  logger.info('starting', { config: describeConfig(config), files: opts.configFiles ?? [] });

  const abortReason = () => String(opts.signal?.reason ?? 'aborted');
  if (opts.signal?.aborted) throw new StartAborted(abortReason());
  hooks.prepare?.(configuredPlatforms(config));
  // Replicas sharing their knowledge sync the content folder one at a time, under the ingest leader.
  const opened = await openBriefing(config, logger, hooks, { watch: true, answerWorkers: true, deferContentSync: sharedKnowledge(config), ...(opts.configSource ? { configSource: opts.configSource } : {}) });
  const adapters: Adapter[] = [];
  let consoleEnded: Promise<void> | null = null;
  let consoleAdapter: ReturnType<typeof createConsoleAdapter> | null = null;
  try {
    const platforms = configuredPlatforms(config);
    const posters = [];
    for (const name of platforms) {
      const factory = hooks.platforms?.[name];
      if (!factory) {
        throw new Error(`${name} is configured but this build has no ${name} adapter; unset the ${PLATFORM_CONFIGS[name].envPrefix}* keys to run without it`);
      }
      // A factory may import its platform's library first; a SIGTERM meanwhile stops the start here.
      const made = Promise.resolve(factory({ ...opened.deps, briefing: opened.briefing }));
      const outcome = await Promise.race([made, aborted(opts.signal)]);
      if (outcome === 'aborted') {
        made.then((a) => a.stop(), () => {}).catch(() => {});
        logger.info('stopping during start-up', { reason: abortReason(), starting: name });
        await stopAll(adapters, logger);
        throw new StartAborted(abortReason());
      }
      const adapter: PlatformAdapter = outcome;
      adapters.push(adapter);
      posters.push(adapter.poster);
    }
    // Content sync and feed polling: one replica at a time when BRIEFING_DATABASE_URL is shared (the
    // ingest lease); with SQLite alone they simply run here.
    const work: IngestWork[] = [];
    if (opened.contentIngest) work.push(opened.contentIngest);
    if (opened.web) {
      const web = opened.web;
      work.push({ name: 'feed poller', start: () => web.start(), stop: () => web.stop() });
    }
    if (work.length) adapters.push(createIngestLeader({ databaseUrl: config.databaseUrl, work, logger, ttlMs: config.ingestLeaseMs }));
    if (hooks.scheduler && !opened.digestsOff) adapters.push(hooks.scheduler({ ...opened.deps, posters }));
    if (platforms.length === 0) {
      consoleAdapter = createConsoleAdapter({
        briefing: opened.briefing,
        logger: logger.child('console'),
        ...(opts.input ? { input: opts.input } : {}),
        ...(opts.output ? { output: opts.output } : {}),
        ...(opts.terminal !== undefined ? { terminal: opts.terminal } : {}),
        historyFile: historyPath(config),
      });
      adapters.push(consoleAdapter);
      consoleEnded = consoleAdapter.ended;
    }
    for (const [i, adapter] of adapters.entries()) {
      if (opts.signal?.aborted) {
        await stopAll(adapters.slice(0, i), logger);
        throw new StartAborted(abortReason());
      }
      const started = adapter.start();
      let outcome: 'started' | 'aborted';
      try {
        outcome = await Promise.race([started.then(() => 'started' as const), aborted(opts.signal)]);
      } catch (err) {
        logger.error(`${adapter.name} failed to start`, { error: err });
        await stopAll(adapters.slice(0, i), logger);
        throw err;
      }
      if (outcome === 'aborted') {
        // Stop the one still starting too (a Discord login, say); its start may then reject.
        started.catch(() => {});
        logger.info('stopping during start-up', { reason: abortReason(), starting: adapter.name });
        await stopAll(adapters.slice(0, i + 1), logger);
        throw new StartAborted(abortReason());
      }
    }
  } catch (err) {
    opened.close();
    if (err instanceof StartAborted) logger.info('stopped');
    throw err;
  }
  logger.info('running', { adapters: adapters.map((a) => a.name) });
  const interactiveConsole = consoleAdapter?.interactive ? consoleAdapter : null;
  if (interactiveConsole) opts.routeLogs?.((line) => interactiveConsole.notice(line));

  let stopping: Promise<void> | null = null;
  let markDone!: () => void;
  const done = new Promise<void>((resolve) => (markDone = resolve));
  const stop = (reason = 'stop requested') => {
    stopping ??= (async () => {
      logger.info('stopping', { reason });
      opts.routeLogs?.(null);
      await stopAll(adapters, logger);
      opened.close();
      logger.info('stopped');
      markDone();
    })();
    return stopping;
  };
  if (consoleEnded) void consoleEnded.then(() => stop('console session ended'));
  let failure: Error | null = null;
  for (const adapter of adapters) {
    void adapter.fatal?.then((err) => {
      if (stopping) return;
      failure = err;
      logger.error(`${adapter.name} cannot continue; stopping`, { error: err });
      void stop(`${adapter.name} failed: ${err.message}`);
    });
  }
  return {
    adapters,
    opened,
    done,
    stop,
    get failure() {
      return failure;
    },
  };
}

/** Settles with 'aborted' when `signal` aborts; never, without one. */
function aborted(signal: AbortSignal | undefined): Promise<'aborted'> {
  return new Promise((resolve) => {
    if (!signal) return;
    if (signal.aborted) return resolve('aborted');
    signal.addEventListener('abort', () => resolve('aborted'), { once: true });
  });
}

async function stopAll(adapters: readonly Adapter[], logger: Logger): Promise<void> {
  for (const adapter of [...adapters].reverse()) {
    try {
      await adapter.stop();
    } catch (err) {
      // One adapter failing to stop must not keep the others (or the database) open.
      logger.error(`${adapter.name} failed to stop cleanly`, { error: err });
    }
  }
}
