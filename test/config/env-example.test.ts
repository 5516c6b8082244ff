// `.env.example` is checked against the keys the app and each platform read (see env-example.ts),
// so a key added to a platform's file without its line here, or a line left behind, fails.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENV_KEYS } from '../../src/config/env.ts';
import { envExampleProblems } from './env-example.ts';

const example = readFileSync(join(import.meta.dirname, '..', '..', '.env.example'), 'utf8');

describe('.env.example', () => {
  it('lists exactly the keys the app reads, once each, commented, secrets marked', () => {
    expect(envExampleProblems(example)).toEqual([]);
  });

  it('a platform key missing from it fails, naming the platform file that reads it', () => {
    const without = example.replace(/^DISCORD_GUILD_ID=\n/m, '');
    expect(envExampleProblems(without)).toEqual(['.env.example: DISCORD_GUILD_ID is missing (src/config/platforms/discord.ts reads it)']);
    // A key added to the table is missing until its line is written.
    const more = [...ENV_KEYS, { name: 'SLACK_TEAM_HINT', path: ['slack', 'teamHint'], type: 'string' as const }];
    expect(envExampleProblems(example, more)).toEqual(['.env.example: SLACK_TEAM_HINT is missing (src/config/env.ts reads it)']);
  });

  it('an extra, repeated, uncommented or wrongly marked key fails with its line', () => {
    const lines = example.split('\n');
    const extra = `${example}\n# Left behind.\nSLACK_VERIFICATION_TOKEN=\n`;
    expect(envExampleProblems(extra)).toEqual([
      `.env.example line ${lines.length + 2}: SLACK_VERIFICATION_TOKEN is not a key the app reads; remove it, or add it to src/config/env.ts or its platform's file`,
    ]);
    const twice = `${example}\n# Again.\nDIGEST_TIME=\n`;
    expect(envExampleProblems(twice)).toEqual([`.env.example line ${lines.length + 2}: DIGEST_TIME again (first on line ${lines.indexOf('DIGEST_TIME=') + 1})`]);
    const bare = example.replace('# Bot token.  (secret)\nDISCORD_TOKEN=', '\nDISCORD_TOKEN=');
    const at = bare.split('\n').indexOf('DISCORD_TOKEN=') + 1;
    expect(envExampleProblems(bare)).toEqual([
      `.env.example line ${at}: DISCORD_TOKEN has no comment above it`,
      `.env.example line ${at}: DISCORD_TOKEN is a secret; end its comment with "(secret)"`,
    ]);
    const marked = example.replace('# HTTP port in HTTP mode (default: 3000).', '# HTTP port in HTTP mode (default: 3000).  (secret)');
    expect(envExampleProblems(marked)).toEqual([`.env.example line ${marked.split('\n').indexOf('SLACK_PORT=') + 1}: SLACK_PORT is not a secret, yet its comment says "(secret)"`]);
  });
});
