import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestIssuer, type TestIssuer } from '../testing/oauth-issuer.ts';
import { createJwtVerifier, type JwtVerifier } from './jwt-verifier.ts';

// A real issuer on loopback HTTP (JWKS served, tokens signed by jose) and the verifier fetching its keys.

const AUDIENCE = 'https://mcp.example.com/mcp';
let issuer: TestIssuer;
let verifier: JwtVerifier;

beforeAll(async () => {
  issuer = await startTestIssuer();
  verifier = createJwtVerifier({ issuer: issuer.issuer, audience: AUDIENCE, jwksUrl: issuer.jwksUrl });
});
afterAll(async () => {
  await issuer.close();
});

const now = () => Math.floor(Date.now() / 1000);
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('a valid access token', () => {
  it('becomes an oauth identity with the token subject, roles and scopes', async () => {
    const token = await issuer.sign({ sub: 'alice', aud: AUDIENCE, roles: ['reader'], scope: 'notes:read' });
    expect(await verifier.verify(token)).toEqual({
      actor: 'alice',
      roles: ['reader'],
      scopes: [],
      scopeCeiling: ['notes:read'],
      via: 'oauth',
    });
  });

  it('is accepted within the clock skew after exp, and with an audience list that names this server', async () => {
    const token = await issuer.sign({ sub: 'a', aud: ['other', AUDIENCE], exp: now() - 30 });
    expect(await verifier.verify(token)).toMatchObject({ actor: 'a' });
  });

  it('works with ES256 and EdDSA keys too', async () => {
    for (const alg of ['ES256', 'EdDSA'] as const) {
      const other = await startTestIssuer(alg);
      try {
        const v = createJwtVerifier({ issuer: other.issuer, audience: AUDIENCE, jwksUrl: other.jwksUrl });
        expect(await v.verify(await other.sign({ sub: alg, aud: AUDIENCE }))).toMatchObject({ actor: alg });
      } finally {
        await other.close();
      }
    }
  });
});

describe('refusals say why', () => {
  const refusal = async (token: string) =>
    ((await verifier.verify(token)) as { refusal?: { code: string; description: string } }).refusal;

  it('expired (beyond the skew)', async () => {
    const r = await refusal(await issuer.sign({ sub: 'a', aud: AUDIENCE, exp: now() - 120 }));
    expect(r).toMatchObject({ code: 'token_expired', description: expect.stringMatching(/expired at 20/) });
  });

  it('not valid yet (beyond the skew)', async () => {
    const r = await refusal(await issuer.sign({ sub: 'a', aud: AUDIENCE, nbf: now() + 600 }));
    expect(r).toMatchObject({ code: 'token_not_yet_valid' });
  });

  it('wrong or missing audience', async () => {
    const wrong = await refusal(await issuer.sign({ sub: 'a', aud: 'https://other.example.com/mcp' }));
    expect(wrong).toMatchObject({ code: 'token_audience' });
    expect(wrong?.description).toContain(AUDIENCE);
    expect(await refusal(await issuer.sign({ sub: 'a' }))).toMatchObject({ code: 'token_audience' });
  });

  it('wrong issuer', async () => {
    const r = await refusal(await issuer.sign({ sub: 'a', aud: AUDIENCE, iss: 'https://evil.example.com' }));
    expect(r).toMatchObject({
      code: 'token_issuer',
      description: expect.stringContaining('evil.example.com'),
    });
  });

  it('no expiry at all', async () => {
    const token = await issuer.sign({ sub: 'a', aud: AUDIENCE }, { expires: false });
    expect(await refusal(token)).toMatchObject({
      code: 'token_claims',
      description: expect.stringContaining('exp'),
    });
  });

  it('a tampered payload (bad signature)', async () => {
    const [head, , sig] = (await issuer.sign({ sub: 'alice', aud: AUDIENCE })).split('.');
    const forged = `${head}.${b64({ sub: 'mallory', aud: AUDIENCE, iss: issuer.issuer, exp: now() + 300 })}.${sig}`;
    expect(await refusal(forged)).toMatchObject({ code: 'token_signature' });
  });

  it('alg none', async () => {
    const token = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'a', aud: AUDIENCE, iss: issuer.issuer, exp: now() + 300 })}.`;
    expect(await refusal(token)).toMatchObject({
      code: 'token_algorithm',
      description: expect.stringContaining('none'),
    });
  });

  it('HS256 signed with the public key text (algorithm confusion)', async () => {
    const pem = await issuer.publicKeyPem();
    const token = await new SignJWT({ sub: 'a', aud: AUDIENCE, iss: issuer.issuer, exp: now() + 300 })
      .setProtectedHeader({ alg: 'HS256', kid: issuer.currentKid })
      .sign(new TextEncoder().encode(pem));
    expect(await refusal(token)).toMatchObject({
      code: 'token_algorithm',
      description: expect.stringContaining('HS256'),
    });
  });

  it('garbage and claims that name no caller', async () => {
    expect(await refusal('eyJhbGciOi.not-json.x')).toMatchObject({ code: 'token_malformed' });
    expect(await refusal(await issuer.sign({ aud: AUDIENCE }))).toMatchObject({
      code: 'token_claims',
      description: expect.stringContaining('sub'),
    });
  });

  it('JWKS unreachable: unavailable (503), not a bad token', async () => {
    const offline = createJwtVerifier({
      issuer: issuer.issuer,
      audience: AUDIENCE,
      jwksUrl: 'http://127.0.0.1:1/jwks',
      jwksTimeoutMs: 500,
    });
    const result = await offline.verify(await issuer.sign({ sub: 'a', aud: AUDIENCE }));
    expect(result).toMatchObject({ refusal: { code: 'jwks_unavailable', unavailable: true } });
  });
});

describe('the token type (RFC 9068) and its issue time', () => {
  it('requires typ at+jwt, in either spelling RFC 9068 allows', async () => {
    for (const typ of ['at+jwt', 'application/at+jwt', 'AT+JWT']) {
      expect(
        await verifier.verify(await issuer.sign({ sub: 'a', aud: AUDIENCE }, { typ })),
        typ,
      ).toMatchObject({
        actor: 'a',
      });
    }
    for (const typ of ['JWT', 'id_token+jwt', null]) {
      const result = await verifier.verify(await issuer.sign({ sub: 'a', aud: AUDIENCE }, { typ }));
      expect(result, String(typ)).toMatchObject({
        refusal: { code: 'token_type', description: expect.stringMatching(/not at\+jwt.*RFC 9068/) },
      });
    }
  });

  it('accepts any typ when the issuer is configured not to set it', async () => {
    const lenient = createJwtVerifier({
      issuer: issuer.issuer,
      audience: AUDIENCE,
      jwksUrl: issuer.jwksUrl,
      requireAccessTokenType: false,
    });
    for (const typ of ['JWT', null]) {
      expect(await lenient.verify(await issuer.sign({ sub: 'a', aud: AUDIENCE }, { typ }))).toMatchObject({
        actor: 'a',
      });
    }
  });

  it('refuses an iat in the future beyond the clock skew, and accepts one within it', async () => {
    const late = await verifier.verify(await issuer.sign({ sub: 'a', aud: AUDIENCE, iat: now() + 120 }));
    expect(late).toMatchObject({
      refusal: { code: 'token_issued_in_future', description: expect.stringContaining('60 s clock skew') },
    });
    expect(
      await verifier.verify(await issuer.sign({ sub: 'a', aud: AUDIENCE, iat: now() + 30 })),
    ).toMatchObject({
      actor: 'a',
    });
    const strict = createJwtVerifier({
      issuer: issuer.issuer,
      audience: AUDIENCE,
      jwksUrl: issuer.jwksUrl,
      clockSkewSeconds: 0,
    });
    expect(
      await strict.verify(await issuer.sign({ sub: 'a', aud: AUDIENCE, iat: now() + 30 })),
    ).toMatchObject({
      refusal: { code: 'token_issued_in_future' },
    });
  });
});

describe('configuration', () => {
  it('refuses to build a verifier that would accept HMAC or none', () => {
    for (const alg of ['HS256', 'none']) {
      expect(() =>
        createJwtVerifier({
          issuer: issuer.issuer,
          audience: AUDIENCE,
          jwksUrl: issuer.jwksUrl,
          algorithms: [alg as 'RS256'],
        }),
      ).toThrow(/not an asymmetric JWS algorithm/);
    }
  });
});

describe('key rotation through the JWKS', () => {
  it('an unknown kid is refused, refetches at most once per cooldown, and is accepted once published', async () => {
    const rotating = await startTestIssuer();
    try {
      const v = createJwtVerifier({
        issuer: rotating.issuer,
        audience: AUDIENCE,
        jwksUrl: rotating.jwksUrl,
        jwksCooldownMs: 1_000,
      });
      expect(await v.verify(await rotating.sign({ sub: 'a', aud: AUDIENCE }))).toMatchObject({ actor: 'a' });
      expect(rotating.jwksFetches).toBe(1);
      const next = await rotating.createKey();
      const early = await rotating.sign({ sub: 'a', aud: AUDIENCE }, { kid: next });
      // A flood of unknown kids inside the cooldown costs the issuer nothing.
      for (let i = 0; i < 5; i++)
        expect(await v.verify(early)).toMatchObject({ refusal: { code: 'token_unknown_key' } });
      expect(rotating.jwksFetches).toBe(1);
      rotating.publish(next);
      await new Promise((r) => setTimeout(r, 1_100));
      expect(await v.verify(early)).toMatchObject({ actor: 'a', via: 'oauth' });
      expect(rotating.jwksFetches).toBe(2);
    } finally {
      await rotating.close();
    }
  });
});
