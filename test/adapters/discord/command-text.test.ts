// Slash-command options -> the core grammar's text form, checked against the definition.
import { describe, expect, it } from 'vitest';
import { toCommandText } from '../../../src/adapters/discord/command-text.ts';
import { usageOf } from '../../../src/adapters/discord/definition.ts';
import { parseCommand } from '../../../src/core/commands/parse.ts';
import { digestSub, sub } from './harness.ts';

const text = (options: unknown[]) => toCommandText(options as never);

describe('toCommandText', () => {
  it('serialises each subcommand', () => {
    expect(text(sub('ask', { question: 'what did the PM say?' }))).toMatchObject({ ok: true, text: 'ask what did the PM say?', needsManage: false });
    expect(text(sub('quotes', { speaker: 'Jane Doe', about: 'troops' }))).toMatchObject({ text: 'quotes Jane Doe about troops' });
    expect(text(sub('quotes', { speaker: 'Jane Doe' }))).toMatchObject({ text: 'quotes Jane Doe' });
    expect(text(sub('facts'))).toMatchObject({ text: 'facts' });
    expect(text(sub('who', { name: 'Jane Doe' }))).toMatchObject({ text: 'who Jane Doe' });
    expect(text(sub('help'))).toMatchObject({ text: 'help' });
    expect(text(digestSub('subscribe', { time: '07:30', days: 'mon,wed' }))).toMatchObject({ text: 'digest subscribe 07:30 mon,wed', needsManage: true });
    expect(text(digestSub('unsubscribe'))).toMatchObject({ text: 'digest unsubscribe', needsManage: true });
    expect(text(digestSub('status'))).toMatchObject({ text: 'digest status', needsManage: false });
  });

  it('folds newlines and runs of spaces: the grammar is one line', () => {
    expect(text(sub('ask', { question: '  what\n\nabout   troops ' }))).toMatchObject({ text: 'ask what about troops' });
  });

  it('rejects blank required options and over-long values with the usage', () => {
    expect(text(sub('who', { name: ' ' }))).toEqual({ ok: false, error: 'name cannot be empty.', usage: '/brief who name:<name>' });
    expect(text(sub('quotes', { about: 'x'.repeat(201) }))).toEqual({ ok: false, error: 'about is too long (201 characters; at most 200).', usage: '/brief quotes [speaker:<speaker>] [about:<about>]' });
  });

  it('rejects subcommands the definition does not have', () => {
    expect(text(sub('search'))).toMatchObject({ ok: false, usage: '/brief help' });
    expect(text(digestSub('pause'))).toMatchObject({ ok: false, error: expect.stringContaining('/brief digest pause is not a command any more') });
    expect(text([])).toMatchObject({ ok: false });
  });

  it('usage of a grouped subcommand', () => {
    expect(usageOf('digest', 'subscribe')).toBe('/brief digest subscribe time:<time> [timezone:<timezone>] [days:<days>]');
  });
});

describe('what the real grammar makes of it', () => {
  const parsed = (options: unknown[]) => {
    const inv = text(options);
    if (!inv.ok) throw new Error(inv.error);
    return parseCommand(inv.text);
  };

  it('a speaker containing "about" stays the speaker', () => {
    expect(parsed(sub('quotes', { speaker: 'Tom about Town', about: 'troops' }))).toEqual({ name: 'quotes', speaker: 'Tom about Town', topic: 'troops' });
  });

  it('a name that starts with a question word is still a name', () => {
    expect(parsed(sub('who', { name: 'Will Smith' }))).toEqual({ name: 'who', person: 'Will Smith' });
  });

  it('a question keeps @everyone as text', () => {
    expect(parsed(sub('ask', { question: '@everyone what about troops?' }))).toEqual({ name: 'ask', question: '@everyone what about troops?' });
  });

  it('digest subscribe: loose time and spaced day lists', () => {
    expect(parsed(digestSub('subscribe', { time: '8:00', timezone: 'Europe/London', days: 'mon, wed' }))).toEqual({
      name: 'digest',
      action: 'subscribe',
      time: '08:00',
      timezone: 'Europe/London',
      weekdays: [1, 3],
    });
  });

  it('help about a command', () => {
    expect(parsed(sub('help', { command: 'digest' }))).toEqual({ name: 'help', about: 'digest' });
  });
});
