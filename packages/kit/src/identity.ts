/** Who is calling. Derived by the transport (stdio: environment; HTTP: verified credential), never by a tool. */
export interface Identity {
  /** Stable actor id, e.g. `alice@example.com` or `svc-ci`. */
  readonly actor: string;
  /** Roles the credential carries; the policy maps roles to grants. */
  readonly roles: readonly string[];
  /** Scopes the credential grants by itself, added to its roles' scopes (an API key's; none for a token). */
  readonly scopes: readonly string[];
  /**
   * The scopes an OAuth access token carries. Present only for a token identity, and then a ceiling: the
   * caller's effective scopes are its roles' scopes intersected with these, so a token grants no more than it
   * was issued for and no more than the policy gives its roles.
   */
  readonly scopeCeiling?: readonly string[];
  /** How the identity was established. */
  readonly via: 'stdio' | 'api-key' | 'oauth' | 'anonymous';
  /** The MCP client, when it said who it is (clientInfo). */
  readonly client?: { readonly name: string; readonly version?: string };
}

/**
 * Everything of an identity that a policy decision depends on, as one string: the key of every cache of
 * decisions, so two identities share a cached answer only when the policy could not tell them apart.
 */
export function grantKey(identity: Identity): string {
  let key = grantKeys.get(identity);
  if (key === undefined) {
    key = computeGrantKey(identity);
    grantKeys.set(identity, key);
  }
  return key;
}

/** Identities are immutable and live for a session (stdio) or a request (HTTP): each key is built once. */
const grantKeys = new WeakMap<Identity, string>();

function computeGrantKey(identity: Identity): string {
  const ceiling = identity.scopeCeiling === undefined ? '\u0002' : identity.scopeCeiling.join(',');
  return `${identity.actor}\u0000${identity.roles.join(',')}\u0000${identity.scopes.join(',')}\u0000${ceiling}`;
}
