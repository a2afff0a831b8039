import { describe, expect, it } from 'vitest';
import { authRefusal } from './outcome.ts';
import { credentialRefusal, insufficientScopeRefusal } from './refusals.ts';

const METADATA = 'https://mcp.example.com/.well-known/oauth-protected-resource/mcp';

describe('credential refusals', () => {
  it('no credential: 401 pointing at the metadata, no error attribute', () => {
    const r = credentialRefusal(undefined, false, METADATA);
    expect(r).toMatchObject({ status: 401, auditCode: 'unauthenticated' });
    expect(r.headers['www-authenticate']).toBe(`Bearer resource_metadata="${METADATA}"`);
    expect(r.body.error?.message).toContain('access token or API key');
  });

  it('a refused token: invalid_token with the reason, the precise code in the audit and the body', () => {
    const r = credentialRefusal(authRefusal('token_expired', 'the token expired').refusal, true, METADATA);
    expect(r.headers['www-authenticate']).toBe(
      `Bearer resource_metadata="${METADATA}", error="invalid_token", error_description="the token expired"`,
    );
    expect(r.auditCode).toBe('token_expired');
    expect(r.body.error?.data).toEqual({ code: 'unauthenticated', reason: 'token_expired' });
  });

  it('an API-key-only server keeps a realm, and an unexplained refusal of a sent credential is invalid_token', () => {
    expect(credentialRefusal(undefined, true, undefined).headers['www-authenticate']).toBe(
      'Bearer realm="gatehouse", error="invalid_token", error_description="the credential is not valid"',
    );
  });

  it('keys unreachable: 503 with Retry-After and no challenge', () => {
    const r = credentialRefusal(authRefusal('jwks_unavailable', 'down', true).refusal, true, METADATA);
    expect(r).toMatchObject({ status: 503, headers: { 'retry-after': '5' } });
    expect(r.headers['www-authenticate']).toBeUndefined();
  });
});

describe('insufficient scope', () => {
  it('403 naming every scope the tool needs in the challenge and the missing ones in the body', () => {
    const r = insufficientScopeRefusal(
      { tool: 'merge_pr', needed: ['repo:read', 'repo:write'], missing: ['repo:write'] },
      { id: 'req-1' },
      METADATA,
    );
    expect(r.status).toBe(403);
    expect(r.headers['www-authenticate']).toMatch(
      /^Bearer resource_metadata="[^"]+", error="insufficient_scope", error_description="[^"]+", scope="repo:read repo:write"$/,
    );
    expect(r.body).toMatchObject({ id: 'req-1', error: { data: { missingScopes: ['repo:write'] } } });
  });
});
