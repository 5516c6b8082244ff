// Turns the options of a `/brief` interaction into the text form of the core grammar
// (`quotes Jane Doe about troops`, `digest subscribe 08:00 Europe/London mon-fri`). The grammar
// itself is parsed once, in the core (formatCommand quotes a speaker that contains `about`, etc.);
// here we only check what Discord's schema promised (required options present and non-blank,
// lengths within the registered limits). Digest time and days stay raw text: the grammar
// validates them and answers with its own usage.
import { ApplicationCommandOptionType as Opt } from 'discord.js';
import { formatCommand } from '../../core/commands/parse.ts';
import { findSubcommand, MANAGE_ACTIONS, MANAGE_FEEDS, usageOf } from './definition.ts';

/** The slice of discord.js' CommandInteractionOption we read. */
export interface RawOption {
  name: string;
  type: number;
  value?: string | number | boolean;
  options?: readonly RawOption[];
}

export type Invocation =
  | { ok: true; text: string; group: string | null; sub: string; needsManage: boolean }
  | { ok: false; error: string; usage: string };

/** Reads the subcommand path and string values out of `interaction.options.data`. */
export function readInvocation(data: readonly RawOption[]): { group: string | null; sub: string | null; values: Map<string, string> } {
  let group: string | null = null;
  let level = data;
  const first = level[0];
  if (first?.type === Opt.SubcommandGroup) {
    group = first.name;
    level = first.options ?? [];
  }
  const subOpt = level[0]?.type === Opt.Subcommand ? level[0] : undefined;
  const leaves = subOpt ? (subOpt.options ?? []) : level;
  const values = new Map<string, string>();
  for (const o of leaves) if (o.value !== undefined) values.set(o.name, String(o.value));
  return { group, sub: subOpt?.name ?? null, values };
}

export function toCommandText(data: readonly RawOption[]): Invocation {
  const { group, sub, values } = readInvocation(data);
  const def = sub ? findSubcommand(group, sub) : undefined;
  if (!sub || !def) {
    const called = ['/brief', group, sub].filter(Boolean).join(' ');
    return {
      ok: false,
      error: `${called} is not a command any more (this server may have an old copy of the command list). Try /brief help.`,
      usage: '/brief help',
    };
  }
  const usage = usageOf(group, sub);
  const clean = new Map<string, string>();
  for (const opt of def.options ?? []) {
    const raw = values.get(opt.name);
    // The grammar is one line: newlines and runs of spaces become single spaces.
    const value = raw === undefined ? undefined : raw.replace(/\s+/g, ' ').trim();
    if (opt.required && !value) return { ok: false, error: `${opt.name} cannot be empty.`, usage };
    if (value && opt.max_length && value.length > opt.max_length) {
      return { ok: false, error: `${opt.name} is too long (${value.length} characters; at most ${opt.max_length}).`, usage };
    }
    if (value) clean.set(opt.name, value);
  }
  const v = (name: string) => clean.get(name);
  let text: string;
  if (group === 'digest') {
    // Days typed as `mon, wed` or `mon - fri` are one argument to the grammar.
    const days = v('days')?.replace(/\s*([,-])\s*/g, '$1');
    text = sub === 'subscribe' ? ['digest subscribe', v('time'), v('timezone'), days].filter(Boolean).join(' ') : `digest ${sub}`;
  } else if (group === 'feeds') {
    text = sub === 'list' ? 'feeds list' : `feeds ${sub} ${v('url')!}`;
  } else {
    switch (sub) {
      case 'ask':
        text = formatCommand({ name: 'ask', question: v('question')! });
        break;
      case 'quotes': {
        const speaker = v('speaker');
        const topic = v('about');
        text = formatCommand({ name: 'quotes', ...(speaker ? { speaker } : {}), ...(topic ? { topic } : {}) });
        break;
      }
      case 'facts': {
        const topic = v('topic');
        text = formatCommand({ name: 'facts', ...(topic ? { topic } : {}) });
        break;
      }
      case 'who':
        text = formatCommand({ name: 'who', person: v('name')! });
        break;
      case 'add':
        text = formatCommand({ name: 'add', url: v('url')! });
        break;
      case 'help': {
        const about = v('command');
        text = formatCommand({ name: 'help', ...(about ? { about } : {}) });
        break;
      }
      default:
        text = [sub, ...clean.values()].join(' ');
    }
  }
  return { ok: true, text, group, sub, needsManage: (group === 'digest' && MANAGE_ACTIONS.has(sub)) || (group === 'feeds' && MANAGE_FEEDS.has(sub)) };
}
