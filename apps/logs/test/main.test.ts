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
  it('serves the official SDK client over HTTP with an API key', async () => {
    const { key, entry } = testApiKey('rita', ['reader']);
    const server = await startServerProcess(main, { GATEHOUSE_API_KEYS: JSON.stringify([entry]) });
    try {
      const client = await connectHttpClient(server.url, key);
      const result = await client.callTool({ name: 'list_items', arguments: {} });
      expect(structuredOf<{ items: unknown[] }>(result).items).toHaveLength(2);
      await client.close();
    } finally {
      await server.stop();
    }
  });

  it('refuses to start on a bad setting with exit code 78, naming it', async () => {
    const { code, stderr } = await runToExit(main, { GATEHOUSE_LOGS_MAX_ITEMS: 'many' });
    expect(code).toBe(78);
    expect(stderr).toContain('GATEHOUSE_LOGS_MAX_ITEMS');
  });
});
