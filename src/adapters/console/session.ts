// The terminal session: the same commands a Slack user types, answered as text. Over a TTY it
// has a prompt, line editing, history (kept in a file between runs) and Ctrl-C/Ctrl-D handling;
// over a pipe it reads one command per line, echoes it after the prompt (so the output reads as
// a transcript) and ends at EOF. It takes its streams as arguments so tests can drive it.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { clearLine, createInterface, cursorTo } from 'node:readline';
import type { Briefing, ChannelContext } from '../../core/commands/types.ts';
import { silentLogger, type Logger } from '../../log.ts';
import { LIMITS, renderText, type TextLimits } from './render.ts';

export const PROMPT = 'brief> ';
export const BANNER = 'Briefing console. Type a command (help lists them), with or without /brief. Ctrl-D exits.';
const EXIT_HINT = '(To exit, press Ctrl-C again or Ctrl-D)';
const EXIT_WORDS = new Set(['exit', 'quit', '.exit', ':q']);

export interface ConsoleSessionOptions {
  briefing: Briefing;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** Line editing, prompt, history and Ctrl-C handling. Defaults to whether `input` is a TTY. */
  terminal?: boolean;
  /** Write each command after the prompt before its answer. Defaults to `!terminal`. */
  echo?: boolean;
  prompt?: string;
  /** Where history is kept between runs (terminal sessions only); null keeps it in memory. */
  historyFile?: string | null;
  historySize?: number;
  ctx?: Partial<ChannelContext>;
  limits?: TextLimits;
  logger?: Logger;
}

export interface ConsoleSession {
  /** Settles when the session has ended (Ctrl-D, EOF, `exit`, a second Ctrl-C or `close()`) and every answer is written. */
  done: Promise<void>;
  close(): void;
  /** What Ctrl-C does: clears a half-typed line, or on an empty line asks for a second press, which exits. */
  interrupt(): void;
  /** Writes a line (a log line) above the prompt without breaking the line being typed. */
  notice(text: string): void;
}

export function startConsoleSession(opts: ConsoleSessionOptions): ConsoleSession {
  const { briefing, input, output } = opts;
  const terminal = opts.terminal ?? Boolean((input as { isTTY?: boolean }).isTTY);
  const echo = opts.echo ?? !terminal;
  const prompt = opts.prompt ?? PROMPT;
  const logger = opts.logger ?? silentLogger;
  const limits = opts.limits ?? LIMITS;
  const ctx: ChannelContext = { platform: 'console', workspace: 'local', channel: 'console', user: 'local', canManage: true, ...opts.ctx };
  const historyFile = terminal ? (opts.historyFile ?? null) : null;
  const historySize = opts.historySize ?? 500;

  const rl = createInterface({
    input,
    output,
    terminal,
    prompt,
    history: historyFile ? loadHistory(historyFile, historySize, logger) : [],
    historySize,
    removeHistoryDuplicates: true,
  });
  const write = (text: string) => {
    output.write(text);
  };

  let chain = Promise.resolve();
  let closing = false;
  /** Set when the user or the app ends the session; lines still queued are then dropped. At EOF they are all answered. */
  let stopped = false;
  let armed = false;
  const stop = () => {
    stopped = true;
    rl.close();
  };

  async function handle(raw: string): Promise<void> {
    const line = raw.trim();
    // Lines already read when `exit` closed the session are dropped, as a shell would.
    if (!line || stopped) return;
    if (echo) write(`${prompt}${line}\n`);
    if (EXIT_WORDS.has(line.toLowerCase())) {
      stop();
      return;
    }
    let text: string;
    try {
      text = renderText(await briefing.run(line, ctx), limits);
    } catch (err) {
      // Briefing.run never throws for user input; this is a bug, reported without a stack trace.
      logger.error('console command failed', { error: err });
      text = 'error: something went wrong answering that; it has been logged.';
    }
    write(`${text}\n\n`);
  }

  let pending = 0;
  rl.on('line', (line) => {
    armed = false;
    pending++;
    chain = chain.then(() => handle(line)).then(() => {
      pending--;
      if (terminal && !closing) rl.prompt();
    });
  });

  /** Prints a line above the prompt, keeping what the user is typing (for log lines while idle). */
  const notice = (text: string) => {
    if (!terminal || closing || pending > 0) {
      write(`${text}\n`);
      return;
    }
    clearLine(output, 0);
    cursorTo(output, 0);
    write(`${text}\n`);
    rl.prompt(true);
  };

  if (historyFile) {
    rl.on('history', (history: string[]) => saveHistory(historyFile, history, logger));
  }

  const interrupt = () => {
    if (closing) return;
    if (rl.line.length > 0) {
      armed = false;
      write('^C\n');
      // Move to the end and delete to the start: an empty line and a fresh prompt.
      rl.write(null, { ctrl: true, name: 'e' });
      rl.write(null, { ctrl: true, name: 'u' });
      return;
    }
    if (armed) {
      stop();
      return;
    }
    armed = true;
    write(`\n${EXIT_HINT}\n`);
    rl.prompt();
  };
  rl.on('SIGINT', interrupt);
  // A closed output (`npm start | head`) ends the session instead of crashing the app.
  output.on('error', (err: Error) => {
    logger.warn('console output closed', { error: err.message });
    stop();
  });

  const done = new Promise<void>((resolve) => {
    rl.on('close', () => {
      closing = true;
      void chain.then(() => {
        if (terminal) write('\n');
        resolve();
      });
    });
  });

  write(terminal ? `${BANNER}\n` : `${BANNER}\n\n`);
  if (terminal) rl.prompt();

  return { done, close: stop, interrupt, notice };
}

function loadHistory(file: string, size: number, logger: Logger): string[] {
  try {
    // The file is oldest first; readline wants newest first.
    return readFileSync(file, 'utf8').split('\n').filter(Boolean).slice(-size).reverse();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') logger.warn('cannot read console history', { file, error: err });
    return [];
  }
}

let historyWarned = false;
function saveHistory(file: string, history: string[], logger: Logger): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, [...history].reverse().join('\n') + '\n', { mode: 0o600 });
  } catch (err) {
    if (!historyWarned) logger.warn('cannot save console history; it is kept for this session only', { file, error: err });
    historyWarned = true;
  }
}
