import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';

function run(argv: string[]) {
  let out = '';
  let err = '';
  return main(argv, { out: (t) => { out += t; }, err: (t) => { err += t; } }).then((code) => ({ code, out, err }));
}

describe('briefing extract', () => {
  it('prints one JSON line per article with the documented shape', async () => {
    const r = await run(['extract', 'content', '--json']);
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(1);
    expect(Object.keys(lines[0])).toEqual(['article', 'quotes', 'people', 'facts']);
    expect(lines[0].article).toMatchObject({ id: '2025-02-17-starmer-ukraine-security', path: 'content/2025-02-17-starmer-ukraine-security.md', published: '2025-02-17' });
    expect(lines[0].quotes[0]).toMatchObject({ kind: 'partial', text: 'generational moment', speaker: { name: 'Keir Starmer' } });
  });

  it('exits non-zero and names the file when an input is bad, still extracting the others', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-'));
    writeFileSync(join(dir, 'empty.txt'), '');
    writeFileSync(join(dir, 'ok.txt'), 'Title\n\nAnna Berg said: "Fine."\n');
    const r = await run(['extract', dir, '--json']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('empty.txt: error [empty]');
    expect(r.out.trim().split('\n')).toHaveLength(1);
    const single = await run(['extract', join(dir, 'empty.txt')]);
    expect(single.code).toBe(1);
  });

  it('quotes --speaker filters by speaker over the content folder', async () => {
    process.env.BRIEFING_CONTENT_DIR = 'content';
    const r = await run(['quotes', '--speaker', 'Lavrov', '--json']);
    const quotes = r.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(quotes.length).toBeGreaterThan(0);
    for (const q of quotes) expect(q.speaker.name).toBe('Sergei Lavrov');
    const people = await run(['people', '--json']);
    expect(people.out).toContain('"name":"Keir Starmer"');
  });

  it('help lists the commands and no helper module as a command', async () => {
    const r = await run(['help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/extract\s+extract quotes/);
    expect(r.out).toMatch(/quotes\s+list quotes/);
    expect(r.out).toMatch(/people\s+list the people/);
    expect(r.out).not.toMatch(/format|_content/);
  });
});
