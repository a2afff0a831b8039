/** What the console and the servers read of an issuer's authorization server metadata. */
export interface IssuerMetadata {
  readonly jwksUri: string;
  /** Absent when the issuer does not publish one (a resource server does not need it). */
  readonly authorizationEndpoint?: string;
  readonly tokenEndpoint?: string;
}

/**
 * The issuer's metadata: OpenID Connect discovery (`<issuer>/.well-known/openid-configuration`) first, then
 * RFC 8414 (`/.well-known/oauth-authorization-server` inserted before the issuer's path). The document must name
 * the same issuer (RFC 8414 section 3.3), so a misrouted URL cannot hand us another issuer's keys or endpoints.
 */
export async function discoverIssuer(issuer: string, timeoutMs = 5_000): Promise<IssuerMetadata> {
  const base = new URL(issuer);
  const path = base.pathname.replace(/\/+$/, '');
  const candidates = [
    `${base.origin}${path}/.well-known/openid-configuration`,
    `${base.origin}/.well-known/oauth-authorization-server${path}`,
  ];
  const failures: string[] = [];
  const url = (value: unknown) => (typeof value === 'string' && URL.canParse(value) ? value : undefined);
  for (const candidate of candidates) {
    try {
      const response = await fetch(candidate, {
        signal: AbortSignal.timeout(timeoutMs),
        redirect: 'manual',
        headers: { accept: 'application/json' },
      });
      if (response.status !== 200) {
        failures.push(`${candidate}: HTTP ${response.status}`);
        continue;
      }
      const document = (await response.json()) as Record<string, unknown>;
      if (document.issuer !== issuer) {
        failures.push(`${candidate}: names issuer ${JSON.stringify(document.issuer)}, not ${issuer}`);
        continue;
      }
      const jwksUri = url(document.jwks_uri);
      if (jwksUri === undefined) {
        failures.push(`${candidate}: has no jwks_uri`);
        continue;
      }
      const authorizationEndpoint = url(document.authorization_endpoint);
      const tokenEndpoint = url(document.token_endpoint);
      return {
        jwksUri,
        ...(authorizationEndpoint === undefined ? {} : { authorizationEndpoint }),
        ...(tokenEndpoint === undefined ? {} : { tokenEndpoint }),
      };
    } catch (error) {
      failures.push(`${candidate}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  throw new Error(failures.join('; '));
}

/** The issuer's `jwks_uri` (see discoverIssuer). */
export async function discoverJwksUrl(issuer: string, timeoutMs = 5_000): Promise<string> {
  return (await discoverIssuer(issuer, timeoutMs)).jwksUri;
}
