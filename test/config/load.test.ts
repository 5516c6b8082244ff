import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeConfig, configuredPlatforms } from '../../src/config/describe.ts';
import { parseDotEnv } from '../../src/config/dotenv.ts';
import { ENV_KEYS } from '../../src/config/env.ts';
import { ConfigError, loadConfig } from '../../src/config/load.ts';
import { mask } from '../../src/log.ts';

const repo = join(import.meta.dirname, '..', '..');

function dir(files: Record<string, string> = {}): string {
  const d = mkdtempSync(join(tmpdir(), 'briefing-config-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(d, name, '..'), { recursive: true });
    writeFileSync(join(d, name), text);
  }
  return d;
}

function problems(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig: sources', () => {
  it('reads the shipped defaults', () => {
    const { config, files } = loadConfig({ cwd: repo, env: {}, envFile: null });
    expect(files).toEqual(['config/default.yaml']);
    expect(config).toMatchObject({
      contentDir: 'content',
      databasePath: 'data/briefing.db',
      timezone: 'Europe/London',
      watchContent: true,
      answerWorkers: 'auto',
      digest: { time: '08:00', weekdays: [1, 2, 3, 4, 5], graceMinutes: 120, whenNothingNew: 'skip', subscriptions: [] },
      slack: { port: 3000 },
    });
  });

  it('lets .env override the YAML, and the environment override .env', () => {
    const cwd = dir({
      'config/default.yaml': 'timezone: Europe/London\ndigest:\n  time: "08:00"\n',
      '.env': '# comment\nBRIEFING_TIMEZONE=America/New_York\nDIGEST_TIME="07:15"\nexport DIGEST_WEEKDAYS=weekends # inline\nSLACK_PORT=\n',
    });
    const { config, files } = loadConfig({ cwd, env: { DIGEST_TIME: '06:45', BRIEFING_WATCH: 'no', LOG_LEVEL: 'WARN', BRIEFING_ANSWER_WORKERS: '2' } });
    expect(config.logLevel).toBe('warn');
    expect(files).toEqual(['.env', 'config/default.yaml']);
    expect(config.timezone).toBe('America/New_York');
    expect(config.digest.time).toBe('06:45');
    expect(config.digest.weekdays).toEqual([6, 7]);
    expect(config.watchContent).toBe(false);
    expect(config.answerWorkers).toBe(2);
    expect(config.slack.port).toBe(3000);
  });

  it('finds the YAML through BRIEFING_CONFIG and reads day lists and subscriptions from it', () => {
    const cwd = dir({
      'other.yaml': 'digest:\n  weekdays: mon,wed,fri\n  subscriptions:\n    - platform: slack\n      workspace: T1\n      channel: C1\n      time: "07:30"\n      weekdays: daily\n',
    });
    const { config } = loadConfig({ cwd, env: { BRIEFING_CONFIG: 'other.yaml' }, envFile: null });
    expect(config.digest.weekdays).toEqual([1, 3, 5]);
    expect(config.digest.subscriptions).toEqual([{ platform: 'slack', workspace: 'T1', channel: 'C1', time: '07:30', weekdays: [1, 2, 3, 4, 5, 6, 7] }]);
  });

  it('registers secrets so they never reach a log', () => {
    const token = 'xoxb-very-secret-token-123';
    loadConfig({ cwd: dir(), env: { SLACK_BOT_TOKEN: token, SLACK_SIGNING_SECRET: 'sign-secret-456' }, envFile: null });
    expect(mask(`token ${token} and sign-secret-456`)).toBe('token [redacted] and [redacted]');
  });
});

describe('loadConfig: every bad value names its key and the fix', () => {
  it.each([
    [{ BRIEFING_TIMEZONE: 'Mars/Base' }, 'config: BRIEFING_TIMEZONE="Mars/Base" is not an IANA timezone (e.g. Europe/London)'],
    [{ DIGEST_TIME: '25:00' }, 'config: DIGEST_TIME="25:00" is not a 24-hour time HH:MM (e.g. 08:30)'],
    [{ DIGEST_GRACE_MINUTES: 'two hours' }, 'config: DIGEST_GRACE_MINUTES="two hours" is not a whole number (e.g. 120)'],
    [{ DIGEST_GRACE_MINUTES: '5000' }, 'config: DIGEST_GRACE_MINUTES="5000" must be at most 1440'],
    [{ SLACK_PORT: '0' }, 'config: SLACK_PORT="0" must be at least 1'],
    [{ DIGEST_WHEN_NOTHING_NEW: 'sometimes' }, 'config: DIGEST_WHEN_NOTHING_NEW="sometimes" must be one of skip, notice, repost'],
    [{ LOG_LEVEL: 'Loud' }, 'config: LOG_LEVEL="Loud" must be one of debug, info, warn, error, silent'],
    [{ BRIEFING_WATCH: 'maybe' }, 'config: BRIEFING_WATCH="maybe" is not true or false'],
    [{ BRIEFING_ANSWER_WORKERS: 'lots' }, 'config: BRIEFING_ANSWER_WORKERS="lots" is not auto or a whole number from 0 to 16'],
    [{ BRIEFING_ANSWER_WORKERS: '32' }, 'config: BRIEFING_ANSWER_WORKERS="32" must be at most 16'],
    [{ DIGEST_WEEKDAYS: 'someday' }, 'config: DIGEST_WEEKDAYS="someday" is not a list of days (e.g. mon-fri, weekends, daily, mon,wed,fri)'],
    [{ SLACK_API_URL: 'not a url' }, 'config: SLACK_API_URL="not a url" is not a URL (e.g. http://127.0.0.1:8080/api/)'],
    [{ BRIEFING_CONFIG: 'missing.yaml' }, 'config: BRIEFING_CONFIG="missing.yaml": no such file; point it at a YAML file such as config/default.yaml'],
  ])('%j', (env, message) => {
    expect(problems(() => loadConfig({ cwd: dir(), env, envFile: null }))).toEqual([message]);
  });

  it('reports every problem at once, with the .env line', () => {
    const cwd = dir({ '.env': 'BRIEFING_TIMEZONE=Mars/Base\nthis is not a pair\nDIGEST_TIEM=08:00\nDIGEST_TIME="08:00\n' });
    expect(problems(() => loadConfig({ cwd, env: {} }))).toEqual([
      'config: .env line 2: expected KEY=VALUE',
      'config: .env line 4: DIGEST_TIME: the double quote is not closed on this line',
      'config: .env line 3: unknown key DIGEST_TIEM (did you mean DIGEST_TIME?); the keys are listed in .env.example',
      'config: .env line 1: BRIEFING_TIMEZONE="Mars/Base" is not an IANA timezone (e.g. Europe/London)',
    ]);
  });

  it('suggests a key two swapped-letter pairs away (a transposition is one edit, as in the command grammar)', () => {
    const cwd = dir({ '.env': 'DIGEST_WEKEADYS=mon-fri\n' });
    expect(problems(() => loadConfig({ cwd, env: {} }))).toEqual([
      'config: .env line 1: unknown key DIGEST_WEKEADYS (did you mean DIGEST_WEEKDAYS?); the keys are listed in .env.example',
    ]);
  });

  it('names the YAML file and key, including misspelt keys and list items, all at once', () => {
    const cwd = dir({
      'config/default.yaml':
        'digest:\n  tme: "08:00"\n  weekdays: someday\n  subscriptions:\n    - platform: teams\n      channel: C1\n      time: "7"\ncontentDir: 5\n',
    });
    expect(problems(() => loadConfig({ cwd, env: {}, envFile: null }))).toEqual([
      'config: config/default.yaml: digest.weekdays="someday" is not a list of days (e.g. mon-fri, weekends, daily, mon,wed,fri)',
      'config: config/default.yaml: contentDir=5 must be a string',
      'config: config/default.yaml: unknown key digest.tme (did you mean digest.time?)',
    ]);
  });

  it('keeps a broken subscription entry for the scheduler to report, without stopping the start', () => {
    const cwd = dir({
      'config/default.yaml': 'digest:\n  subscriptions:\n    - platform: teams\n      channel: C1\n      time: "24:61"\n    - platform: console\n      channel: news\n      time: "07:30"\n      weekdays: daily\n',
    });
    const config = loadConfig({ cwd, env: {}, envFile: null }).config;
    expect(config.digest.subscriptions).toEqual([
      { platform: 'teams', channel: 'C1', time: '24:61' },
      { platform: 'console', channel: 'news', time: '07:30', weekdays: [1, 2, 3, 4, 5, 6, 7] },
    ]);
  });

  it('lists the allowed keys when a misspelling is not close to one', () => {
    const cwd = dir({ 'config/default.yaml': 'slack:\n  webhook: x\n' });
    expect(problems(() => loadConfig({ cwd, env: {}, envFile: null }))).toEqual([
      'config: config/default.yaml: unknown key slack.webhook (the keys here are botToken, signingSecret, appToken, clientId, clientSecret, stateSecret, redirectUri, port, apiUrl)',
    ]);
  });

  it('reports a YAML syntax error with its line', () => {
    const cwd = dir({ 'config/default.yaml': 'timezone: Europe/London\ndigest:\n  time: "08:00\n' });
    const [p] = problems(() => loadConfig({ cwd, env: {}, envFile: null }));
    expect(p).toBe('config: config/default.yaml line 4: Missing closing "quote');
  });

  it('never shows a secret in an error', () => {
    const cwd = dir({ 'config/default.yaml': 'slack:\n  botToken: 12345678\n' });
    const [p] = problems(() => loadConfig({ cwd, env: {}, envFile: null }));
    expect(p).toBe('config: config/default.yaml: slack.botToken=(hidden) must be a string');
  });

  it('rejects a platform configured by halves', () => {
    expect(problems(() => loadConfig({ cwd: dir(), env: { SLACK_BOT_TOKEN: 'xoxb-abcdefgh' }, envFile: null }))).toEqual([
      'config: SLACK_BOT_TOKEN is set but neither SLACK_SIGNING_SECRET (HTTP mode) nor SLACK_APP_TOKEN (Socket Mode) is; set one of them',
    ]);
    expect(problems(() => loadConfig({ cwd: dir(), env: { DISCORD_TOKEN: 'discord-token-x' }, envFile: null }))).toEqual([
      'config: DISCORD_TOKEN is set but DISCORD_APPLICATION_ID is not; set it to the application id from the Discord developer portal',
    ]);
  });
});

describe('describeConfig', () => {
  it('shows which adapters run, with secrets only as set/unset', () => {
    const env = { SLACK_BOT_TOKEN: 'xoxb-111111111', SLACK_APP_TOKEN: 'xapp-2222222222', DISCORD_TOKEN: 'dddddddddd', DISCORD_APPLICATION_ID: '42' };
    const { config } = loadConfig({ cwd: repo, env, envFile: null });
    expect(configuredPlatforms(config)).toEqual(['slack', 'discord']);
    const d = describeConfig(config);
    expect(d).toMatchObject({
      adapters: ['slack', 'discord'],
      slack: { mode: 'socket', botToken: 'set', signingSecret: 'unset', appToken: 'set', port: 3000 },
      discord: { token: 'set', applicationId: '42', guildId: 'unset (global commands)' },
    });
    const text = JSON.stringify(d);
    for (const secret of ['xoxb-111111111', 'xapp-2222222222', 'dddddddddd']) expect(text).not.toContain(secret);
  });
  it('runs the console when no platform is configured', () => {
    const { config } = loadConfig({ cwd: repo, env: {}, envFile: null });
    expect(describeConfig(config).adapters).toEqual(['console']);
  });
});

describe('.env', () => {
  it('parses quotes, escapes, comments and export', () => {
    const r = parseDotEnv('A=plain value # comment\nB="with \\"escapes\\"\\nnext" # c\nC=\'lit # not comment\'\nexport D = spaced\n\n# x\nE=a#b\n');
    expect(Object.fromEntries([...r.values].map(([k, v]) => [k, v.value]))).toEqual({
      A: 'plain value',
      B: 'with "escapes"\nnext',
      C: 'lit # not comment',
      D: 'spaced',
      E: 'a#b',
    });
    expect(r.errors).toEqual([]);
  });

  it('.env.example lists every key the app reads, each with a comment', () => {
    const lines = readFileSync(join(repo, '.env.example'), 'utf8').split('\n');
    const keys = lines.map((l) => /^([A-Z_]+)=/.exec(l)?.[1]).filter(Boolean);
    expect(keys.sort()).toEqual([...ENV_KEYS.map((k) => k.name), 'BRIEFING_CONFIG'].sort());
    lines.forEach((l, i) => {
      if (/^[A-Z_]+=/.test(l)) expect(lines[i - 1]!.startsWith('#')).toBe(true);
    });
  });
});
