import { fileURLToPath } from 'node:url';
import {
  connectHttpClient,
  errorCodeOf,
  runToExit,
  startServerProcess,
  structuredOf,
  testApiKey,
  textOf,
} from '@gatehouse/kit/testing';
import { describe, expect, it } from 'vitest';
import type { JiraSettings } from '../src/config.ts';
import { jiraAccessFrom } from '../src/setup.ts';
import { FAKE_OAUTH, type FakeJira, startFakeJira } from './fake-jira.ts';
import { data, settingsFor, useFakeJira } from './fixtures.ts';

const jira = useFakeJira();

/** The fake's OAuth 2.0 app and grant instead of the API token. */
const oauthSettings = (fake: FakeJira): Partial<JiraSettings> => ({
  email: undefined,
  apiToken: undefined,
  oauthClientId: FAKE_OAUTH.clientId,
  oauthClientSecret: FAKE_OAUTH.clientSecret,
  oauthRefreshToken: FAKE_OAUTH.refreshToken,
  cloudId: FAKE_OAUTH.cloudId,
  oauthTokenUrl: `${fake.url}/oauth/token`,
  apiGatewayUrl: fake.url,
});

const SECRETS = [FAKE_OAUTH.clientSecret, 'oauth-refresh-', 'oauth-access-'];

describe('OAuth 2.0 (3LO)', () => {
  it('calls Jira through the gateway with a token minted from the refresh token, reused across calls', async () => {
    const { client } = await jira.connect({ settings: oauthSettings(jira.fake) });
    for (const key of ['API-1', 'API-2']) {
      const result = await client.callTool({ name: 'get_issue', arguments: { key } });
      expect(data<{ key: string }>(result).key).toBe(key);
    }
    expect(jira.fake.oauth.tokenRequests).toHaveLength(1);
    expect(new Set(jira.fake.requests.map((r) => r.authorization))).toEqual(
      new Set(['Bearer oauth-access-1-for-tests']),
    );
  });

  it('refreshes once on a 401 and repeats the request; the spent refresh token is never sent again', async () => {
    const { client } = await jira.connect({ settings: oauthSettings(jira.fake) });
    await client.callTool({ name: 'get_issue', arguments: { key: 'API-1' } });
    jira.fake.oauth.revokeAccessTokens();
    const result = await client.callTool({ name: 'get_issue', arguments: { key: 'API-2' } });
    expect(data<{ key: string }>(result).key).toBe('API-2');
    expect(jira.fake.oauth.tokenRequests.map((r) => r.refresh_token)).toEqual([
      FAKE_OAUTH.refreshToken,
      'oauth-refresh-1-for-tests',
    ]);
    const rejected = jira.fake.requests.filter((r) => r.authorization === 'Bearer oauth-access-1-for-tests');
    expect(rejected.filter((r) => r.path === '/rest/api/3/issue/API-2')).toHaveLength(1);
  });

  it('does not loop on a 401 that a fresh token does not cure: one refresh, then bad credentials', async () => {
    const { client } = await jira.connect({ settings: oauthSettings(jira.fake) });
    jira.fake.fail({ path: /\/issue\/API-1$/, status: 401, times: 5 });
    const result = await client.callTool({ name: 'get_issue', arguments: { key: 'API-1' } });
    expect(errorCodeOf(result)).toBe('jira_bad_credentials');
    expect(jira.fake.oauth.tokenRequests).toHaveLength(2);
  });

  it('a spent refresh token names the setting to fix; no token or secret reaches the answer or the audit', async () => {
    const { client, audit } = await jira.connect({
      settings: { ...oauthSettings(jira.fake), oauthRefreshToken: 'oauth-refresh-spent' },
    });
    const result = await client.callTool({ name: 'list_comments', arguments: { key: 'API-1' } });
    expect(errorCodeOf(result)).toBe('jira_oauth_failed');
    expect(textOf(result)).toContain('GATEHOUSE_JIRA_OAUTH_REFRESH_TOKEN');
    const seen = JSON.stringify([result, audit.records]);
    for (const secret of SECRETS) expect(seen).not.toContain(secret);
    expect(jira.fake.requests).toHaveLength(0);
  });

  it('names every missing OAuth setting and refuses two ways to authenticate at once', async () => {
    const partial = settingsFor(jira.fake, {
      email: undefined,
      apiToken: undefined,
      oauthClientId: FAKE_OAUTH.clientId,
      oauthRefreshToken: FAKE_OAUTH.refreshToken,
    });
    const access = jiraAccessFrom(partial);
    expect(access.configured).toBe(false);
    expect(() => access.get()).toThrow(
      /incomplete OAuth 2.0 settings: also set GATEHOUSE_JIRA_OAUTH_CLIENT_SECRET, GATEHOUSE_JIRA_CLOUD_ID/,
    );
    const both = settingsFor(jira.fake, { oauthClientId: FAKE_OAUTH.clientId });
    expect(() => jiraAccessFrom(both)).toThrow(/set one way to authenticate, not GATEHOUSE_JIRA_EMAIL/);
  });
});

const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));

describe('OAuth 2.0 in the server process', () => {
  it('keeps the refresh token, secret and access tokens out of its log and audit lines', async () => {
    const fake = await startFakeJira();
    const { key, entry } = testApiKey('rita', ['reader']);
    const server = await startServerProcess(main, {
      GATEHOUSE_API_KEYS: JSON.stringify([entry]),
      GATEHOUSE_JIRA_OAUTH_CLIENT_ID: FAKE_OAUTH.clientId,
      GATEHOUSE_JIRA_OAUTH_CLIENT_SECRET: FAKE_OAUTH.clientSecret,
      GATEHOUSE_JIRA_OAUTH_REFRESH_TOKEN: FAKE_OAUTH.refreshToken,
      GATEHOUSE_JIRA_CLOUD_ID: FAKE_OAUTH.cloudId,
      GATEHOUSE_JIRA_OAUTH_TOKEN_URL: `${fake.url}/oauth/token`,
      GATEHOUSE_JIRA_API_GATEWAY_URL: fake.url,
      GATEHOUSE_JIRA_PROJECTS: 'API,WEB',
    });
    try {
      const client = await connectHttpClient(server.url, key);
      const first = await client.callTool({ name: 'get_issue', arguments: { key: 'API-1' } });
      expect(structuredOf<{ key: string }>(first).key).toBe('API-1');
      fake.oauth.revokeAccessTokens();
      const second = await client.callTool({ name: 'get_issue', arguments: { key: 'API-2' } });
      expect(structuredOf<{ key: string }>(second).key).toBe('API-2');
      await client.close();
      expect(fake.oauth.tokenRequests).toHaveLength(2);
    } finally {
      await server.stop();
      await fake.close();
    }
    const log = server.stderr();
    expect(log).toContain('GATEHOUSE_JIRA_OAUTH_STATE_FILE');
    expect(log).toContain('get_issue');
    for (const secret of SECRETS) expect(log).not.toContain(secret);
  });

  it('refuses to start with two ways to authenticate (exit 78), showing neither secret', async () => {
    const { code, stderr } = await runToExit(main, {
      GATEHOUSE_JIRA_TOKEN: 'bearer-token-for-tests',
      GATEHOUSE_JIRA_OAUTH_CLIENT_SECRET: FAKE_OAUTH.clientSecret,
      GATEHOUSE_JIRA_PROJECTS: 'API',
    });
    expect(code).toBe(78);
    expect(stderr).toContain('set one way to authenticate');
    expect(stderr).not.toContain(FAKE_OAUTH.clientSecret);
    expect(stderr).not.toContain('bearer-token-for-tests');
  });
});
