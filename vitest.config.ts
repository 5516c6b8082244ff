import { defineConfig } from 'vitest/config';

// Processes the tests start through bin/briefing.mjs run the sources under test, never a dist/
// build that may be older than them (test/build/ runs the build itself, on purpose).
process.env.BRIEFING_FROM_SOURCE = '1';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One throwaway PostgreSQL cluster for the run (skipped, with the reason printed, when none can be had).
    globalSetup: ['test/pg/global-setup.ts'],
    // Network fakes bind real loopback ports; keep files isolated but bounded for 2-core machines.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
