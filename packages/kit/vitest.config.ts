import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'kit',
    include: ['src/**/*.test.ts', 'example/**/*.test.ts', 'test/**/*.test.ts', 'scripts/**/*.test.ts'],
    testTimeout: 20_000,
    // Teardown stops embedded PostgreSQL and servers: slow on a loaded 2-core machine, never a reason to fail.
    hookTimeout: 60_000,
  },
});
