import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { LAUNCH_PATH } from '../core/ask/fixture.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function setup(): { content: string; db: string } {
  const dir = mkdtempSync(join(tmpdir(), 'ask-cli-'));
  dirs.push(dir);
  const content = join(dir, 'content');
  cpSync(LAUNCH_PATH, join(content, 'launch.md'), { recursive: true });
  return { content, db: join(dir, 'data', 'briefing.db') };
}

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(['ask', ...args], { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('briefing ask', () => {
  it('prints the documented JSON shape', async () => {
    const { content, db } = setup();
    const r = await run(['what did Starmer say about troops', '--json', '--db', db, '--content', content]);
    expect(r.code).toBe(0);
    const a = JSON.parse(r.out) as Record<string, unknown> & { results: Record<string, unknown>[] };
    expect(Object.keys(a).slice(0, 6)).toEqual(['question', 'speaker', 'topic', 'intent', 'results', 'message']);
    expect(a).toMatchObject({ question: 'what did Starmer say about troops', speaker: 'Keir Starmer', topic: 'troops', intent: 'said', message: null });
    const first = a.results[0]!;
    expect(Object.keys(first).slice(0, 7)).toEqual(['kind', 'text', 'speaker', 'article', 'paragraph', 'context', 'score']);
    expect(first).toMatchObject({ speaker: { name: 'Keir Starmer' }, article: { id: 'launch.md', published: '2025-02-17' } });
    expect(a.results.some((x) => String(x.text).includes('British forces on the ground'))).toBe(true);
  });

  it('answers in text, and a second run does not re-extract', async () => {
    const { content, db } = setup();
    const r1 = await run(['who', 'is', 'Mike', 'Waltz', '--db', db, '--content', content]);
    expect(r1.out).toMatch(/^No quotes from Mike Waltz in the briefing/);
    expect(r1.out).toContain('National Security Adviser Mike Waltz');
    const r2 = await run(['what did Boris Johnson say', '--db', db, '--content', content]);
    expect(r2.out).toBe('Boris Johnson does not appear in the briefing.\n');
  });

  it('reports bad files and keeps answering', async () => {
    const { content, db } = setup();
    writeFileSync(join(content, 'broken.md'), '---\ntitle: [unclosed\n---\nText “with a quote,” she said.\n');
    const r = await run(['troops', '--db', db, '--content', content]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/broken\.md.*error/);
    expect(r.out).toContain('British');
  });

  it('explains a corrupt database and exits non-zero', async () => {
    const { content, db } = setup();
    mkdirSync(join(db, '..'), { recursive: true });
    writeFileSync(db, 'garbage '.repeat(1000));
    const r = await run(['troops', '--db', db, '--content', content]);
    expect(r.code).toBe(3);
    expect(r.err).toContain(db);
    expect(r.err).toMatch(/Fix: move or delete the file/);
  });

  it('rejects bad options with usage', async () => {
    const r = await run(['--limit', 'many', 'x']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--limit must be a whole number.*\nusage: briefing ask/);
  });
});
