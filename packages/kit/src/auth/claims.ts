import type { Identity } from '../identity.ts';

/** Which claims of a verified access token name the caller and carry its roles. */
export interface ClaimMapping {
  /** Claim naming the actor: `sub` (default), or e.g. `email`, `preferred_username`. */
  readonly actorClaim: string;
  /** Claim holding the roles: a name (`roles`, `groups`) or a dotted path (`realm_access.roles`). */
  readonly rolesClaim: string;
}

export const DEFAULT_CLAIMS: ClaimMapping = { actorClaim: 'sub', rolesClaim: 'roles' };

const MAX_ENTRIES = 200;

/**
 * A claim by name, else by dotted path. The whole name is tried first because namespaced claims are URLs that
 * contain dots (`https://example.com/roles`).
 */
export function claimAt(payload: Readonly<Record<string, unknown>>, name: string): unknown {
  if (Object.hasOwn(payload, name)) return payload[name];
  let value: unknown = payload;
  for (const segment of name.split('.')) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    if (!Object.hasOwn(value, segment)) return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

/** A list claim as strings: an array of strings, or one space-separated string. Undefined when it is neither. */
export function stringList(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return value.split(' ').filter((s) => s !== '');
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.filter((s) => s !== '');
  return undefined;
}

/**
 * The token's scopes: `scope` (RFC 8693/9068, space-separated) and `scp` (array or string, as Azure AD and Okta
 * issue it), merged.
 */
export function scopesFrom(payload: Readonly<Record<string, unknown>>): string[] | undefined {
  const scope = stringList(payload.scope);
  const scp = stringList(payload.scp);
  if (scope === undefined || scp === undefined) return undefined;
  return [...new Set([...scope, ...scp])];
}

/** The identity a verified token establishes, or why its claims cannot establish one. */
export function identityFromClaims(
  payload: Readonly<Record<string, unknown>>,
  mapping: ClaimMapping,
): { identity: Identity } | { problem: string } {
  const actor = claimAt(payload, mapping.actorClaim);
  if (typeof actor !== 'string' || actor.trim() === '') {
    return { problem: `the token has no ${mapping.actorClaim} claim (a non-empty string) naming the caller` };
  }
  const roles = stringList(claimAt(payload, mapping.rolesClaim));
  if (roles === undefined) {
    return { problem: `the token's ${mapping.rolesClaim} claim is not a list of strings` };
  }
  const scopes = scopesFrom(payload);
  if (scopes === undefined)
    return { problem: "the token's scope or scp claim is not a string or list of strings" };
  if (roles.length > MAX_ENTRIES || scopes.length > MAX_ENTRIES) {
    return { problem: `the token carries more than ${MAX_ENTRIES} roles or scopes` };
  }
  // Only what the policy needs: the raw token and its other claims stay here, so nothing downstream can
  // forward them.
  // The token's scopes limit what its roles grant; they grant nothing by themselves.
  return { identity: { actor, roles, scopes: [], scopeCeiling: scopes, via: 'oauth' } };
}
