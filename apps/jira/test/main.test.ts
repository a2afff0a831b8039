import { fileURLToPath } from 'node:url';
import {
  connectHttpClient,
  runToExit,
  startServerProcess,
  structuredOf,
  testApiKey,
} from '@gatehouse/kit/testing';
import { describe, expect, it } from 'vitest';
import { FAKE_AUTH, startFakeJira } from './fake-jira.ts';

// The process as it runs in production: its entry, its settings from the environment, real HTTP to it and from
// it to a fake Jira on loopback.
const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));

describe('jira server process', () => {
  it("serves the SDK client over HTTP, and only the server's own Jira credential goes upstream", async () => {
    const fake = await startFakeJira();
    const { key, entry } = testApiKey('rita', ['reader']);
    const server = await startServerProcess(main, {
      GATEHOUSE_API_KEYS: JSON.stringify([entry]),
      GATEHOUSE_JIRA_BASE_URL: fake.url,
      GATEHOUSE_JIRA_EMAIL: FAKE_AUTH.email,
      GATEHOUSE_JIRA_API_TOKEN: FAKE_AUTH.apiToken,
      GATEHOUSE_JIRA_PROJECTS: 'API,WEB',
    });
    try {
      const client = await connectHttpClient(server.url, key);
      const result = await client.callTool({ name: 'get_issue', arguments: { key: 'API-1' } });
      expect(structuredOf<{ summary: string }>(result).summary).toBe('Rate limit the login endpoint');
      const refused = await client.callTool({ name: 'get_issue', arguments: { key: 'SECRET-1' } });
      expect(refused.isError).toBe(true);
      await client.close();
      expect(fake.requests.length).toBeGreaterThan(0);
      const basic = `Basic ${Buffer.from(`${FAKE_AUTH.email}:${FAKE_AUTH.apiToken}`).toString('base64')}`;
      expect(new Set(fake.requests.map((r) => r.authorization))).toEqual(new Set([basic]));
      expect(JSON.stringify(fake.requests)).not.toContain(key);
      expect(fake.requests.some((r) => r.path.includes('SECRET'))).toBe(false);
    } finally {
      await server.stop();
      await fake.close();
    }
  });

  it('starts unconfigured and says what to set', async () => {
    const { key, entry } = testApiKey('rita', ['reader']);
    const server = await startServerProcess(main, { GATEHOUSE_API_KEYS: JSON.stringify([entry]) });
    try {
      const client = await connectHttpClient(server.url, key);
      expect((await client.listTools()).tools.map((t) => t.name)).toContain('search_issues');
      const result = await client.callTool({ name: 'list_comments', arguments: { key: 'API-1' } });
      expect(result.isError).toBe(true);
      await client.close();
    } finally {
      await server.stop();
    }
  });

  it('refuses to start on a bad setting with exit code 78, naming it', async () => {
    const { code, stderr } = await runToExit(main, { GATEHOUSE_JIRA_PROJECTS: 'api,Web' });
    expect(code).toBe(78);
    expect(stderr).toContain('GATEHOUSE_JIRA_PROJECTS');
  });
});
