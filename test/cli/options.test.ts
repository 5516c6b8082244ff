// Every command's options go through node:util parseArgs, strictly: `--name=value` and `--name value`
// both work, an unknown option or a missing value stops with exit 2 and the usage, nothing is ignored.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { LAUNCH_PATH } from '../core/ask/fixture.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cli-options-'));
  cpSync(LAUNCH_PATH, join(dir, 'content', 'launch.md'), { recursive: true });
  cpSync('content/2025-02-17-starmer-ukraine-security.md', join(dir, 'content', 'starmer.md'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...argv: string[]) {
  vi.stubEnv('BRIEFING_CONTENT_DIR', join(dir, 'content'));
  vi.stubEnv('BRIEFING_DB_PATH', join(dir, 'data', 'b.db'));
  let out = '';
  let err = '';
  try {
    const code = await main(argv, { out: (t) => void (out += t), err: (t) => void (err += t) });
    return { code, out, err };
  } finally {
    vi.unstubAllEnvs();
  }
}

describe('command-line options', () => {
  it('quotes --speaker=NAME filters to that speaker, as --speaker NAME does', async () => {
    const all = await cli('quotes', '--json');
    const speakers = new Set(all.out.trim().split('\n').map((l) => (JSON.parse(l) as { speaker: { name: string } | null }).speaker?.name));
    expect(speakers.size).toBeGreaterThan(2);
    for (const form of [['--speaker=Lavrov'], ['--speaker', 'Lavrov']]) {
      const r = await cli('quotes', '--json', ...form);
      expect(r.code).toBe(0);
      const lines = r.out.trim().split('\n').map((l) => JSON.parse(l) as { speaker: { name: string } });
      expect(lines.length).toBeGreaterThan(0);
      expect(lines.length).toBeLessThan(all.out.trim().split('\n').length);
      for (const q of lines) expect(q.speaker.name).toBe('Sergei Lavrov');
    }
  });

  it('refuses an unknown option with exit 2, naming it and the ones there are', async () => {
    const q = await cli('quotes', '--jsn');
    expect(q).toEqual({ code: 2, out: '', err: 'briefing quotes: unknown option --jsn (options: --json, --speaker)\nusage: briefing quotes [--speaker NAME] [--json]\n' });
    const p = await cli('people', '--bogus');
    expect(p).toEqual({ code: 2, out: '', err: 'briefing people: unknown option --bogus (options: --json)\nusage: briefing people [--json]\n' });
    const s = await cli('start', '--verbose');
    expect(s.code).toBe(2);
    expect(s.err).toBe('briefing start: unknown option --verbose (it takes no options)\nusage: briefing start\n');
  });

  it('refuses a missing value, a value given to a flag, and words a command does not take', async () => {
    expect(await cli('quotes', '--speaker')).toMatchObject({ code: 2, err: expect.stringMatching(/^briefing quotes: --speaker needs a value\n/) });
    expect(await cli('people', '--json=yes')).toMatchObject({ code: 2, err: expect.stringMatching(/^briefing people: --json takes no value\n/) });
    expect(await cli('facts', 'figure')).toMatchObject({ code: 2, err: expect.stringMatching(/^briefing facts: unexpected argument 'figure' \(it takes only options\)\n/) });
  });

  it('takes ask --limit=3 the way it takes facts --kind=figure', async () => {
    const ask = await cli('ask', '--limit=3', '--json', 'what did Starmer say');
    expect(ask.err).toBe('');
    expect(ask.code).toBe(0);
    const answer = JSON.parse(ask.out) as { results: unknown[]; more: number };
    expect(answer.results).toHaveLength(3);
    expect(answer.more).toBeGreaterThan(0);
    const spaced = await cli('ask', '--limit', '3', '--json', 'what did Starmer say');
    expect(JSON.parse(spaced.out)).toEqual(answer);
    expect((await cli('ask', '--limit=0', 'x')).err).toMatch(/^briefing ask: --limit must be a whole number from 1 to 50 \(got '0'\)\n/);
    const facts = await cli('facts', '--kind=figure', '--json');
    expect(facts.code).toBe(0);
    const kinds = new Set(facts.out.trim().split('\n').map((l) => (JSON.parse(l) as { kind: string }).kind));
    expect([...kinds]).toEqual(['figure']);
  });

  it("prints one command's usage for --help, and the list without loading any command", async () => {
    expect(await cli('quotes', '--help')).toEqual({ code: 0, out: 'usage: briefing quotes [--speaker NAME] [--json]\nlist quotes in content/ with their speakers\n', err: '' });
    const list = await cli('help');
    expect(list.code).toBe(0);
    expect(list.out).toMatch(/^usage: briefing <command> \[options\]\n\ncommands:\n {2}ask {8}ask the briefing/);
  });
});
