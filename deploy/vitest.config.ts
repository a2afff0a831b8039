import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'deploy',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // The stand-in base images and the docs server's image, built once and shared by the container tests.
    globalSetup: ['test/images.setup.ts'],
    // A cold image build (the base stand-in, then the server's dependencies) takes minutes; warm, seconds.
    testTimeout: 30_000,
    hookTimeout: 600_000,
  },
});
