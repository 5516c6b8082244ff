// The one command grammar's result. `parseCommand` (commands/parse.ts) turns the text a user types
import type { Reply } from '../reply/types.ts';
// after `/brief` into a Command; every adapter hands Commands to the same executor.

export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7; // ISO: Monday = 1 … Sunday = 7

export type DigestAction =
  | { action: 'preview' }
  | { action: 'subscribe'; time: string /* HH:MM */; timezone?: string; weekdays?: Weekday[] }
  | { action: 'unsubscribe' }
  | { action: 'status' };

export type Command =
  | { name: 'ask'; question: string }
  | { name: 'quotes'; speaker?: string; topic?: string }
  | { name: 'facts'; topic?: string }
  | { name: 'who'; person: string }
  | ({ name: 'digest' } & DigestAction)
  | { name: 'help'; about?: string };

export type CommandName = Command['name'];

/** A command that could not be parsed: one line for the user, and the usage to show. */
export interface CommandError {
  error: string;
  usage: string;
}

/** Where a command came from; digest commands act on this channel. */
export interface ChannelContext {
  platform: 'slack' | 'discord' | 'console';
  /** Slack team id, Discord guild id, or `local` for the console. */
  workspace: string;
  channel: string;
  user: string;
  /** Whether the user may manage this channel's digest subscription. */
  canManage: boolean;
}

/** Digest behaviour behind `/brief digest …`; implemented by the scheduling module. */
export interface DigestCommands {
  preview(ctx: ChannelContext): Promise<Reply>;
  subscribe(ctx: ChannelContext, spec: { time: string; timezone?: string; weekdays?: Weekday[] }): Promise<Reply>;
  unsubscribe(ctx: ChannelContext): Promise<Reply>;
  status(ctx: ChannelContext): Promise<Reply>;
}

/** The core facade every adapter talks to. */
export interface Briefing {
  /** Parses `input` (the text after `/brief`) and answers it. Never throws for bad user input. */
  run(input: string, ctx: ChannelContext): Promise<Reply>;
  /** Answers an already-parsed command. */
  execute(command: Command, ctx: ChannelContext): Promise<Reply>;
  /** People whose names or aliases fuzzily match `query`, best first (for autocomplete). */
  suggestPeople(query: string, limit: number): Promise<{ name: string; role: string | null }[]>;
}
