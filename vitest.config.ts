import { defineConfig } from 'vitest/config';

// Unit and API tests. The API suites run on PGlite, or on PostgreSQL when TEST_DATABASE_URL is set;
// the global setup migrates and seeds one template database that every test file copies.
export default defineConfig({
  test: {
    include: ['packages/*/test/**/*.test.ts', 'apps/api/test/**/*.test.ts', 'apps/web/src/**/*.test.ts'],
    globalSetup: ['apps/api/test/support/global-setup.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
