/** Who is calling. Derived by the transport (stdio: environment; HTTP: verified credential), never by a tool. */
export interface Identity {
  /** Stable actor id, e.g. `alice@example.com` or `svc-ci`. */
  readonly actor: string;
  /** Roles the credential carries; the policy maps roles to grants. */
  readonly roles: readonly string[];
  /** Scopes the credential itself carries (API key or token scopes). */
  readonly scopes: readonly string[];
  /** How the identity was established. */
  readonly via: 'stdio' | 'api-key' | 'oauth' | 'anonymous';
  /** The MCP client, when it said who it is (clientInfo). */
  readonly client?: { readonly name: string; readonly version?: string };
}
