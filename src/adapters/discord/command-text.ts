// Turns the options of a `/brief` interaction into the text form of the core grammar
// (`quotes Jane Doe about troops`, `digest subscribe 08:00 Europe/London mon-fri`). Each command's
// spec says how its options read as text (quoting a speaker that contains `about`, etc.), and the
// grammar is parsed once, in the core; here we only check what Discord's schema promised (required
// options present and non-blank, lengths within the registered limits).
import { ApplicationCommandOptionType as Opt } from 'discord.js';
import { findSubcommand, specAt, usageOf } from './definition.ts';

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
  const at = specAt(group, sub)!;
  const text = at.spec.options.toText(clean, group ? sub : null);
  return { ok: true, text, group, sub, needsManage: at.action?.manages ?? false };
}
