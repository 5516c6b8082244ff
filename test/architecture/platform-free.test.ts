// Core knows no platform (docs/architecture.md): platform ids and channel-id shapes live in the
// platform registry (src/config/platforms/) and the adapters, so adding one touches neither core
// nor the checks built on it. Comments may give examples; code may not name one.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHANNEL_SHAPES } from '../../src/config/platforms/index.ts';
import { stripComments } from './rules.ts';

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = `${dir}/${e.name}`;
    return e.isDirectory() ? files(path) : /\.ts$/.test(e.name) ? [path] : [];
  });
}

/** `file:line: text` for each line of code naming a platform id or holding a registry channel shape. */
function platformMentions(path: string, text: string): string[] {
  const ids = Object.keys(CHANNEL_SHAPES);
  const word = new RegExp(`\\b(?:${ids.join('|')})\\b`, 'i');
  const shapes = Object.values(CHANNEL_SHAPES).map((r) => r.source);
  const out: string[] = [];
  stripComments(text)
    .split('\n')
    .forEach((line, i) => {
      if (word.test(line) || shapes.some((s) => line.includes(s))) out.push(`${path}:${i + 1}: ${line.trim()}`);
    });
  return out;
}

describe('core names no platform', () => {
  it('no code line under src/core names a registered platform or holds its channel-id shape', () => {
    const core = files('src/core');
    expect(core.length).toBeGreaterThan(50);
    expect(core.flatMap((f) => platformMentions(f, readFileSync(f, 'utf8')))).toEqual([]);
  });

  it('catches a platform id or a channel shape in code, not in a comment', () => {
    const slack = CHANNEL_SHAPES.slack!.source;
    expect(platformMentions('src/core/x.ts', `// slack ids look like C0123\nconst p = 'discord';\nconst re = /${slack}/;\n`)).toEqual([
      "src/core/x.ts:2: const p = 'discord';",
      `src/core/x.ts:3: const re = /${slack}/;`,
    ]);
  });
});
