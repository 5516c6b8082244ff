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
  | { name: 'add'; url: string }
  | ({ name: 'feeds' } & FeedsAction)
  | { name: 'help'; about?: string };

export type FeedsAction = { action: 'add'; url: string } | { action: 'remove'; url: string } | { action: 'list' };

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
  /**
   * Whether a digest could arrive here, asked before subscribing: null when it can, else one
   * sentence saying why not and exactly what to do (the platform adapter knows its rules).
   */
  checkDelivery?: () => Promise<string | null>;
}

/** Digest behaviour behind `/brief digest …`; implemented by the scheduling module. */
export interface DigestCommands {
  preview(ctx: ChannelContext): Promise<Reply>;
  subscribe(ctx: ChannelContext, spec: { time: string; timezone?: string; weekdays?: Weekday[] }): Promise<Reply>;
  unsubscribe(ctx: ChannelContext): Promise<Reply>;
  status(ctx: ChannelContext): Promise<Reply>;
}

/** Links and feeds behind `/brief add …` and `/brief feeds …`; implemented by the web module. */
export interface WebCommands {
  add(ctx: ChannelContext, url: string): Promise<Reply>;
  feedsAdd(ctx: ChannelContext, url: string): Promise<Reply>;
  feedsRemove(ctx: ChannelContext, url: string): Promise<Reply>;
  feedsList(ctx: ChannelContext): Promise<Reply>;
}

/** The core facade every adapter talks to. */
export interface Briefing {
  /** Parses `input` (the text after `/brief`) and answers it. Never throws for bad user input. */
  run(input: string, ctx: ChannelContext): Promise<Reply>;
  /** Answers an already-parsed command. */
  execute(command: Command, ctx: ChannelContext): Promise<Reply>;
  /**
   * People whose names or aliases fuzzily match `query`, best first (for autocomplete). Only people
   * with something `where` may see: a person whose every article is another workspace's is not
   * suggested. Without `where`, only people of articles every workspace sees.
   */
  suggestPeople(query: string, limit: number, where?: { platform: string; workspace: string }): Promise<{ name: string; role: string | null }[]>;
}
