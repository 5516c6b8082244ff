// `.env.example` against the keys the app reads (src/config/env.ts, each platform's from its own file
// in src/config/platforms/): every key once, nothing else, each with a comment above it, and the
// comment says "(secret)" exactly for the keys that are never logged. Each problem names its line.
import { CONFIG_PATH_KEY, ENV_KEYS, type EnvKey } from '../../src/config/env.ts';
import { PLATFORM_CONFIGS, PLATFORM_NAMES } from '../../src/config/platforms/index.ts';

/** Where a key is defined, for the message that it is missing. */
function owner(name: string): string {
  const id = PLATFORM_NAMES.find((p) => PLATFORM_CONFIGS[p].env.some((k) => k.name === name));
  return id ? `src/config/platforms/${id}.ts` : 'src/config/env.ts';
}

export function envExampleProblems(text: string, keys: readonly EnvKey[] = ENV_KEYS, file = '.env.example'): string[] {
  const known = new Map<string, EnvKey | null>([[CONFIG_PATH_KEY, null], ...keys.map((k) => [k.name, k] as const)]);
  const lines = text.split('\n');
  const seen = new Map<string, number>();
  const out: string[] = [];
  lines.forEach((line, i) => {
    const name = /^([A-Z][A-Z0-9_]*)=/.exec(line)?.[1];
    if (!name) return;
    const at = `${file} line ${i + 1}`;
    if (seen.has(name)) out.push(`${at}: ${name} again (first on line ${seen.get(name)})`);
    seen.set(name, i + 1);
    if (!known.has(name)) {
      out.push(`${at}: ${name} is not a key the app reads; remove it, or add it to src/config/env.ts or its platform's file`);
      return;
    }
    // The comment block right above the key.
    const comment: string[] = [];
    for (let j = i - 1; j >= 0 && lines[j]!.startsWith('#'); j--) comment.unshift(lines[j]!);
    if (!comment.length) out.push(`${at}: ${name} has no comment above it`);
    const secret = known.get(name)?.secret === true;
    const saysSecret = comment.at(-1)?.includes('(secret)') ?? false;
    if (secret && !saysSecret) out.push(`${at}: ${name} is a secret; end its comment with "(secret)"`);
    if (!secret && saysSecret) out.push(`${at}: ${name} is not a secret, yet its comment says "(secret)"`);
  });
  for (const name of known.keys()) if (!seen.has(name)) out.push(`${file}: ${name} is missing (${owner(name)} reads it)`);
  return out;
}
