import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'embedded-pg',
    include: ['src/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
