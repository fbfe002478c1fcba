import { defineConfig } from 'vitest/config';

// Unit tests of the web's pure modules (no browser): `npm -w apps/web test`.
export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
