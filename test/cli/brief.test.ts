import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import type { Reply } from '../../src/core/reply/types.ts';

const repo = join(import.meta.dirname, '..', '..');
const LAUNCH = 'content/2025-02-17-starmer-ukraine-security.md';

function workspace() {
  const dir = mkdtempSync(join(tmpdir(), 'briefing-cli-'));
  mkdirSync(join(dir, 'content'));
  copyFileSync(join(repo, LAUNCH), join(dir, 'content', 'launch.md'));
  return { BRIEFING_CONTENT_DIR: join(dir, 'content'), BRIEFING_DB_PATH: join(dir, 'data', 'briefing.db'), BRIEFING_WATCH: 'false' };
}

async function brief(...args: string[]) {
  let out = '';
  let err = '';
  const code = await main(['brief', ...args], { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

describe('briefing brief (one-shot)', () => {
  beforeEach(() => {
    for (const [k, v] of Object.entries(workspace())) vi.stubEnv(k, v);
    vi.stubEnv('LOG_LEVEL', 'warn');
  });
  afterEach(() => vi.unstubAllEnvs());

  it('prints the same text answer the console gives and exits 0', async () => {
    const r = await brief('quotes Lavrov');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Quotes from Sergei Lavrov\n\n• /);
    expect(r.out).toContain('— Sergei Lavrov, Russian Foreign Minister · Keir Starmer warns Donald Trump not to turn his back on Ukraine, 2025-02-17 (date inferred), ¶');
    expect(r.err).toBe('');
  });

  it('joins separate words into one command', async () => {
    const a = await brief('who', 'Lavrov');
    const b = await brief('who Lavrov');
    expect(a.out).toBe(b.out);
    expect(a.out.startsWith('Sergei Lavrov\n\nSergei Lavrov: Russian Foreign Minister\n')).toBe(true);
  });

  it('prints the neutral Reply as JSON with --json', async () => {
    const r = await brief('--json', 'quotes about troops');
    expect(r.code).toBe(0);
    const reply = JSON.parse(r.out) as Reply;
    expect(reply.tone).toBe('answer');
    expect(reply.title).toBe('Quotes about troops');
    expect(reply.sections[0]!.items[0]).toMatchObject({ type: 'quote', source: { title: 'Keir Starmer warns Donald Trump not to turn his back on Ukraine' } });
  });

  it('exits 1 on an error reply, with the one-line error and the usage', async () => {
    const r = await brief('digest subscribe 25:00');
    expect(r.code).toBe(1);
    expect(r.out).toBe("error: '25:00' is not a time of day; use 24-hour HH:MM, e.g. 08:30\nusage: /brief digest preview | subscribe <HH:MM> [timezone] [days] | unsubscribe | status\n");
  });

  it('rejects unknown options', async () => {
    const r = await brief('--jsn', 'quotes');
    expect(r.code).toBe(2);
    expect(r.err).toContain('unknown option --jsn');
  });

  it('stops on a bad config value, naming the key and the fix', async () => {
    vi.stubEnv('BRIEFING_TIMEZONE', 'Mars/Base');
    const r = await brief('quotes');
    expect(r.code).toBe(78);
    expect(r.err).toBe('config: BRIEFING_TIMEZONE="Mars/Base" is not an IANA timezone (e.g. Europe/London)\n');
    expect(r.out).toBe('');
  });
});

describe('npm start with piped stdin', () => {
  it('reads commands line by line, answers them and exits at EOF', () => {
    const env: NodeJS.ProcessEnv = { ...process.env, ...workspace(), LOG_LEVEL: 'info' };
    for (const k of ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN', 'DISCORD_TOKEN', 'DISCORD_APPLICATION_ID']) delete env[k];
    const r = spawnSync(process.execPath, [join(repo, 'bin/briefing.mjs'), 'start'], { cwd: repo, env, input: 'who Lavrov\nquotse\n', encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Briefing console\. .*\n\nbrief> who Lavrov\nSergei Lavrov\n\n/);
    expect(r.stdout).toContain("brief> quotse\nerror: unknown command 'quotse' (did you mean 'quotes'? To ask a question, start with 'ask'.)\n");
    expect(r.stderr).toContain('info running {"adapters":["feed poller","digest scheduler","console"]}');
    expect(r.stderr).toContain('info stopped');
  });

  it('refuses to start on a bad config value', () => {
    const env = { ...process.env, ...workspace(), DIGEST_TIME: '24:61' };
    const r = spawnSync(process.execPath, [join(repo, 'bin/briefing.mjs'), 'start'], { cwd: repo, env, input: '', encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(78);
    expect(r.stderr).toBe('config: DIGEST_TIME="24:61" is not a 24-hour time HH:MM (e.g. 08:30)\n');
  });
});
