import { defineConfig } from 'vitest/config';

// One run over every package and app, so the README's test command prints one summary.
export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*', 'deploy'],
  },
});
