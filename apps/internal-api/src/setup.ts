import { existsSync } from 'node:fs';
import type { StartContext } from '@gatehouse/kit';
import type { InternalApiSettings } from './config.ts';
import { contractDrift } from './drift.ts';
import { defaultCacheDir, openDescriptionCache } from './openapi/description-cache.ts';
import { internalApiServer } from './server.ts';
import { loadServices } from './services.ts';

/**
 * The internal-api server from its settings: every service's document loaded and its allowlist applied. With no
 * service configured it serves the embedded demo API (started here, on loopback, stopped at shutdown).
 */
export async function startInternalApi(settings: InternalApiSettings, ctx: StartContext) {
  let effective = settings;
  let env: NodeJS.ProcessEnv = process.env;
  let demoContracts: string | undefined;
  if (settings.services.length === 0) {
    // The demo (its HTTP service and document) is loaded only when it is served.
    const [{ DEMO_CONTRACTS_DIR, startDemoService }, { DEMO_KEY_ENV, demoServiceSettings }] =
      await Promise.all([import('./demo/service.ts'), import('./demo/settings.ts')]);
    demoContracts = DEMO_CONTRACTS_DIR;
    const demo = await startDemoService();
    ctx.onShutdown(() => demo.close());
    effective = { ...settings, services: [demoServiceSettings(demo.baseUrl)] };
    env = { ...process.env, [DEMO_KEY_ENV]: demo.apiKey };
    ctx.log(
      `no services configured (GATEHOUSE_INTERNAL_API_SERVICES): serving the embedded demo API at ${demo.baseUrl}`,
    );
  }
  const cache =
    settings.cacheDir === 'off' ? undefined : openDescriptionCache(settings.cacheDir ?? defaultCacheDir());
  const loaded = await loadServices(effective, { env, ...(cache ? { cache } : {}) });
  ctx.onShutdown(() => loaded.close());
  for (const notice of loaded.notices) ctx.log(notice);
  const contractsDir = settings.contractsDir ?? demoContracts;
  if (settings.contractsDir && !existsSync(settings.contractsDir)) {
    ctx.log(`GATEHOUSE_INTERNAL_API_CONTRACTS_DIR: ${settings.contractsDir} does not exist; no drift check`);
  }
  const definition = internalApiServer(loaded, { catalog: settings.catalog });
  const drift =
    contractsDir && !settings.catalog ? await contractDrift(loaded, definition, contractsDir) : [];
  for (const finding of drift) ctx.log(finding.message);
  for (const service of loaded.services) {
    ctx.log(`${service.settings.name}: ${service.operations.length} tools from ${service.settings.spec}`);
  }
  return {
    definition,
    boundaries: loaded.boundaries,
    startupNotices: loaded.notices.map((notice) => ({
      code: 'operation_not_served',
      target: notice.slice(0, 200),
    })),
  };
}
