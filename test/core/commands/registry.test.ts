// The registry is the one source: every spec's examples parse to it, its options and its text
// say the same command, and the tables, help and grammar are derived from it.
import { describe, expect, it } from 'vitest';
import { createBriefing } from '../../../src/core/commands/briefing.ts';
import { exampleIn, optionsUsage } from '../../../src/core/commands/help.ts';
import { formatCommand, isCommandError, parseCommand } from '../../../src/core/commands/parse.ts';
import { SPECS } from '../../../src/core/commands/specs/index.ts';
import type { ChannelContext, Command } from '../../../src/core/commands/types.ts';
import { COMMAND_NAMES, COMMAND_WORDS, POOLED_COMMANDS } from '../../../src/core/commands/usage.ts';
import { MemoryKnowledge } from './memory-knowledge.ts';

const parsed = (text: string): Command => {
  const c = parseCommand(text);
  if (isCommandError(c)) throw new Error(`${text}: ${c.error}`);
  return c;
};

describe('the command registry', () => {
  it('every example parses to its own command (or to ask), and formats back to itself', () => {
    for (const spec of SPECS) {
      for (const example of spec.examples) {
        const cmd = parsed(example);
        expect([spec.name, 'ask']).toContain(cmd.name);
        expect(parsed(formatCommand(cmd))).toEqual(cmd);
      }
    }
  });

  it("every example, given as options, reads back as the same command", () => {
    for (const spec of SPECS) {
      for (const example of spec.examples) {
        const cmd = parsed(example);
        const own = SPECS.find((s) => s.name === cmd.name)!;
        const { action, values } = own.options.fromCommand(cmd);
        expect(parsed(own.options.toText(new Map(values), action))).toEqual(cmd);
      }
    }
  });

  it('derives the words, the pooled set and the command list from the specs', () => {
    expect(COMMAND_NAMES).toEqual(SPECS.map((s) => s.name));
    expect([...POOLED_COMMANDS]).toEqual(['ask', 'quotes', 'facts', 'who', 'speakers']);
    expect(COMMAND_WORDS.get('whois')).toBe('who');
    expect(COMMAND_WORDS.get('constructor')).toBeUndefined();
  });

  it('shows usage and examples in each grammar', () => {
    expect(optionsUsage('quotes')).toBe('/brief quotes [speaker:<speaker>] [about:<about>]');
    expect(optionsUsage('digest', 'subscribe')).toBe('/brief digest subscribe time:<time> [timezone:<timezone>] [days:<days>]');
    expect(exampleIn('digest subscribe 08:30 Europe/London mon-fri', 'options', parseCommand)).toBe('/brief digest subscribe time:08:30 timezone:Europe/London days:mon-fri');
    expect(exampleIn('digest subscribe 08:30 Europe/London mon-fri', 'text', parseCommand)).toBe('/brief digest subscribe 08:30 Europe/London mon-fri');
    expect(exampleIn('quotes Jane Doe about troops', 'options', parseCommand)).toBe('/brief quotes speaker:Jane Doe about:troops');
  });

  it('Slack and the console get help in the text grammar', async () => {
    const b = createBriefing({ knowledge: new MemoryKnowledge() });
    const ctx: ChannelContext = { platform: 'slack', workspace: 'T1', channel: 'C1', user: 'U1', canManage: true };
    const r = await b.run('help digest', ctx);
    expect(r.title).toBe('/brief digest preview | subscribe <HH:MM> [timezone] [days] | unsubscribe | status');
    expect(r.sections.at(-1)!.items.map((i) => (i.type === 'text' ? i.text : ''))).toEqual([
      '/brief digest preview',
      '/brief digest subscribe 08:30 Europe/London mon-fri',
      '/brief digest status',
      '/brief digest unsubscribe',
    ]);
    const all = await b.run('help', { ...ctx, platform: 'console' });
    expect(all.notes).toEqual(['A question on its own is asked: /brief what was said about troops. Details: /brief help <command>.']);
  });

  it('says a question on its own is asked only where commands are typed as text', async () => {
    const b = createBriefing({ knowledge: new MemoryKnowledge() });
    const ctx: ChannelContext = { platform: 'slack', workspace: 'T1', channel: 'C1', user: 'U1', canManage: true };
    const text = (r: { sections: { items: { type: string; text?: string }[] }[] }) => r.sections.flatMap((s) => s.items.map((i) => i.text ?? '')).join('\n');
    const typed = text(await b.run('help ask', ctx));
    expect(typed).toContain('where they come from. A question on its own works too.');
    // And it is true there: a bare question is an ask.
    expect(parsed('what was said about troops')).toEqual({ name: 'ask', question: 'what was said about troops' });
    const asOptions = { ...ctx, platform: 'discord', commandForm: 'options' as const };
    for (const r of [await b.run('help ask', asOptions), await b.run('help', asOptions)]) expect(text(r)).not.toContain('on its own');
    // Only a spec's textSummary holds such a claim: no summary says it in every grammar.
    for (const spec of SPECS) expect(spec.summary, spec.name).not.toMatch(/on its own|bare|without a command/i);
  });
});
