import { defineConfig } from 'vitest/config';

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
