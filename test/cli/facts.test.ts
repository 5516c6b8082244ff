import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';

let dir: string;
const saved = process.env.BRIEFING_CONTENT_DIR;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'facts-cli-'));
  writeFileSync(
    join(dir, 'a.md'),
    '---\ntitle: Budget day\npublished: 2025-02-17\n---\nThe minister said spending would rise to 2.5% of GDP.\n\nEnvoys will hold talks in Geneva on Thursday.\n',
  );
  writeFileSync(join(dir, 'b.txt'), 'Quiet day\n\nNothing much happened here at all.\n');
  process.env.BRIEFING_CONTENT_DIR = dir;
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  if (saved === undefined) delete process.env.BRIEFING_CONTENT_DIR;
  else process.env.BRIEFING_CONTENT_DIR = saved;
});

async function run(...args: string[]) {
  let out = '';
  let err = '';
  const code = await main(['facts', ...args], { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('briefing facts', () => {
  it('prints JSON Lines, one fact per line, with its article', async () => {
    const { code, out } = await run('--json');
    expect(code).toBe(0);
    const lines = out.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.kind)).toEqual(['figure', 'event']);
    expect(lines[0].article).toEqual({ id: 'a.md', path: join(dir, 'a.md'), title: 'Budget day', published: '2025-02-17' });
    expect(lines[1]).toMatchObject({ event: { type: 'talks', place: 'Geneva', date: '2025-02-20' }, upcoming: true });
  });

  it('filters by kind and by upcoming', async () => {
    const figures = await run('--json', '--kind', 'figure');
    expect(figures.out.trim().split('\n').map((l) => JSON.parse(l).kind)).toEqual(['figure']);
    const coming = await run('--json', '--upcoming');
    expect(coming.out.trim().split('\n').map((l) => JSON.parse(l).kind)).toEqual(['event']);
  });

  it('prints a readable report', async () => {
    const { code, out } = await run('--kind=event');
    expect(code).toBe(0);
    expect(out).toContain('# Budget day (2025-02-17)');
    expect(out).toContain('[event · talks · Geneva · 2025-02-20] (upcoming)  ¶2');
    expect(out).toContain('"on Thursday" → 2025-02-20 (day)');
    expect(out).not.toContain('Quiet day');
  });

  it('rejects a bad kind or option with the usage', async () => {
    const bad = await run('--kind', 'weather');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--kind must be one of figure, date, event, role \(got 'weather'\)/);
    expect((await run('--verbose')).code).toBe(2);
  });

  it('reports a broken article and still lists the others', async () => {
    writeFileSync(join(dir, 'c.md'), '');
    const { code, out, err } = await run('--json');
    rmSync(join(dir, 'c.md'));
    expect(err).toMatch(/c\.md.*empty/);
    expect(out.trim().split('\n')).toHaveLength(2);
    expect(code).toBe(1);
  });
});
