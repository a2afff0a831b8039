import { describeTokenCosts } from '@gatehouse/kit/testing/tokens';
import { describe } from 'vitest';
import { demoSourceConfig } from '../src/demo/source.ts';
import { logsServer } from '../src/server.ts';
import { backendOf, sourceOf } from '../src/setup.ts';
import { Sources } from '../src/sources.ts';
import { LIMITS } from './fixtures.ts';

// What listing this server costs a model in every conversation, counted with a real tokenizer; fails past the aims
// (docs/contracts.md, Costs) and when the root README's token table disagrees (`pnpm tokens` rewrites it). Built
// as its embedded default runs, on the demo logs in examples/logs, so resources/list is measured with a real source; raw queries on, so every tool is counted.
describe('the logs server', () => {
  describeTokenCosts(
    async () => {
      const config = demoSourceConfig();
      const backend = await backendOf(config, LIMITS, 0);
      return {
        definition: logsServer(new Sources([sourceOf(config, backend)]), { ...LIMITS, rawQueries: true }),
        close: async () => {
          await backend.close?.();
        },
      };
    },
    { readme: new URL('../../../README.md', import.meta.url) },
  );
});
