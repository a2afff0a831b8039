import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { hashApiKey } from '../transport/api-keys.ts';
import { createBearerAuthenticator, looksLikeJwt } from './bearer.ts';
import type { JwtVerifier } from './jwt-verifier.ts';
import { authRefusal } from './outcome.ts';

const KEY = 'gh_key_alice_0123456789';
const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln';
const request = (authorization?: string) =>
  ({ headers: authorization === undefined ? {} : { authorization } }) as IncomingMessage;

/** A verifier that records what it was given: the routing, not the verification, is under test here. */
function recordingVerifier() {
  const seen: string[] = [];
  const verifier: JwtVerifier = {
    async verify(token) {
      seen.push(token);
      return { actor: 'token-user', roles: [], scopes: [], via: 'oauth' };
    },
  };
  return { seen, verifier };
}

describe('bearer credentials: JWTs to the verifier, everything else to API keys', () => {
  const apiKeys = [{ hash: hashApiKey(KEY), actor: 'alice', scopes: [], roles: ['reader'] }];

  it('answers a known API key synchronously, without touching the verifier', () => {
    const { seen, verifier } = recordingVerifier();
    const authenticate = createBearerAuthenticator({ apiKeys, jwt: verifier });
    const outcome = authenticate(request(`Bearer ${KEY}`));
    expect(outcome).not.toBeInstanceOf(Promise);
    expect(outcome).toMatchObject({ actor: 'alice', via: 'api-key' });
    expect(seen).toEqual([]);
  });

  it('sends a JWT-shaped bearer to the verifier only', async () => {
    const { seen, verifier } = recordingVerifier();
    const authenticate = createBearerAuthenticator({ apiKeys, jwt: verifier });
    expect(await authenticate(request(`Bearer ${JWT}`))).toMatchObject({ actor: 'token-user' });
    expect(seen).toEqual([JWT]);
  });

  it('says why it refused', () => {
    const authenticate = createBearerAuthenticator({ apiKeys });
    expect(authenticate(request())).toBeUndefined();
    expect(authenticate(request('Bearer gh_key_nobody_0123456789'))).toEqual(
      authRefusal('unknown_api_key', 'the API key is not known to this server'),
    );
    expect(authenticate(request('Basic Zm9vOmJhcg=='))).toMatchObject({
      refusal: { code: 'unauthenticated' },
    });
    expect(authenticate(request(`Bearer ${JWT}`))).toMatchObject({ refusal: { code: 'token_not_accepted' } });
  });

  it('recognises compact JWTs, including unsigned ones, and nothing else', () => {
    expect(looksLikeJwt(JWT)).toBe(true);
    expect(looksLikeJwt('eyJhbGciOiJub25lIn0.eyJzdWIiOiJhIn0.')).toBe(true);
    expect(looksLikeJwt(KEY)).toBe(false);
    expect(looksLikeJwt('eyJ.a.b.c')).toBe(false);
    expect(looksLikeJwt('abc.def.ghi')).toBe(false);
  });
});
