// The /brief definition obeys Discord's rules for application commands (the fake does not check
// them, real Discord rejects the whole PUT with 50035 Invalid Form Body).
import { ApplicationCommandOptionType as Opt } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { briefCommand } from '../../../src/adapters/discord/definition.ts';

interface Node {
  name: string;
  description: string;
  type?: number;
  required?: boolean;
  options?: readonly Node[];
  choices?: readonly { name: string; value: string }[];
  min_length?: number;
  max_length?: number;
}

function walk(node: Node, path: string, problems: string[]): void {
  if (!/^[-_\p{Ll}\p{N}]{1,32}$/u.test(node.name)) problems.push(`${path}: name '${node.name}'`);
  if (node.description.length < 1 || node.description.length > 100) problems.push(`${path}: description length ${node.description.length}`);
  const options = node.options ?? [];
  if (options.length > 25) problems.push(`${path}: ${options.length} options`);
  const names = options.map((o) => o.name);
  if (new Set(names).size !== names.length) problems.push(`${path}: duplicate option names`);
  const firstOptional = options.findIndex((o) => !o.required);
  if (firstOptional >= 0 && options.slice(firstOptional).some((o) => o.required)) problems.push(`${path}: required option after an optional one`);
  for (const o of options) {
    if (o.type === Opt.String) {
      if ((o.max_length ?? 6000) > 6000 || (o.min_length ?? 0) < 0) problems.push(`${path} ${o.name}: length bounds`);
      for (const c of o.choices ?? []) if (c.name.length > 100 || c.value.length > 100) problems.push(`${path} ${o.name}: choice too long`);
    }
    walk(o, `${path} ${o.name}`, problems);
  }
}

describe('/brief definition', () => {
  it('follows Discord naming, length and ordering rules', () => {
    const problems: string[] = [];
    walk(briefCommand as unknown as Node, '/brief', problems);
    expect(problems).toEqual([]);
  });

  it('has the subcommands the issue asks for', () => {
    const top = briefCommand.options.map((o) => o.name);
    expect(top).toEqual(['ask', 'quotes', 'facts', 'who', 'speakers', 'digest', 'add', 'feeds', 'help']);
    const digest = briefCommand.options.find((o) => o.name === 'digest') as unknown as Node;
    expect(digest.options?.map((o) => o.name)).toEqual(['preview', 'subscribe', 'unsubscribe', 'status']);
  });

  it('sets no default_member_permissions, which would hide all of /brief (Manage Channels is checked on receipt)', () => {
    expect('default_member_permissions' in briefCommand).toBe(false);
  });
});
