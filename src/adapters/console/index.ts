// The console as an adapter the app can start and stop like Slack or Discord. Its session ending
// (Ctrl-D, EOF on a pipe, `exit`) is reported through `ended`, so the app can shut down.
import type { Briefing } from '../../core/commands/types.ts';
import type { Logger } from '../../log.ts';
import { startConsoleSession, type ConsoleSession } from './session.ts';

export { renderText, LIMITS } from './render.ts';

export interface ConsoleAdapterOptions {
  briefing: Briefing;
  logger: Logger;
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  terminal?: boolean;
  historyFile?: string | null;
}

export interface ConsoleAdapter {
  readonly name: 'console';
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Settles when the user ends the session. */
  readonly ended: Promise<void>;
  /** Whether the session is interactive (a terminal); known once started. */
  readonly interactive: boolean;
  /** Writes a log line above the prompt (falls back to stderr before start and after stop). */
  notice(text: string): void;
}

export function createConsoleAdapter(opts: ConsoleAdapterOptions): ConsoleAdapter {
  let session: ConsoleSession | null = null;
  let markEnded!: () => void;
  const ended = new Promise<void>((resolve) => (markEnded = resolve));
  let interactive = false;
  return {
    name: 'console',
    ended,
    get interactive() {
      return interactive;
    },
    notice(text) {
      if (session) session.notice(text);
      else process.stderr.write(`${text}\n`);
    },
    async start() {
      if (session) return;
      const input = opts.input ?? process.stdin;
      interactive = opts.terminal ?? Boolean((input as { isTTY?: boolean }).isTTY);
      session = startConsoleSession({
        briefing: opts.briefing,
        input,
        output: opts.output ?? process.stdout,
        ...(opts.terminal !== undefined ? { terminal: opts.terminal } : {}),
        historyFile: opts.historyFile ?? null,
        logger: opts.logger,
      });
      void session.done.then(() => {
        session = null;
        markEnded();
      });
    },
    async stop() {
      if (!session) return;
      session.close();
      await session.done;
    },
  };
}
