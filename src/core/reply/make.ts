// Small constructors for the replies every command needs, so their shapes stay uniform.
import type { Reply, ReplySection } from './types.ts';

/** A one-line error with the usage line of the command concerned. */
export function errorReply(message: string, usage?: string): Reply {
  const reply: Reply = { tone: 'error', title: message, sections: [], notes: [], more: 0 };
  if (usage) reply.usage = usage;
  return reply;
}

/** A plain informational reply: a title and lines of text. */
export function infoReply(title: string, lines: string[] = [], notes: string[] = []): Reply {
  const sections: ReplySection[] = lines.length ? [{ items: lines.map((text) => ({ type: 'text' as const, text })) }] : [];
  return { tone: 'info', title, sections, notes, more: 0 };
}
