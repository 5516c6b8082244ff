// BRIEFING_DATABASE_URL puts the knowledge in PostgreSQL for the whole app: `briefing start` syncs
// the content folder into it and answers from it, `briefing ask` too, and a second replica answers
// from what the first one stored without a content folder of its own. Nothing set: the SQLite file.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { startApp } from '../../src/app/start.ts';
import { main } from '../../src/cli/main.ts';
import { configSchema, type Config } from '../../src/config/schema.ts';
import { createLogger } from '../../src/log.ts';
import { PgKnowledgeStore } from '../../src/store/postgres/knowledge/store.ts';
import { LAUNCH_PATH } from '../core/ask/fixture.ts';
import { describePg, freshDatabase } from '../pg/db.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function folder(): { dir: string; content: string } {
  const dir = mkdtempSync(join(tmpdir(), 'pg-knowledge-app-'));
  dirs.push(dir);
  const content = join(dir, 'content');
  mkdirSync(content);
  copyFileSync(LAUNCH_PATH, join(content, 'launch.md'));
  return { dir, content };
}

function config(dir: string, content: string, databaseUrl: string): Config {
  return configSchema.parse({ contentDir: content, databasePath: join(dir, 'data', 'briefing.db'), watchContent: false, databaseUrl });
}

async function consoleSession(cfg: Config, lines: string): Promise<{ out: string; store: unknown }> {
  const input = new PassThrough();
  const output = new PassThrough();
  let out = '';
  output.on('data', (c: Buffer) => (out += c.toString()));
  const app = await startApp({ config: cfg, logger: createLogger({ level: 'error', write: () => {} }), input, output, terminal: false, hooks: {} });
  input.end(lines);
  await app.done;
  return { out, store: app.opened.store };
}

async function count(url: string, sql: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return Number((await c.query<{ n: string }>(sql)).rows[0]!.n);
  } finally {
    await c.end();
  }
}

describePg('knowledge on PostgreSQL for the whole app', () => {
  it('briefing start stores the content folder in PostgreSQL and answers from it; another replica answers from what it stored', async () => {
    const url = await freshDatabase('app_knowledge');
    const one = folder();
    const first = await consoleSession(config(one.dir, one.content, url), 'quotes Lavrov\n');
    expect(first.store).toBeInstanceOf(PgKnowledgeStore);
    expect(first.out).toContain('Quotes from Sergei Lavrov');
    expect(await count(url, 'SELECT count(*) AS n FROM articles')).toBe(1);
    expect(await count(url, 'SELECT count(*) AS n FROM quotes')).toBeGreaterThan(5);
    // No SQLite knowledge file was made.
    expect(existsSync(join(one.dir, 'data', 'briefing.db'))).toBe(false);

    // A replica whose content folder is empty: the article stays (an empty folder is held), and it answers.
    const two = folder();
    rmSync(join(two.content, 'launch.md'));
    const second = await consoleSession(config(two.dir, two.content, url), 'who is the PM\n');
    expect(second.out).toContain('Keir Starmer');
  }, 60_000);

  it('briefing ask syncs into PostgreSQL and answers from it', async () => {
    const url = await freshDatabase('ask_knowledge');
    const { content } = folder();
    const saved = process.env.BRIEFING_DATABASE_URL;
    process.env.BRIEFING_DATABASE_URL = url;
    let out = '';
    let err = '';
    try {
      const code = await main(['ask', 'what did Starmer say about troops', '--json', '--content', content], { out: (t) => (out += t), err: (t) => (err += t) });
      expect(err).toBe('');
      expect(code).toBe(0);
    } finally {
      if (saved === undefined) delete process.env.BRIEFING_DATABASE_URL;
      else process.env.BRIEFING_DATABASE_URL = saved;
    }
    const a = JSON.parse(out) as { speaker: string; results: { text: string }[] };
    expect(a.speaker).toBe('Keir Starmer');
    expect(a.results.some((r) => r.text.includes('British forces on the ground'))).toBe(true);
    expect(await count(url, 'SELECT count(*) AS n FROM articles')).toBe(1);
  }, 60_000);

  it('a database the app cannot reach stops briefing ask with the reason, never the password', async () => {
    const { content } = folder();
    const saved = process.env.BRIEFING_DATABASE_URL;
    process.env.BRIEFING_DATABASE_URL = 'postgres://briefing:s3cret-pw@127.0.0.1:1/briefing';
    let err = '';
    try {
      const code = await main(['ask', 'what did Starmer say', '--content', content], { out: () => {}, err: (t) => (err += t) });
      expect(code).toBe(3);
    } finally {
      if (saved === undefined) delete process.env.BRIEFING_DATABASE_URL;
      else process.env.BRIEFING_DATABASE_URL = saved;
    }
    expect(err).toMatch(/briefing ask: cannot open the knowledge store on postgres:\/\/briefing:\*\*\*@127\.0\.0\.1:1\/briefing/);
    expect(err).not.toContain('s3cret-pw');
  }, 30_000);
});
