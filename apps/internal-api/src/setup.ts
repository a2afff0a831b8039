import { existsSync } from 'node:fs';
import type { StartContext } from '@gatehouse/kit';
import type { InternalApiSettings } from './config.ts';
import { DEMO_CONTRACTS_DIR, startDemoService } from './demo/service.ts';
import { DEMO_KEY_ENV, demoServiceSettings } from './demo/settings.ts';
import { contractDrift } from './drift.ts';
import { internalApiServer } from './server.ts';
import { loadServices } from './services.ts';

/**
 * The internal-api server from its settings: every service's document loaded and its allowlist applied. With no
 * service configured it serves the embedded demo API (started here, on loopback, stopped at shutdown).
 */
export async function startInternalApi(settings: InternalApiSettings, ctx: StartContext) {
  let effective = settings;
  let env: NodeJS.ProcessEnv = process.env;
  if (settings.services.length === 0) {
    const demo = await startDemoService();
    ctx.onShutdown(() => demo.close());
    effective = { ...settings, services: [demoServiceSettings(demo.baseUrl)] };
    env = { ...process.env, [DEMO_KEY_ENV]: demo.apiKey };
    ctx.log(
      `no services configured (GATEHOUSE_INTERNAL_API_SERVICES): serving the embedded demo API at ${demo.baseUrl}`,
    );
  }
  const loaded = await loadServices(effective, { env });
  ctx.onShutdown(() => loaded.close());
  for (const notice of loaded.notices) ctx.log(notice);
  const contractsDir =
    settings.contractsDir ?? (settings.services.length === 0 ? DEMO_CONTRACTS_DIR : undefined);
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
