import { describeTokenCosts } from '@gatehouse/kit/testing/tokens';
import { describe } from 'vitest';
import { InternalApiSettingsSchema } from '../src/config.ts';
import { demoServiceSettings } from '../src/demo/settings.ts';
import { internalApiServer } from '../src/server.ts';
import { loadServices } from '../src/services.ts';

// What listing this server costs a model in every conversation, counted with a real tokenizer; fails past the aims
// (docs/contracts.md, Costs) and when the root README's token table disagrees (`pnpm tokens` rewrites it). The
// embedded demo's tools as generated from its OpenAPI document; listing calls no service, so the base URL points
// nowhere.
describe('the internal-api server', () => {
  describeTokenCosts(
    async () => {
      const settings = InternalApiSettingsSchema.parse({
        services: [demoServiceSettings('http://127.0.0.1:9/v1')],
      });
      const loaded = await loadServices(settings, { env: { GATEHOUSE_INTERNAL_API_DEMO_KEY: 'unused' } });
      return { definition: internalApiServer(loaded) };
    },
    { readme: new URL('../../../README.md', import.meta.url) },
  );
});
