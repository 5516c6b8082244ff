// `briefing start` (`npm start`): runs the bot. Slack and/or Discord when their tokens are set,
// otherwise the console; with stdin not a terminal, the console reads one command per line and
// exits at EOF. SIGINT and SIGTERM stop everything cleanly.
import { EXIT_CONFIG, loadConfigOrReport } from '../../app/boot.ts';
import { startApp } from '../../app/start.ts';
import { createLogger } from '../../log.ts';
import type { CliCommand } from '../main.ts';

export const command: CliCommand = {
  async run(_args, io) {
    const loaded = loadConfigOrReport(io);
    if (!loaded) return EXIT_CONFIG;
    // While an interactive console runs, log lines are printed above its prompt instead of through it.
    let route: ((line: string) => void) | null = null;
    const logger = createLogger({ level: loaded.config.logLevel, write: (line) => (route ? route(line) : process.stderr.write(`${line}\n`)) });
    const app = await startApp({
      config: loaded.config,
      configFiles: loaded.files,
      configSource: loaded.source,
      logger,
      ...(process.stderr.isTTY ? { routeLogs: (write: ((line: string) => void) | null) => (route = write) } : {}),
    });
    const onSignal = (signal: NodeJS.Signals) => void app.stop(signal);
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    try {
      await app.done;
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
    return 0;
  },
};
