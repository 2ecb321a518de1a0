import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // one embedded PostgreSQL for the run (tests of the PostgreSQL store)
    globalSetup: ['src/store/postgres/test-support/global-setup.ts'],
  },
});
