import { defineConfig } from 'vitest/config';

// Browser journeys: one server (fresh embedded database, demo seed) for the run, Debian's Chromium driven by
// playwright-core. Files run one after another: they share the server and a 2-core machine.
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['support/server.ts'],
    setupFiles: ['support/csp.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
