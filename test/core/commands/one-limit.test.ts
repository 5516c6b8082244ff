// Issue 15 item 18: one question length limit, whichever platform it is typed on (it was 1,000 in
// the core and on Slack, 500 on Discord).
import { describe, expect, it } from 'vitest';
import { briefCommand, MAX_LENGTH } from '../../../src/adapters/discord/definition.ts';
import { MAX_INPUT_CHARS as SLACK_MAX } from '../../../src/adapters/slack/input.ts';
import { MAX_INPUT_CHARS, parseCommand } from '../../../src/core/commands/parse.ts';

describe('the question length limit', () => {
  it('is the core limit on Slack and on Discord, and a Discord question at its maximum is accepted', () => {
    expect(SLACK_MAX).toBe(MAX_INPUT_CHARS);
    const ask = (briefCommand.options as { name: string; options?: { name: string; max_length?: number }[] }[]).find((o) => o.name === 'ask')!;
    expect(ask.options!.find((o) => o.name === 'question')!.max_length).toBe(MAX_LENGTH.question);
    expect(MAX_LENGTH.question).toBe(MAX_INPUT_CHARS - 'ask '.length);
    const longest = 'why '.repeat(MAX_LENGTH.question).slice(0, MAX_LENGTH.question - 1) + '?';
    expect(parseCommand(`ask ${longest}`)).toMatchObject({ name: 'ask' });
    expect(parseCommand(`ask ${longest}x`)).toMatchObject({ error: expect.stringContaining('the limit is 1,000') });
  });
});
