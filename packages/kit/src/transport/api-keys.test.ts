import { describe, expect, it } from 'vitest';
import { createApiKeyAuthenticator, hashApiKey } from './api-keys.ts';

describe('API keys', () => {
  const authenticate = createApiKeyAuthenticator([
    {
      hash: hashApiKey('gh_key_alice_0123456789'),
      actor: 'alice',
      roles: ['editor'],
      scopes: ['notes:read'],
    },
    { hash: hashApiKey('gh_key_bob_0123456789').slice('sha256:'.length).toUpperCase(), actor: 'bob' },
  ]);

  it('maps a bearer key to the identity its hash is bound to', () => {
    expect(authenticate('Bearer gh_key_alice_0123456789')).toEqual({
      actor: 'alice',
      roles: ['editor'],
      scopes: ['notes:read'],
      via: 'api-key',
    });
    expect(authenticate('bearer gh_key_bob_0123456789')?.actor).toBe('bob');
    // The second lookup of a known header comes from memory and is the same identity.
    expect(authenticate('Bearer gh_key_alice_0123456789')?.actor).toBe('alice');
  });

  it('refuses missing, malformed and unknown keys', () => {
    expect(authenticate(undefined)).toBeUndefined();
    expect(authenticate('gh_key_alice_0123456789')).toBeUndefined();
    expect(authenticate('Basic Zm9vOmJhcg==')).toBeUndefined();
    expect(authenticate('Bearer gh_key_alice_012345678X')).toBeUndefined();
    expect(authenticate('Bearer short')).toBeUndefined();
  });

  it('stores only hashes', () => {
    expect(hashApiKey('secret-key-value')).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(hashApiKey('secret-key-value')).not.toContain('secret');
  });
});
