import { fileURLToPath } from 'node:url';
import {
  connectHttpClient,
  runToExit,
  startServerProcess,
  structuredOf,
  testApiKey,
} from '@gatehouse/kit/testing';
import { describe, expect, it } from 'vitest';

// The process as it runs in production: its entry, its settings from the environment, real HTTP.
const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));

describe('logs server process', () => {
  it('serves the demo logs, replayed to end now, to the official SDK client over HTTP', async () => {
    const { key, entry } = testApiKey('rita', ['reader']);
    const server = await startServerProcess(main, { GATEHOUSE_API_KEYS: JSON.stringify([entry]) });
    try {
      const client = await connectHttpClient(server.url, key);
      const result = await client.callTool({ name: 'find_recent_errors', arguments: { since: '3h' } });
      const out = structuredOf<{ patterns: { trend: string; services: string }[] }>(result);
      expect(out.patterns.filter((p) => p.trend === 'new').map((p) => p.services)).toEqual(
        expect.arrayContaining(['billing-api', 'invoice-worker']),
      );
      await client.close();
    } finally {
      await server.stop();
    }
  });

  it('refuses to start on a bad setting with exit code 78, naming it', async () => {
    const { code, stderr } = await runToExit(main, { GATEHOUSE_LOGS_MAX_RANGE_HOURS: 'many' });
    expect(code).toBe(78);
    expect(stderr).toContain('GATEHOUSE_LOGS_MAX_RANGE_HOURS');
  });

  it('refuses a source without an allowlist, naming the field', async () => {
    const { code, stderr } = await runToExit(main, {
      GATEHOUSE_LOGS_SOURCES: JSON.stringify([{ name: 'app', kind: 'files', root: '/tmp' }]),
    });
    expect(code).toBe(78);
    expect(stderr).toContain('GATEHOUSE_LOGS_SOURCES');
    expect(stderr).toContain('allow');
  });
});
