import { describe, expect, it } from 'vitest';
import { claimAt, DEFAULT_CLAIMS, identityFromClaims, scopesFrom } from './claims.ts';

describe('token claims to an identity', () => {
  it('takes the actor from sub, roles from roles, and the token scopes (a ceiling) from scope and scp', () => {
    const result = identityFromClaims(
      { sub: 'alice', roles: ['reader'], scope: 'notes:read notes:write', scp: ['admin:read'] },
      DEFAULT_CLAIMS,
    );
    expect(result).toEqual({
      identity: {
        actor: 'alice',
        roles: ['reader'],
        scopes: [],
        scopeCeiling: ['notes:read', 'notes:write', 'admin:read'],
        via: 'oauth',
      },
    });
  });

  it('gives a token without a scope claim an empty ceiling, not none', () => {
    const result = identityFromClaims({ sub: 'alice', roles: ['reader'] }, DEFAULT_CLAIMS);
    expect(result).toMatchObject({ identity: { scopes: [], scopeCeiling: [] } });
  });

  it('reads a configured actor claim and a dotted roles path (Keycloak realm_access.roles)', () => {
    const result = identityFromClaims(
      { sub: 'f81d4fae', email: 'bob@example.com', realm_access: { roles: ['editor', 'reader'] } },
      { actorClaim: 'email', rolesClaim: 'realm_access.roles' },
    );
    expect(result).toMatchObject({ identity: { actor: 'bob@example.com', roles: ['editor', 'reader'] } });
  });

  it('prefers a namespaced claim whose name contains dots over a path', () => {
    const payload = { 'https://example.com/roles': ['ops'], https: { 'example.com/roles': ['wrong'] } };
    expect(claimAt(payload, 'https://example.com/roles')).toEqual(['ops']);
  });

  it('accepts scp as a space-separated string and no scope at all', () => {
    expect(scopesFrom({ scp: 'a b  c' })).toEqual(['a', 'b', 'c']);
    expect(scopesFrom({})).toEqual([]);
  });

  it('refuses claims that cannot name the caller or list roles', () => {
    expect(identityFromClaims({ roles: [] }, DEFAULT_CLAIMS)).toEqual({
      problem: expect.stringContaining('no sub claim'),
    });
    expect(identityFromClaims({ sub: 'a', roles: [1, 2] }, DEFAULT_CLAIMS)).toEqual({
      problem: expect.stringContaining('roles claim is not a list'),
    });
    expect(identityFromClaims({ sub: 'a', scope: 42 }, DEFAULT_CLAIMS)).toEqual({
      problem: expect.stringContaining('scope or scp'),
    });
    expect(identityFromClaims({ sub: 'a', roles: { admin: true } }, { ...DEFAULT_CLAIMS })).toEqual({
      problem: expect.any(String),
    });
  });

  it('puts nothing of the token but actor, roles and scopes into the identity', () => {
    const result = identityFromClaims(
      { sub: 'a', roles: [], email: 'a@example.com', jti: 'x', client_id: 'c' },
      DEFAULT_CLAIMS,
    );
    expect(Object.keys((result as { identity: object }).identity).sort()).toEqual([
      'actor',
      'roles',
      'scopeCeiling',
      'scopes',
      'via',
    ]);
  });
});
