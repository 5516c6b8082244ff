// Help and usage in the grammar of the platform asking: typed text (`/brief quotes [speaker]
// [about <topic>]`) or named options (`/brief quotes [speaker:<speaker>] [about:<about>]`).
// Both come from the same specs; an example written once in text is shown as options by parsing it
// and asking its command for the options that give it.
import type { Reply } from '../reply/types.ts';
import { PREFIX } from './grammar.ts';
import type { ActionSpec, AnySpec, OptionSpec } from './spec.ts';
import { SPECS, specOf } from './specs/index.ts';
import type { Command, CommandError, CommandName } from './types.ts';

export type CommandForm = 'text' | 'options';

const optionWords = (options: readonly OptionSpec[] | undefined) =>
  (options ?? []).map((o) => (o.required ? `${o.name}:<${o.name}>` : `[${o.name}:<${o.name}>]`));

function actionOf(spec: AnySpec, action: string): ActionSpec | undefined {
  return spec.options.actions?.find((a: ActionSpec) => a.name === action);
}

/** A command's usage as options; with an action, that action's alone. */
export function optionsUsage(name: CommandName, action?: string | null): string {
  const spec = specOf(name);
  const actions = spec.options.actions as readonly ActionSpec[] | undefined;
  if (!actions) return [PREFIX, name, ...optionWords(spec.options.options)].join(' ');
  const one = action ? actionOf(spec, action) : undefined;
  if (one) return [PREFIX, name, one.name, ...optionWords(one.options)].join(' ');
  return `${PREFIX} ${name} ${actions.map((a) => [a.name, ...optionWords(a.options)].join(' ')).join(' | ')}`;
}

/** A command's summary in the given grammar: what only typed text allows is left out of the options grammar. */
export function summaryIn(spec: AnySpec, form: CommandForm): string {
  return form === 'text' && spec.textSummary ? `${spec.summary} ${spec.textSummary}` : spec.summary;
}

/** A command's usage in the given grammar. */
export function usageIn(name: CommandName, form: CommandForm): string {
  return form === 'options' ? optionsUsage(name) : specOf(name).usage;
}

/** An example (text grammar, no prefix) in the given grammar; null when it does not parse. */
export function exampleIn(example: string, form: CommandForm, parse: (text: string) => Command | CommandError): string | null {
  if (form === 'text') return `${PREFIX} ${example}`;
  const cmd = parse(example);
  if ('error' in cmd) return null;
  return commandIn(cmd, form);
}

/** A parsed command as a person types it in the given grammar, prefix included. */
export function commandIn(cmd: Command, form: CommandForm): string {
  const spec = specOf(cmd.name);
  if (form === 'text') return `${PREFIX} ${spec.format(cmd)}`;
  const { action, values } = spec.options.fromCommand(cmd);
  return [PREFIX, cmd.name, action, ...values.map(([k, v]: [string, string]) => `${k}:${v}`)].filter(Boolean).join(' ');
}

/** Every command, or one in detail. */
export function helpReply(about: CommandName | undefined, form: CommandForm, parse: (text: string) => Command | CommandError): Reply {
  if (about) {
    const spec = specOf(about);
    const examples = spec.examples.map((e: string) => exampleIn(e, form, parse)).filter((e: string | null): e is string => e !== null);
    const sections: Reply['sections'] = [{ items: [{ type: 'text', text: summaryIn(spec, form) }] }];
    const actions = spec.options.actions as readonly ActionSpec[] | undefined;
    if (form === 'options' && actions) {
      sections.push({ heading: 'Actions', items: actions.map((a) => ({ type: 'text' as const, text: `${optionsUsage(about, a.name)}\n    ${a.description}` })) });
    }
    sections.push({ heading: 'Examples', items: examples.map((text) => ({ type: 'text' as const, text })) });
    return { tone: 'info', title: usageIn(about, form), sections, notes: [], more: 0 };
  }
  const note =
    form === 'options'
      ? `Ask a question with ${PREFIX} ask question:what was said about troops. Details: ${PREFIX} help command:<command>.`
      : `A question on its own is asked: ${PREFIX} what was said about troops. Details: ${PREFIX} help <command>.`;
  return {
    tone: 'info',
    title: 'Briefing commands',
    sections: [{ items: SPECS.map((s) => ({ type: 'text' as const, text: `${usageIn(s.name, form)}\n    ${summaryIn(s, form)}` })) }],
    notes: [note],
    more: 0,
  };
}
