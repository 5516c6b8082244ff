// The platform registry of the configuration: each platform's keys, schema slice and "configured"
// rule live in its own file (src/config/platforms/), and everything else is derived from the record.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configuredPlatforms } from '../../src/config/describe.ts';
import { ENV_KEYS, OWN_PREFIXES } from '../../src/config/env.ts';
import { CHANNEL_SHAPES, PLATFORM_CONFIGS, PLATFORM_NAMES } from '../../src/config/platforms/index.ts';
import { configSchema } from '../../src/config/schema.ts';

const repo = join(import.meta.dirname, '..', '..');

describe('platform config registry', () => {
  it('each platform owns its environment keys: prefixed with its id, landing in its own slice, all in .env.example', () => {
    const example = readFileSync(join(repo, '.env.example'), 'utf8');
    for (const id of PLATFORM_NAMES) {
      const p = PLATFORM_CONFIGS[id];
      expect(p.id).toBe(id);
      expect(OWN_PREFIXES).toContain(p.envPrefix);
      const shape = Object.keys((configSchema.shape[id] as unknown as { _zod: { def: { innerType: { shape: object } } } })._zod.def.innerType.shape);
      for (const k of p.env) {
        expect(k.name.startsWith(p.envPrefix), k.name).toBe(true);
        expect(shape, k.name).toContain(k.path[0]);
        expect(ENV_KEYS.find((e) => e.name === k.name)?.path).toEqual([id, ...k.path]);
        expect(example, `${k.name} in .env.example`).toMatch(new RegExp(`^${k.name}=`, 'm'));
      }
    }
  });

  it('no environment key outside a platform file names a platform prefix', () => {
    const platformKeys = new Set(PLATFORM_NAMES.flatMap((id) => PLATFORM_CONFIGS[id].env.map((k) => k.name)));
    const prefixes = PLATFORM_NAMES.map((id) => PLATFORM_CONFIGS[id].envPrefix);
    for (const k of ENV_KEYS) if (prefixes.some((p) => k.name.startsWith(p))) expect(platformKeys.has(k.name), k.name).toBe(true);
  });

  it('which platforms start comes from each platform\'s own rule, in the registry order', () => {
    const none = configSchema.parse({});
    expect(configuredPlatforms(none)).toEqual([]);
    const both = configSchema.parse({ slack: { botToken: 'x', appToken: 'y' }, discord: { token: 't', applicationId: '1' } });
    expect(configuredPlatforms(both)).toEqual(['slack', 'discord']);
    expect(configuredPlatforms(configSchema.parse({ slack: { clientId: 'c', clientSecret: 's' } }))).toEqual([]);
    expect(configuredPlatforms(configSchema.parse({ slack: { clientId: 'c', clientSecret: 's', signingSecret: 'g' } }))).toEqual(['slack']);
  });

  it('each platform owns its channel-id shape; the subscription checks use exactly the registry\'s, the console last', () => {
    expect(Object.keys(CHANNEL_SHAPES)).toEqual([...PLATFORM_NAMES, 'console']);
    for (const id of PLATFORM_NAMES) expect(CHANNEL_SHAPES[id]).toBe(PLATFORM_CONFIGS[id].channel);
    const ok = { slack: ['C0123ABCD', 'G0123ABCD', 'D0123ABCD', '#news'], discord: ['123456789012345678'], console: ['news'] };
    for (const [id, channels] of Object.entries(ok)) {
      for (const c of channels) {
        expect(CHANNEL_SHAPES[id]!.test(c), `${id} ${c}`).toBe(true);
        // Each platform's ids are its own: none passes for another platform (the console takes any name).
        for (const other of PLATFORM_NAMES) if (other !== id && id !== 'console') expect(CHANNEL_SHAPES[other]!.test(c), `${other} ${c}`).toBe(false);
      }
    }
  });
});
