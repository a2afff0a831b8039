import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  connectHttpClient,
  runToExit,
  startServerProcess,
  structuredOf,
  testApiKey,
} from '@gatehouse/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { DEMO_CONTRACTS_DIR, DEMO_SPEC_FILE } from '../src/demo/service.ts';
import { demoServiceSettings } from '../src/demo/settings.ts';
import { LAB_SPEC, type Lab, startLab } from './lab.ts';

// The process as it runs in production: its entry, its settings from the environment, real HTTP between the
// official SDK client and the server, and between the server and the upstream service.
const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));

let lab: Lab;
beforeAll(async () => {
  lab = await startLab();
});
afterAll(async () => {
  await lab.close();
});

describe('internal-api server process', () => {
  it('serves the embedded demo API when no service is configured', async () => {
    const { key, entry } = testApiKey('rita', ['reader']);
    const server = await startServerProcess(main, { GATEHOUSE_API_KEYS: JSON.stringify([entry]) });
    try {
      const client = await connectHttpClient(server.url, key);
      const result = await client.callTool({ name: 'get_customer', arguments: { customerId: 2 } });
      expect(structuredOf<{ name: string; plan: string }>(result)).toMatchObject({
        name: 'Hiro Tanaka',
        plan: 'team',
      });
      await client.close();
    } finally {
      await server.stop();
    }
  });

  it("never sends the caller's token upstream: only the service's own credential", async () => {
    const { key, entry } = testApiKey('rita', ['reader']);
    const server = await startServerProcess(main, {
      GATEHOUSE_API_KEYS: JSON.stringify([entry]),
      LAB_SERVICE_TOKEN: 'the-service-credential',
      GATEHOUSE_INTERNAL_API_SERVICES: JSON.stringify([
        {
          name: 'lab',
          spec: LAB_SPEC,
          baseUrl: lab.baseUrl,
          auth: { type: 'bearer', secret: { env: 'LAB_SERVICE_TOKEN' } },
          allow: ['whoami', 'search'],
        },
      ]),
    });
    try {
      const client = await connectHttpClient(server.url, key);
      const before = lab.requests.length;
      await client.callTool({ name: 'whoami', arguments: {} });
      await client.callTool({ name: 'search', arguments: { q: key } });
      const seen = lab.requests.slice(before);
      expect(seen).toHaveLength(2);
      for (const request of seen) {
        expect(request.headers.authorization).toBe('Bearer the-service-credential');
        // The caller's key appears nowhere in a header (it reached the service only as the query text it sent).
        expect(JSON.stringify(request.headers)).not.toContain(key);
      }
      expect(server.stderr()).not.toContain('the-service-credential');
      await client.close();
    } finally {
      await server.stop();
    }
  });

  it('says at start which tools a changed document changed, and whether that breaks clients', async () => {
    const doc = parse(readFileSync(DEMO_SPEC_FILE, 'utf8'));
    doc.paths['/orders'].get.parameters.find((p: { name: string }) => p.name === 'limit').required = true;
    const dir = mkdtempSync(join(tmpdir(), 'internal-api-drift-'));
    const spec = join(dir, 'openapi.yaml');
    writeFileSync(spec, stringify(doc));
    const { key, entry } = testApiKey('rita', ['reader']);
    const server = await startServerProcess(main, {
      GATEHOUSE_API_KEYS: JSON.stringify([entry]),
      DEMO_KEY: 'unused',
      GATEHOUSE_INTERNAL_API_CONTRACTS_DIR: DEMO_CONTRACTS_DIR,
      GATEHOUSE_INTERNAL_API_SERVICES: JSON.stringify([
        {
          ...demoServiceSettings('http://127.0.0.1:9/v1'),
          spec,
          auth: { type: 'apiKey', header: 'x-api-key', secret: { env: 'DEMO_KEY' } },
        },
      ]),
    });
    try {
      expect(server.stderr()).toContain(
        'search_orders: the document changed its contract since snapshot 1.1.1 (breaking: input.limit: now required); bump operations.searchOrders.version (major)',
      );
      expect(server.stderr()).not.toContain('get_customer: the document changed');
      const client = await connectHttpClient(server.url, key);
      const tool = (await client.listTools()).tools.find((t) => t.name === 'search_orders');
      expect(tool?.inputSchema.required).toEqual(['limit']);
      await client.close();
    } finally {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses to start on a bad setting with exit code 78, naming it', async () => {
    const { code, stderr } = await runToExit(main, { GATEHOUSE_INTERNAL_API_SERVICES: 'many' });
    expect(code).toBe(78);
    expect(stderr).toContain('GATEHOUSE_INTERNAL_API_SERVICES');
  });

  it('refuses to start when a service credential is missing, naming where it is read from', async () => {
    const services = [
      { name: 'lab', spec: LAB_SPEC, auth: { type: 'bearer', secret: { env: 'NOT_SET_ANYWHERE' } } },
    ];
    const { code, stderr } = await runToExit(main, {
      GATEHOUSE_INTERNAL_API_SERVICES: JSON.stringify(services),
    });
    expect(code).toBe(78);
    expect(stderr).toContain('services[0].auth.secret.env: environment variable NOT_SET_ANYWHERE is not set');
  });
});
