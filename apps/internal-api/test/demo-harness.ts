// The embedded demo service on loopback and the server's tools over it, through the kit's whole pipeline with the
// official SDK client (in memory between client and server; real HTTP between server and service).
import { fileURLToPath } from 'node:url';
import type { Identity } from '@gatehouse/kit';
import { connectInMemory, createMemoryAuditSink, loadPolicyFile, type Policy } from '@gatehouse/kit/testing';
import { InternalApiSettingsSchema } from '../src/config.ts';
import { type DemoService, startDemoService } from '../src/demo/service.ts';
import { DEMO_KEY_ENV, demoServiceSettings } from '../src/demo/settings.ts';
import { internalApiServer } from '../src/server.ts';
import { loadServices } from '../src/services.ts';

export const policy = await loadPolicyFile(fileURLToPath(new URL('../policy.default.yaml', import.meta.url)));
export const reader: Identity = { actor: 'rita', roles: ['reader'], scopes: [], via: 'stdio' };
export const writer: Identity = { actor: 'wes', roles: ['writer'], scopes: [], via: 'stdio' };
export const approver: Identity = { actor: 'ada', roles: ['approver'], scopes: [], via: 'stdio' };

export async function connectDemo(identity: Identity, options: { catalog?: boolean; policy?: Policy } = {}) {
  const demo: DemoService = await startDemoService();
  const settings = InternalApiSettingsSchema.parse({ services: [demoServiceSettings(demo.baseUrl)] });
  const loaded = await loadServices(settings, { env: { [DEMO_KEY_ENV]: demo.apiKey } });
  const audit = createMemoryAuditSink();
  const connection = await connectInMemory(internalApiServer(loaded, { catalog: options.catalog ?? false }), {
    policy: options.policy ?? policy,
    identity,
    audit,
    boundaries: loaded.boundaries,
  });
  return {
    ...connection,
    demo,
    audit,
    loaded,
    async close() {
      await connection.close();
      await demo.close();
    },
  };
}
