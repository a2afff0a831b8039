import { ConfigError } from '@gatehouse/kit';
import { startTestIssuer } from '@gatehouse/kit/testing';
import { describe, expect, it } from 'vitest';
import { oauthFromEnv } from './oauth-env.ts';

describe('the console’s sign-in settings', () => {
  it('is off without a client id, and discovers the provider’s endpoints from the servers’ issuer', async () => {
    expect(await oauthFromEnv({})).toBeUndefined();
    const issuer = await startTestIssuer();
    try {
      const options = await oauthFromEnv({
        GATEHOUSE_OAUTH_ISSUER: issuer.issuer,
        GATEHOUSE_CONSOLE_OAUTH_CLIENT_ID: 'console',
        GATEHOUSE_CONSOLE_URL: 'https://console.example.com/',
        GATEHOUSE_OAUTH_ROLES_CLAIM: 'groups',
      });
      expect(options).toEqual({
        issuer: issuer.issuer,
        jwksUrl: issuer.jwksUrl,
        authorizationEndpoint: `${issuer.issuer}/authorize`,
        tokenEndpoint: `${issuer.issuer}/token`,
        clientId: 'console',
        consoleUrl: 'https://console.example.com/',
        claims: { rolesClaim: 'groups' },
      });
    } finally {
      await issuer.close();
    }
  });

  it('names the setting that is missing or wrong', async () => {
    const problems = async (env: NodeJS.ProcessEnv) =>
      oauthFromEnv(env).then(
        () => [],
        (error: unknown) => (error instanceof ConfigError ? error.problems : [String(error)]),
      );
    expect(await problems({ GATEHOUSE_CONSOLE_OAUTH_CLIENT_ID: 'console' })).toEqual([
      expect.stringMatching(
        /^GATEHOUSE_OAUTH_ISSUER: required when GATEHOUSE_CONSOLE_OAUTH_CLIENT_ID is set/,
      ),
    ]);
    expect(
      await problems({
        GATEHOUSE_CONSOLE_OAUTH_CLIENT_ID: 'c',
        GATEHOUSE_OAUTH_ISSUER: 'http://127.0.0.1:1',
      }),
    ).toEqual([expect.stringMatching(/^GATEHOUSE_OAUTH_ISSUER: cannot read the issuer's metadata/)]);
    expect(
      await problems({
        GATEHOUSE_CONSOLE_OAUTH_CLIENT_ID: 'c',
        GATEHOUSE_OAUTH_ISSUER: 'x',
        GATEHOUSE_CONSOLE_URL: 'nope',
      }),
    ).toEqual([expect.stringMatching(/^GATEHOUSE_CONSOLE_URL: expected/)]);
  });
});
