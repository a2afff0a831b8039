/**
 * The issuer's `jwks_uri`, from its authorization server metadata: OpenID Connect discovery
 * (`<issuer>/.well-known/openid-configuration`) first, then RFC 8414 (`/.well-known/oauth-authorization-server`
 * inserted before the issuer's path). The document must name the same issuer (RFC 8414 section 3.3), so a
 * misrouted URL cannot hand us another issuer's keys.
 */
export async function discoverJwksUrl(issuer: string, timeoutMs = 5_000): Promise<string> {
  const base = new URL(issuer);
  const path = base.pathname.replace(/\/+$/, '');
  const candidates = [
    `${base.origin}${path}/.well-known/openid-configuration`,
    `${base.origin}/.well-known/oauth-authorization-server${path}`,
  ];
  const failures: string[] = [];
  for (const url of candidates) {
    try {
      const response = await fetch(url, {
        signal: AbortSignal.timeout(timeoutMs),
        redirect: 'manual',
        headers: { accept: 'application/json' },
      });
      if (response.status !== 200) {
        failures.push(`${url}: HTTP ${response.status}`);
        continue;
      }
      const document = (await response.json()) as { issuer?: unknown; jwks_uri?: unknown };
      if (document.issuer !== issuer) {
        failures.push(`${url}: names issuer ${JSON.stringify(document.issuer)}, not ${issuer}`);
        continue;
      }
      if (typeof document.jwks_uri !== 'string' || !URL.canParse(document.jwks_uri)) {
        failures.push(`${url}: has no jwks_uri`);
        continue;
      }
      return document.jwks_uri;
    } catch (error) {
      failures.push(`${url}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  throw new Error(failures.join('; '));
}
