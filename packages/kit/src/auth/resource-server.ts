import type { KitSettings } from '../config/settings.ts';
import type { Inventory } from '../contracts/inventory.ts';
import { ConfigError } from '../errors.ts';
import { isLoopbackHost } from '../transport/http-guards.ts';
import { discoverJwksUrl } from './discovery.ts';
import { createJwtVerifier, type JwtVerifier } from './jwt-verifier.ts';
import { type ProtectedResource, protectedResource } from './protected-resource.ts';

/** What the HTTP transport needs to act as an OAuth 2.1 resource server. */
export interface OAuthResourceServer {
  readonly verifier: JwtVerifier;
  readonly resource: ProtectedResource;
}

type OAuthSettings = Pick<
  KitSettings,
  | 'oauthIssuer'
  | 'oauthResource'
  | 'oauthJwksUrl'
  | 'oauthRolesClaim'
  | 'oauthActorClaim'
  | 'oauthClockSkewSeconds'
  | 'oauthRequireTyp'
  | 'oauthAlgorithms'
>;

/**
 * The resource server the `GATEHOUSE_OAUTH_*` settings describe, or undefined when no issuer is set. Without
 * `GATEHOUSE_OAUTH_JWKS_URL` the key set's URL is discovered from the issuer once, at start-up: an issuer that
 * cannot be reached then is a configuration problem, reported with the settings that fix it.
 */
export async function oauthFromSettings(
  settings: OAuthSettings,
  inventory: Inventory,
): Promise<OAuthResourceServer | undefined> {
  const { oauthIssuer: issuer, oauthResource: resource, oauthJwksUrl } = settings;
  const problems: string[] = [];
  if (issuer === undefined) {
    if (resource !== undefined)
      problems.push('GATEHOUSE_OAUTH_ISSUER: required when GATEHOUSE_OAUTH_RESOURCE is set');
    if (oauthJwksUrl !== undefined)
      problems.push('GATEHOUSE_OAUTH_ISSUER: required when GATEHOUSE_OAUTH_JWKS_URL is set');
    if (problems.length > 0) throw new ConfigError(problems);
    return undefined;
  }
  checkUrl(problems, 'GATEHOUSE_OAUTH_ISSUER', issuer);
  if (resource === undefined) {
    problems.push(
      "GATEHOUSE_OAUTH_RESOURCE: required when GATEHOUSE_OAUTH_ISSUER is set: this server's public URL (e.g. https://mcp.example.com/mcp), the audience its tokens must carry",
    );
  } else checkUrl(problems, 'GATEHOUSE_OAUTH_RESOURCE', resource);
  if (oauthJwksUrl !== undefined) checkUrl(problems, 'GATEHOUSE_OAUTH_JWKS_URL', oauthJwksUrl);
  if (problems.length > 0) throw new ConfigError(problems);

  let jwksUrl = oauthJwksUrl;
  if (jwksUrl === undefined) {
    try {
      jwksUrl = await discoverJwksUrl(issuer);
    } catch (error) {
      throw new ConfigError([
        `GATEHOUSE_OAUTH_ISSUER: cannot discover the issuer's jwks_uri (${(error as Error).message}); fix the issuer URL or set GATEHOUSE_OAUTH_JWKS_URL`,
      ]);
    }
    const problem: string[] = [];
    checkUrl(problem, `GATEHOUSE_OAUTH_ISSUER (discovered jwks_uri)`, jwksUrl);
    if (problem.length > 0) throw new ConfigError(problem);
  }
  const audience = resource as string;
  return {
    verifier: createJwtVerifier({
      issuer,
      audience,
      jwksUrl,
      algorithms: settings.oauthAlgorithms,
      clockSkewSeconds: settings.oauthClockSkewSeconds,
      requireAccessTokenType: settings.oauthRequireTyp,
      claims: { rolesClaim: settings.oauthRolesClaim, actorClaim: settings.oauthActorClaim },
    }),
    resource: protectedResource({
      resource: audience,
      authorizationServers: [issuer],
      scopesSupported: inventoryScopes(inventory),
      resourceName: inventory.server.title ?? inventory.server.name,
    }),
  };
}

/** Every scope a tool, resource or prompt of this server requires: the metadata's `scopes_supported`. */
export function inventoryScopes(inventory: Inventory): string[] {
  const scopes = new Set<string>();
  for (const tool of inventory.tools.values()) for (const s of tool.def.scopes) scopes.add(s);
  for (const resource of inventory.resources) for (const s of resource.def.scopes) scopes.add(s);
  for (const prompt of inventory.prompts.values()) for (const s of prompt.def.scopes) scopes.add(s);
  return [...scopes].sort();
}

/** Tokens and keys travel over these URLs: https, or http to a loopback address (local issuers, tests). */
function checkUrl(problems: string[], variable: string, value: string): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    problems.push(`${variable}: expected an absolute URL, got ${JSON.stringify(value)}`);
    return;
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
    problems.push(
      `${variable}: expected an https URL (http only for loopback), got ${JSON.stringify(value)}`,
    );
  } else if (url.hash !== '') {
    problems.push(`${variable}: must not have a #fragment, got ${JSON.stringify(value)}`);
  }
}
