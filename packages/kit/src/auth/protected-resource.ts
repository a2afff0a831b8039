/**
 * OAuth 2.0 Protected Resource Metadata (RFC 9728): how a client learns which authorization server issues tokens
 * for this server and which scopes exist. Served at `/.well-known/oauth-protected-resource` and at the
 * path-suffixed form for the resource's path (`/.well-known/oauth-protected-resource/mcp`), as MCP clients try
 * both.
 */
export interface ProtectedResourceOptions {
  /** This server's public resource URL (the audience tokens must carry, RFC 8707), e.g. `https://mcp.example.com/mcp`. */
  readonly resource: string;
  readonly authorizationServers: readonly string[];
  readonly scopesSupported: readonly string[];
  readonly resourceName: string;
}

export interface ProtectedResource {
  readonly metadata: Readonly<Record<string, unknown>>;
  /** Absolute URL a client fetches the metadata from: the value of `resource_metadata` in challenges. */
  readonly metadataUrl: string;
  /** Request paths this server answers with the metadata. */
  readonly paths: readonly string[];
}

export const METADATA_PATH = '/.well-known/oauth-protected-resource';

export function protectedResource(options: ProtectedResourceOptions): ProtectedResource {
  const url = new URL(options.resource);
  const resourcePath = url.pathname.replace(/\/+$/, '');
  const metadataUrl = `${url.origin}${METADATA_PATH}${resourcePath}`;
  // Behind a proxy that strips a prefix, the resource's path and the local `/mcp` differ: answer on both.
  const paths = [...new Set([METADATA_PATH, `${METADATA_PATH}/mcp`, `${METADATA_PATH}${resourcePath}`])];
  return {
    metadata: {
      resource: options.resource,
      authorization_servers: [...options.authorizationServers],
      scopes_supported: [...options.scopesSupported],
      bearer_methods_supported: ['header'],
      resource_name: options.resourceName,
    },
    metadataUrl,
    paths,
  };
}
