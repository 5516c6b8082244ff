// The adapters this build runs: the platform modules (platform-modules.ts), the digest module and
// the web module plug in here. A platform's module (and Bolt or discord.js with it) is imported
// only when that platform is configured and starts, so one-shot commands (`briefing brief`, the
// console) load neither.
import { digestHooks } from './digest-hooks.ts';
import { webHooks } from './web-hooks.ts';
import { PLATFORM_MODULES } from './platform-modules.ts';
import type { AppHooks } from './types.ts';

export const defaultHooks: AppHooks = {
  prepare(platforms) {
    // Catching here only keeps an early failure unhandled-free; the factory awaits the same promise and reports it.
    for (const id of platforms) PLATFORM_MODULES[id]?.load().catch(() => {});
  },
  ...digestHooks,
  ...webHooks,
  platforms: Object.fromEntries(Object.entries(PLATFORM_MODULES).map(([id, m]) => [id, m.start])),
};
