import { ConfigError } from '@gatehouse/kit';
import { discoverIssuer } from '@gatehouse/kit/operator';
import type { ConsoleOptions } from './server.ts';

/**
 * The console's sign-in through the servers' identity provider, from the environment: the servers' own
 * GATEHOUSE_OAUTH_ISSUER (and their claim settings, so a person is the same actor with the same roles), plus the
 * console's client registration. Undefined when GATEHOUSE_CONSOLE_OAUTH_CLIENT_ID is not set. The provider's
 * endpoints are discovered from the issuer's metadata, once, at start.
 */
export async function oauthFromEnv(env: NodeJS.ProcessEnv): Promise<ConsoleOptions['oauth']> {
  const clientId = env.GATEHOUSE_CONSOLE_OAUTH_CLIENT_ID?.trim();
  if (!clientId) return undefined;
  const issuer = env.GATEHOUSE_OAUTH_ISSUER?.trim();
  if (!issuer) {
    throw new ConfigError([
      'GATEHOUSE_OAUTH_ISSUER: required when GATEHOUSE_CONSOLE_OAUTH_CLIENT_ID is set (the issuer the servers trust)',
    ]);
  }
  const consoleUrl = env.GATEHOUSE_CONSOLE_URL?.trim();
  if (consoleUrl && !URL.canParse(consoleUrl)) {
    throw new ConfigError([`GATEHOUSE_CONSOLE_URL: expected the console's public URL, got ${consoleUrl}`]);
  }
  let metadata: Awaited<ReturnType<typeof discoverIssuer>>;
  try {
    metadata = await discoverIssuer(issuer);
  } catch (error) {
    throw new ConfigError([
      `GATEHOUSE_OAUTH_ISSUER: cannot read the issuer's metadata (${(error as Error).message})`,
    ]);
  }
  const { authorizationEndpoint, tokenEndpoint } = metadata;
  if (authorizationEndpoint === undefined || tokenEndpoint === undefined) {
    throw new ConfigError([
      'GATEHOUSE_OAUTH_ISSUER: its metadata names no authorization_endpoint or token_endpoint, so nobody can sign in through it',
    ]);
  }
  const secret = env.GATEHOUSE_CONSOLE_OAUTH_CLIENT_SECRET;
  return {
    issuer,
    jwksUrl: env.GATEHOUSE_OAUTH_JWKS_URL?.trim() || metadata.jwksUri,
    authorizationEndpoint,
    tokenEndpoint,
    clientId,
    ...(secret ? { clientSecret: secret } : {}),
    ...(consoleUrl ? { consoleUrl } : {}),
    claims: {
      ...(env.GATEHOUSE_OAUTH_ACTOR_CLAIM ? { actorClaim: env.GATEHOUSE_OAUTH_ACTOR_CLAIM } : {}),
      ...(env.GATEHOUSE_OAUTH_ROLES_CLAIM ? { rolesClaim: env.GATEHOUSE_OAUTH_ROLES_CLAIM } : {}),
    },
    ...(env.GATEHOUSE_OAUTH_REQUIRE_TYP === 'false' ? { requireAccessTokenType: false } : {}),
  };
}
