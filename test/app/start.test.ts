import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { startApp } from '../../src/app/start.ts';
import type { Adapter, AppHooks, PlatformAdapter } from '../../src/app/types.ts';
import { configSchema, type Config } from '../../src/config/schema.ts';
import type { DigestPoster } from '../../src/core/delivery/types.ts';
import { createLogger } from '../../src/log.ts';

const repo = join(import.meta.dirname, '..', '..');
const LAUNCH = 'content/2025-02-17-starmer-ukraine-security.md';

function setup(overrides: Record<string, unknown> = {}): Config {
  const dir = mkdtempSync(join(tmpdir(), 'briefing-app-'));
  mkdirSync(join(dir, 'content'));
  copyFileSync(join(repo, LAUNCH), join(dir, 'content', 'launch.md'));
  return configSchema.parse({ contentDir: join(dir, 'content'), databasePath: join(dir, 'data', 'briefing.db'), watchContent: false, ...overrides });
}

function logs() {
  const lines: string[] = [];
  return { lines, logger: createLogger({ level: 'info', write: (l) => lines.push(l) }) };
}

function stream() {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (c: Buffer) => (text += c.toString()));
  return { input, output, read: () => text };
}

const poster = (platform: 'slack' | 'discord'): DigestPoster => ({ platform, post: async () => ({ ok: true, messageId: '1' }) });

function recorder(events: string[]) {
  const fake = (name: string, extra: object = {}): Adapter => ({
    name,
    start: async () => void events.push(`start ${name}`),
    stop: async () => void events.push(`stop ${name}`),
    ...extra,
  });
  const hooks: AppHooks = {
    platforms: {
      slack: (d) => {
        events.push(`create slack (signing secret ${d.config.slack.signingSecret ? 'set' : 'unset'})`);
        return fake('slack', { poster: poster('slack') }) as PlatformAdapter;
      },
      discord: () => fake('discord', { poster: poster('discord') }) as PlatformAdapter,
    },
    scheduler: (d) => {
      events.push(`create scheduler for ${d.posters.map((p) => p.platform).join(',')}`);
      return fake('scheduler');
    },
  };
  return hooks;
}

describe('startApp', () => {
  it('runs the console over the real store when no platform is configured, and stops at EOF', async () => {
    const { lines, logger } = logs();
    const io = stream();
    const app = await startApp({ config: setup(), logger, input: io.input, output: io.output, terminal: false, hooks: {} });
    expect(app.adapters.map((a) => a.name)).toEqual(['console']);
    io.input.end('quotes Lavrov\ndigest status\n');
    await app.done;
    const out = io.read();
    expect(out).toContain('brief> quotes Lavrov\nQuotes from Sergei Lavrov\n\n• ');
    expect(out).toContain('brief> digest status\nDigests are not enabled here\n');
    expect(lines.some((l) => l.includes('info running {"adapters":["console"]}'))).toBe(true);
    expect(lines.some((l) => l.includes('"reason":"console session ended"'))).toBe(true);
    // The store is closed: asking it again fails.
    expect(() => app.opened.store.stats()).toThrow(/not open/);
  });

  it('routes log lines above the prompt while an interactive console runs', async () => {
    const io = stream();
    let route: ((line: string) => void) | null = null;
    const stderr: string[] = [];
    const logger = createLogger({ level: 'info', write: (l) => (route ? route(l) : stderr.push(l)) });
    const app = await startApp({ config: setup(), logger, input: io.input, output: io.output, terminal: true, hooks: {}, routeLogs: (w) => (route = w) });
    expect(route).not.toBeNull();
    logger.warn('something to see');
    expect(io.read()).toMatch(/warn something to see\n/);
    expect(stderr.some((l) => l.includes('something to see'))).toBe(false);
    await app.stop('test');
    expect(route).toBeNull();
    expect(stderr.some((l) => l.includes('info stopped'))).toBe(true);
  });

  it('runs configured platforms and the scheduler instead of the console, stopping them in reverse order', async () => {
    const events: string[] = [];
    const { lines, logger } = logs();
    const config = setup({ slack: { botToken: 'xoxb-secret-123456', signingSecret: 'signing-secret-789' }, discord: { token: 'discord-secret-abc', applicationId: '99' } });
    const app = await startApp({ config, logger, hooks: recorder(events) });
    expect(app.adapters.map((a) => a.name)).toEqual(['slack', 'discord', 'scheduler']);
    await Promise.all([app.stop('SIGTERM'), app.stop('again')]);
    await app.done;
    expect(events).toEqual([
      'create slack (signing secret set)',
      'create scheduler for slack,discord',
      'start slack',
      'start discord',
      'start scheduler',
      'stop scheduler',
      'stop discord',
      'stop slack',
    ]);
    const log = lines.join('\n');
    expect(log).toContain('"adapters":["slack","discord"]');
    expect(log).toContain('"botToken":"set"');
    expect(log).not.toContain('xoxb-secret-123456');
    expect(log).not.toContain('discord-secret-abc');
    expect(log).toContain('"reason":"SIGTERM"');
  });

  it('refuses to start a configured platform this build cannot run, closing the store', async () => {
    const config = setup({ discord: { token: 'discord-secret-abc', applicationId: '99' } });
    await expect(startApp({ config, logger: logs().logger, hooks: {} })).rejects.toThrow(
      'discord is configured but this build has no discord adapter; unset the DISCORD_* keys to run without it',
    );
  });

  it('stops what already started when a later adapter fails to start', async () => {
    const events: string[] = [];
    const hooks = recorder(events);
    hooks.platforms = { ...hooks.platforms, discord: () => ({ name: 'discord', poster: poster('discord'), start: async () => Promise.reject(new Error('gateway refused')), stop: async () => void events.push('stop discord') }) };
    const config = setup({ slack: { botToken: 'xoxb-secret-123456', appToken: 'xapp-secret-123456' }, discord: { token: 'discord-secret-abc', applicationId: '99' } });
    const { lines, logger } = logs();
    await expect(startApp({ config, logger, hooks })).rejects.toThrow('gateway refused');
    expect(events).toEqual(['create slack (signing secret unset)', 'create scheduler for slack,discord', 'start slack', 'stop slack']);
    expect(lines.some((l) => l.includes('discord failed to start'))).toBe(true);
  });
});
