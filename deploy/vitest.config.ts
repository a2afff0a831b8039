import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'deploy',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // A cold image build (the base stand-in, then the server's dependencies) takes minutes; warm, seconds.
    testTimeout: 30_000,
    hookTimeout: 600_000,
  },
});
