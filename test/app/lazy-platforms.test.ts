// One-shot commands load no platform library: `briefing brief` and `briefing --help` never import
// Bolt or discord.js (src/app/hooks.ts imports a platform's module only when it starts). Measured
// as a real process with a module resolve hook that reports every platform package it sees.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const repo = join(import.meta.dirname, '..', '..');
const HOOK = `
export async function resolve(spec, ctx, next) {
  const r = await next(spec, ctx);
  if (/node_modules\\/(@slack\\/bolt|discord\\.js)\\//.test(r.url)) process.stderr.write('PLATFORM ' + r.url + '\\n');
  return r;
}`;
const REGISTER = `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(HOOK)}`)});`;

function run(args: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'briefing-lazy-'));
  const env: NodeJS.ProcessEnv = { ...process.env, BRIEFING_DB_PATH: join(dir, 'b.db'), BRIEFING_WATCH: 'false', LOG_LEVEL: 'error' };
  for (const k of Object.keys(env)) if (/^(SLACK|DISCORD)_/.test(k)) delete env[k];
  return spawnSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(REGISTER)}`, join(repo, 'bin', 'briefing.mjs'), ...args], { cwd: repo, env, encoding: 'utf8', timeout: 60_000 });
}

describe('platform libraries load only for the platform that starts', () => {
  it('the hook sees a platform import when one happens (the check can fail)', () => {
    const r = spawnSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(REGISTER)}`, '--input-type=module', '-e', "await import('discord.js')"], { cwd: repo, encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toContain('PLATFORM ');
  });

  it.each([[['--help']], [['brief', 'help']]])('briefing %j imports neither Bolt nor discord.js', (args) => {
    const r = run(args);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('PLATFORM ');
  }, 60_000);
});
