import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { BANNER, startConsoleSession } from '../../../src/adapters/console/session.ts';
import { createBriefing } from '../../../src/core/commands/briefing.ts';
import { GENERAL_USAGE } from '../../../src/core/commands/usage.ts';
import { MemoryKnowledge } from '../../core/commands/memory-knowledge.ts';

function pair() {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (c: Buffer) => (text += c.toString('utf8')));
  return { input, output, read: () => text };
}

// eslint-disable-next-line no-control-regex
const stripAnsi = (s: string) => s.replace(/\u001b\[[0-9;]*[A-Za-z]/g, '');

async function until(cond: () => boolean) {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(cond()).toBe(true);
}

const SOURCE = 'Keir Starmer warns Donald Trump not to turn his back on Ukraine, 2025-02-17';

describe('console session over a stream pair (piped)', () => {
  it('answers each typed command with the exact text, in order, and ends at EOF', async () => {
    const io = pair();
    const session = startConsoleSession({ briefing: createBriefing({ knowledge: new MemoryKnowledge() }), input: io.input, output: io.output });
    io.input.write('quotes Dannatt\n');
    io.input.write('\n');
    io.input.write('/brief   digest subscribe 25:00\n');
    io.input.end('who Lavrov\n');
    await session.done;
    expect(io.read()).toBe(
      `${BANNER}\n\n` +
        'brief> quotes Dannatt\n' +
        'Quotes from Richard Dannatt\n\n' +
        '• “Frankly, we haven’t got the numbers and we haven’t got the equipment to put a large force onto the ground for an extended period of time at the present moment.”\n' +
        `  — Richard Dannatt, Former British Army chief · ${SOURCE}, ¶19\n\n` +
        'brief> /brief   digest subscribe 25:00\n' +
        "error: '25:00' is not a time of day; use 24-hour HH:MM, e.g. 08:30\n" +
        'usage: /brief digest preview | subscribe <HH:MM> [timezone] [days] | unsubscribe | status\n\n' +
        'brief> who Lavrov\n' +
        'Lavrov\n\nLavrov does not appear in the briefing.\n\n',
    );
  });

  it('answers the same text as a Slack user would get for the same command', async () => {
    const briefing = createBriefing({ knowledge: new MemoryKnowledge() });
    const io = pair();
    const session = startConsoleSession({ briefing, input: io.input, output: io.output, echo: false });
    io.input.end('/brief facts spending\n');
    await session.done;
    expect(io.read()).toBe(
      `${BANNER}\n\n` +
        'Facts about spending\n\n' +
        '• The Government is under pressure to spell out how it will reach its target of hiking defence spending to 2.5% of GDP, as it has promised.\n' +
        `  2.5% of GDP · ${SOURCE}, ¶19\n\n`,
    );
  });

  it('survives hostile input with one-line errors', async () => {
    const io = pair();
    const session = startConsoleSession({ briefing: createBriefing({ knowledge: new MemoryKnowledge() }), input: io.input, output: io.output, echo: false });
    io.input.write('ask ' + 'x'.repeat(10_000) + '\n');
    io.input.end('quotes \u0007bell\n');
    await session.done;
    expect(io.read()).toBe(
      `${BANNER}\n\n` +
        `error: the input is too long (10,004 characters; the limit is 1,000)\nusage: ${GENERAL_USAGE}\n\n` +
        `error: the input contains a control character (U+0007); send plain text\nusage: ${GENERAL_USAGE}\n\n`,
    );
  });

  it('stops at exit without answering what follows', async () => {
    const io = pair();
    const k = new MemoryKnowledge();
    const session = startConsoleSession({ briefing: createBriefing({ knowledge: k }), input: io.input, output: io.output });
    io.input.write('exit\n');
    io.input.write('quotes\n');
    await session.done;
    expect(io.read()).toBe(`${BANNER}\n\nbrief> exit\n`);
    expect(k.calls).toEqual([]);
  });

  it('shows a generic error if the briefing itself throws', async () => {
    const io = pair();
    const broken = { ...createBriefing({ knowledge: new MemoryKnowledge() }), run: async () => Promise.reject(new Error('bug')) };
    const session = startConsoleSession({ briefing: broken, input: io.input, output: io.output, echo: false });
    io.input.end('quotes\n');
    await session.done;
    expect(io.read()).toBe(`${BANNER}\n\nerror: something went wrong answering that; it has been logged.\n\n`);
  });
});

describe('console session in a terminal', () => {
  function terminalSession(historyFile: string | null = null) {
    const io = pair();
    const session = startConsoleSession({ briefing: createBriefing({ knowledge: new MemoryKnowledge() }), input: io.input, output: io.output, terminal: true, historyFile });
    return { io, session };
  }

  it('prompts, answers, and exits cleanly on Ctrl-D', async () => {
    const { io, session } = terminalSession();
    await until(() => io.read().includes('brief> '));
    io.input.write('help who\r');
    await until(() => stripAnsi(io.read()).includes('/brief who is the defence secretary'));
    io.input.write('\u0004');
    await session.done;
    const out = stripAnsi(io.read());
    expect(out.startsWith(`${BANNER}\nbrief> `)).toBe(true);
    expect(out).toContain('/brief who <name>\n\nWho someone is');
    expect(out.endsWith('\n')).toBe(true);
  });

  it('Ctrl-C clears a half-typed line; on an empty line it asks for a second press, which exits', async () => {
    const { io, session } = terminalSession();
    let ended = false;
    void session.done.then(() => (ended = true));
    await until(() => io.read().includes('brief> '));
    io.input.write('quotes Star');
    io.input.write('\u0003');
    await until(() => io.read().includes('^C'));
    expect(ended).toBe(false);
    // The half-typed text is gone: typing a command now runs just that command.
    io.input.write('facts talks\r');
    await until(() => stripAnsi(io.read()).includes('Facts about talks'));
    io.input.write('\u0003');
    await until(() => io.read().includes('(To exit, press Ctrl-C again or Ctrl-D)'));
    expect(ended).toBe(false);
    io.input.write('\u0003');
    await session.done;
    expect(stripAnsi(io.read())).not.toContain('Quotes from');
  });

  it('keeps history in a file between sessions', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefing-history-'));
    const file = join(dir, 'sub', 'console_history');
    const first = terminalSession(file);
    first.io.input.write('quotes Dannatt\r');
    await until(() => first.io.read().includes('Richard Dannatt'));
    first.io.input.write('facts\r');
    await until(() => stripAnsi(first.io.read()).includes('\nFacts\n'));
    first.session.close();
    await first.session.done;
    expect(readFileSync(file, 'utf8')).toBe('quotes Dannatt\nfacts\n');

    // Up arrow twice recalls the older command.
    const second = terminalSession(file);
    second.io.input.write('\u001b[A\u001b[A\r');
    await until(() => second.io.read().includes('Quotes from Richard Dannatt'));
    second.session.close();
    await second.session.done;
  });

  it('carries on when the history file cannot be written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefing-history-'));
    const blocker = join(dir, 'file');
    writeFileSync(blocker, '');
    const { io, session } = terminalSession(join(blocker, 'history'));
    io.input.write('facts\r');
    await until(() => stripAnsi(io.read()).includes('\nFacts\n'));
    session.close();
    await session.done;
  });
});

describe('console session: slow answers', () => {
  it('answers every piped line even when EOF arrives before the answers', async () => {
    const io = pair();
    const base = createBriefing({ knowledge: new MemoryKnowledge() });
    const slow = { ...base, run: async (input: string, ctx: Parameters<typeof base.run>[1]) => (await new Promise((r) => setTimeout(r, 10)), base.run(input, ctx)) };
    const session = startConsoleSession({ briefing: slow, input: io.input, output: io.output, echo: false });
    io.input.end(Array.from({ length: 20 }, (_, i) => `who nobody${i}`).join('\n') + '\n');
    await session.done;
    const answers = io.read().match(/^nobody\d+ does not appear in the briefing\.$/gm);
    expect(answers).toEqual(Array.from({ length: 20 }, (_, i) => `nobody${i} does not appear in the briefing.`));
  });
});

describe('console session: notices', () => {
  it('prints a log line above the prompt and redraws what was being typed', async () => {
    const io = pair();
    const session = startConsoleSession({ briefing: createBriefing({ knowledge: new MemoryKnowledge() }), input: io.input, output: io.output, terminal: true });
    await until(() => io.read().includes('brief> '));
    io.input.write('quotes Dann');
    await until(() => io.read().includes('quotes Dann'));
    const before = io.read().length;
    session.notice('2026-01-01T00:00:00.000Z info content synced');
    const after = stripAnsi(io.read().slice(before));
    expect(after).toBe('2026-01-01T00:00:00.000Z info content synced\nbrief> quotes Dann');
    // The typed text is still there: finishing the line runs the whole command.
    io.input.write('att\r');
    await until(() => io.read().includes('Quotes from Richard Dannatt'));
    session.close();
    await session.done;
  });

  it('just writes the line when not in a terminal', async () => {
    const io = pair();
    const session = startConsoleSession({ briefing: createBriefing({ knowledge: new MemoryKnowledge() }), input: io.input, output: io.output, terminal: false });
    session.notice('a log line');
    io.input.end();
    await session.done;
    expect(io.read()).toBe(`${BANNER}\n\na log line\n`);
  });
});
