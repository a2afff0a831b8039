import { describeServerApp } from '@gatehouse/kit/testing/app';
import { InternalApiSettingsSchema } from '../src/config.ts';
import { demoServiceSettings } from '../src/demo/settings.ts';
import { internalApiServer } from '../src/server.ts';
import { loadServices } from '../src/services.ts';

// The tests every server shares, over the embedded demo's tools as generated from examples/internal-api/openapi.yaml:
// their contract snapshots are what a change to the document is checked against. Nothing here calls a tool, so
// the base URL points nowhere.
const settings = InternalApiSettingsSchema.parse({
  services: [demoServiceSettings('http://127.0.0.1:9/v1')],
});
const loaded = await loadServices(settings, { env: { GATEHOUSE_INTERNAL_API_DEMO_KEY: 'unused' } });
describeServerApp(new URL('..', import.meta.url), internalApiServer(loaded));
