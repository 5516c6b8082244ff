// Messages between the answer pool and its workers. Everything crossing is plain data: a parsed
// command and its channel context one way, a neutral Reply (or a log line) the other.
import type { ChannelContext, Command } from '../../core/commands/types.ts';
import type { Reply } from '../../core/reply/types.ts';

export interface WorkerInit {
  databasePath: string;
  /** BRIEFING_DATABASE_URL: the web tables (whose articles are whose) are in PostgreSQL. */
  databaseUrl?: string;
  /** Niceness added to the worker thread (Linux schedules threads separately), so acks come first. */
  nice: number;
}

export type ToWorker = { type: 'run'; id: number; command: Command; ctx: ChannelContext };

export type FromWorker =
  | { type: 'ready'; ms: number }
  | { type: 'reply'; id: number; reply: Reply }
  | { type: 'log'; level: 'debug' | 'info' | 'warn' | 'error'; message: string; fields: Record<string, unknown> };
