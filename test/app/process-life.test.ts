// Process life with the real adapters: Discord closing the gateway for good (4004) stops the app
// with a failure, a wrong DISCORD_APPLICATION_ID gives way to the id READY carries, a SIGTERM-like
// abort during start-up stops what has started, and each log line carries its scope once.
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultHooks } from '../../src/app/hooks.ts';
import { startApp, StartAborted, type App } from '../../src/app/start.ts';
import { configSchema, type Config } from '../../src/config/schema.ts';
import { createLogger } from '../../src/log.ts';
import { FakeDiscord } from '../fakes/discord.ts';
import { TOKEN } from '../adapters/discord/harness.ts';

const repo = join(import.meta.dirname, '..', '..');
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function config(discord: Record<string, unknown>): Config {
  const dir = mkdtempSync(join(tmpdir(), 'briefing-life-'));
  mkdirSync(join(dir, 'content'));
  copyFileSync(join(repo, 'content/2025-02-17-starmer-ukraine-security.md'), join(dir, 'content', 'launch.md'));
  return configSchema.parse({ contentDir: join(dir, 'content'), databasePath: join(dir, 'data', 'b.db'), watchContent: false, answerWorkers: 0, discord });
}

function logs() {
  const lines: string[] = [];
  return { lines, logger: createLogger({ level: 'info', write: (l) => lines.push(l) }) };
}

async function fake(): Promise<FakeDiscord> {
  const f = await FakeDiscord.start();
  cleanups.push(() => f.close());
  return f;
}

async function started(cfg: Config, logger: ReturnType<typeof logs>['logger']): Promise<App> {
  const app = await startApp({ config: cfg, logger, hooks: defaultHooks });
  cleanups.push(() => app.stop('test over'));
  return app;
}

describe('Discord process life', () => {
  it('gateway close 4004 (a reset token) stops the app with a failure that names the fix', async () => {
    const f = await fake();
    const { lines, logger } = logs();
    const app = await started(config({ token: TOKEN, applicationId: f.applicationId, apiUrl: f.apiUrl, guildId: f.guild.id }), logger);
    expect(app.failure).toBeNull();
    f.closeGateway(4004);
    await app.done;
    expect(app.failure?.message).toMatch(/^Discord closed the gateway with 4004 \(authentication failed\): the bot token was reset or is wrong\. Put the current token in DISCORD_TOKEN/);
    const log = lines.join('\n');
    expect(log).toMatch(/error \[discord\] gateway disconnected for good \{"shard":0,"code":4004\}/);
    expect(log).toContain('error discord cannot continue; stopping');
    expect(log).toMatch(/info stopped$/m);
  });

  it('a close discord.js resumes after (4000) is not a failure', async () => {
    const f = await fake();
    const { logger } = logs();
    const app = await started(config({ token: TOKEN, applicationId: f.applicationId, apiUrl: f.apiUrl, guildId: f.guild.id }), logger);
    f.closeGateway(4000);
    await f.waitForSessions(2);
    expect(app.failure).toBeNull();
    expect(await Promise.race([app.done.then(() => 'stopped'), new Promise((r) => setTimeout(() => r('running'), 300))])).toBe('running');
  });

  it('registers /brief under the application id READY carries, naming a wrong DISCORD_APPLICATION_ID loudly', async () => {
    const f = await fake();
    const { lines, logger } = logs();
    await started(config({ token: TOKEN, applicationId: '123456789012345678', apiUrl: f.apiUrl, guildId: f.guild.id }), logger);
    expect(f.commands.get(f.guild.id)?.map((c) => c.name)).toEqual(['brief']);
    expect(f.calls.some((c) => c.path.startsWith('/applications/123456789012345678/'))).toBe(false);
    expect(lines.join('\n')).toContain(
      `error [discord] DISCORD_APPLICATION_ID is 123456789012345678, but this bot token belongs to application ${f.applicationId}: registering /brief for ${f.applicationId}.`,
    );
  });

  it('logs under one discord scope, not discord:discord', async () => {
    const f = await fake();
    const { lines, logger } = logs();
    await started(config({ token: TOKEN, applicationId: f.applicationId, apiUrl: f.apiUrl, guildId: f.guild.id }), logger);
    const connected = lines.find((l) => l.includes(' connected '));
    expect(connected).toMatch(/ info \[discord\] connected \{/);
    expect(lines.some((l) => l.includes('[discord:discord]'))).toBe(false);
  });

  it('an abort during start-up (SIGTERM while Discord logs in) stops what started and throws StartAborted', async () => {
    const f = await fake();
    f.restDelayMs = 2_500; // the login's first REST call (GET /gateway/bot) hangs
    const { lines, logger } = logs();
    const abort = new AbortController();
    const starting = startApp({ config: config({ token: TOKEN, applicationId: f.applicationId, apiUrl: f.apiUrl, guildId: f.guild.id }), logger, hooks: defaultHooks, signal: abort.signal });
    setTimeout(() => abort.abort('SIGTERM'), 300);
    const t0 = Date.now();
    await expect(starting).rejects.toBeInstanceOf(StartAborted);
    expect(Date.now() - t0).toBeLessThan(2_000);
    const log = lines.join('\n');
    expect(log).toContain('info stopping during start-up {"reason":"SIGTERM","starting":"discord"}');
    expect(log).toMatch(/info stopped$/m);
  });
});

/** `briefing start` as a real process (from source, as the tests run it), its output collected. */
function spawnStart(env: Record<string, string>) {
  const e: NodeJS.ProcessEnv = { ...process.env, ...env };
  for (const k of Object.keys(e)) if (/^(SLACK|DISCORD)_/.test(k) && !(k in env)) delete e[k];
  const child = spawn(process.execPath, [join(repo, 'bin', 'briefing.mjs'), 'start'], { cwd: repo, env: e, stdio: ['pipe', 'pipe', 'pipe'] });
  const out = { stdout: '', stderr: '' };
  child.stdout.on('data', (d) => (out.stdout += d));
  child.stderr.on('data', (d) => (out.stderr += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const waitFor = async (text: string | RegExp, ms = 20_000) => {
    const t0 = Date.now();
    while (!(typeof text === 'string' ? out.stderr.includes(text) : text.test(out.stderr))) {
      if (Date.now() - t0 > ms || child.exitCode !== null) throw new Error(`never logged ${text}:\n${out.stderr}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  return { child, out, exited, waitFor };
}

function envFor(cfg: Config, f: FakeDiscord): Record<string, string> {
  return {
    BRIEFING_CONTENT_DIR: cfg.contentDir,
    BRIEFING_DB_PATH: cfg.databasePath,
    BRIEFING_WATCH: 'false',
    BRIEFING_ANSWER_WORKERS: '0',
    LOG_LEVEL: 'info',
    DISCORD_TOKEN: TOKEN,
    DISCORD_APPLICATION_ID: f.applicationId,
    DISCORD_GUILD_ID: f.guild.id,
    DISCORD_API_URL: f.apiUrl,
  };
}

describe('briefing start as a process', () => {
  it('exits 78 when Discord closes the gateway with 4004, saying what to fix', async () => {
    const f = await fake();
    const p = spawnStart(envFor(config({}), f));
    await p.waitFor('info running');
    f.closeGateway(4004);
    expect(await p.exited).toEqual({ code: 78, signal: null });
    expect(p.out.stderr).toMatch(/briefing start: Discord closed the gateway with 4004 \(authentication failed\)/);
    expect(p.out.stderr).toMatch(/info stopped\n/);
  });

  it('SIGTERM during start-up (Discord still logging in) stops cleanly with exit 0', async () => {
    const f = await fake();
    f.restDelayMs = 3_000;
    const p = spawnStart(envFor(config({}), f));
    await p.waitFor('info starting');
    p.child.kill('SIGTERM');
    const t0 = Date.now();
    expect(await p.exited).toEqual({ code: 0, signal: null });
    expect(Date.now() - t0).toBeLessThan(2_500);
    expect(p.out.stderr).toContain('info stopping during start-up {"reason":"SIGTERM","starting":"discord"}');
    expect(p.out.stderr).toMatch(/info stopped\n/);
  });

  it('SIGTERM while running stops cleanly with exit 0', async () => {
    const f = await fake();
    const p = spawnStart(envFor(config({}), f));
    await p.waitFor('info running');
    p.child.kill('SIGTERM');
    expect(await p.exited).toEqual({ code: 0, signal: null });
    expect(p.out.stderr).toContain('info stopping {"reason":"SIGTERM"}');
  });
});
