import { fileURLToPath } from 'node:url';
import {
  connectHttpClient,
  runToExit,
  startServerProcess,
  structuredOf,
  testApiKey,
} from '@gatehouse/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
