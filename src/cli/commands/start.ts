// `briefing start` (`npm start`): runs the bot. Slack and/or Discord when their tokens are set,
// otherwise the console; with stdin not a terminal, the console reads one command per line and
// exits at EOF. SIGINT and SIGTERM stop everything cleanly, during start-up too. An adapter that
// fails for good (Discord gateway close 4004: the token was reset) stops the app with exit 78.
import { EXIT_CONFIG, loadConfigOrReport } from '../../app/boot.ts';
import { startApp, StartAborted, type App } from '../../app/start.ts';
import { createLogger } from '../../log.ts';
import type { CliCommand } from '../main.ts';

export const command: CliCommand = {
  async run(_args, io) {
    const loaded = loadConfigOrReport(io);
    if (!loaded) return EXIT_CONFIG;
    // While an interactive console runs, log lines are printed above its prompt instead of through it.
    let route: ((line: string) => void) | null = null;
    const logger = createLogger({ level: loaded.config.logLevel, write: (line) => (route ? route(line) : process.stderr.write(`${line}\n`)) });
    // Signals are taken from the first moment: a SIGTERM during start-up (a slow Discord login, a
    // first sync) stops what has started, instead of killing the process half-way.
    const abort = new AbortController();
    let app: App | null = null;
    const onSignal = (signal: NodeJS.Signals) => {
      // A second signal takes the default action (ends the process) if the clean stop hangs.
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      if (app) void app.stop(signal);
      else abort.abort(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    try {
      try {
        app = await startApp({
          config: loaded.config,
          configFiles: loaded.files,
          logger,
          signal: abort.signal,
          ...(process.stderr.isTTY ? { routeLogs: (write: ((line: string) => void) | null) => (route = write) } : {}),
        });
      } catch (err) {
        if (err instanceof StartAborted) {
          exitSoon(0, 500);
          return 0;
        }
        throw err;
      }
      await app.done;
      exitSoon(app.failure ? EXIT_CONFIG : 0, 5_000);
      // An adapter that failed for good (a reset Discord token) is a configuration to fix.
      if (app.failure) {
        io.err(`briefing start: ${app.failure.message}\n`);
        return EXIT_CONFIG;
      }
      return 0;
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  },
};

/**
 * Once everything the app owns has stopped, the process should end by itself. A library handle
 * left open (a login still in flight when a SIGTERM came) must not keep it up: exit after `ms`.
 */
function exitSoon(code: number, ms: number): void {
  setTimeout(() => {
    process.stderr.write(`briefing start: stopped, but handles were still open after ${ms} ms; exiting\n`);
    process.exit(code);
  }, ms).unref();
}
