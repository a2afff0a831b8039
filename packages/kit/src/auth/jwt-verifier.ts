import { createRemoteJWKSet, decodeProtectedHeader, errors, type JWTVerifyGetKey, jwtVerify } from 'jose';
import type { Identity } from '../identity.ts';
import { type ClaimMapping, DEFAULT_CLAIMS, identityFromClaims } from './claims.ts';
import { ASYMMETRIC_ALGORITHMS, type AsymmetricAlgorithm, DEFAULT_ALGORITHMS } from './jwt-algorithms.ts';
import { type AuthRefusal, authRefusal } from './outcome.ts';

/** The JWT `typ` of an OAuth 2.0 access token (RFC 9068 section 2.1). */
export const ACCESS_TOKEN_TYPE = 'at+jwt';

export interface JwtVerifierOptions {
  /** Exact `iss` the tokens must carry. */
  readonly issuer: string;
  /** This server's resource URL: the `aud` the tokens must carry (RFC 8707). */
  readonly audience: string;
  /** Where the issuer publishes its keys (JWKS). */
  readonly jwksUrl: string | URL;
  readonly algorithms?: readonly AsymmetricAlgorithm[];
  /** Leeway for `exp`, `nbf` and `iat` (default 60 s). */
  readonly clockSkewSeconds?: number;
  /**
   * Whether the token's header must say it is an access token, `typ: at+jwt` (RFC 9068; `application/at+jwt` too).
   * Default true: it is what keeps an ID token or another JWT the issuer signs from being accepted as an access
   * token. Turn it off only for an issuer that does not set `typ` (`GATEHOUSE_OAUTH_REQUIRE_TYP=false`).
   */
  readonly requireAccessTokenType?: boolean;
  readonly claims?: Partial<ClaimMapping>;
  /** Give up on a JWKS fetch after this long (default 5 s). */
  readonly jwksTimeoutMs?: number;
  /**
   * After a fetch, a token with an unknown key id does not trigger another fetch for this long (default 30 s):
   * key rotation is picked up, but a flood of made-up key ids cannot hammer the issuer.
   */
  readonly jwksCooldownMs?: number;
  /** Refetch the key set at least this often (default 10 min). */
  readonly jwksMaxAgeMs?: number;
}

export interface JwtVerifier {
  /** The identity a valid access token establishes, or why the token is refused. Never throws. */
  verify(token: string): Promise<Identity | AuthRefusal>;
}

/**
 * Validates OAuth access tokens (JWT, RFC 9068) for this resource server: signature against the issuer's JWKS
 * (fetched, cached, refetched on an unknown key id), `iss`, `aud`, `exp` (required) and `nbf` with a small clock
 * skew, and an allowlist of asymmetric algorithms checked before any key is looked up.
 */
export function createJwtVerifier(options: JwtVerifierOptions): JwtVerifier {
  const algorithms = [...(options.algorithms ?? DEFAULT_ALGORITHMS)];
  const bad = algorithms.filter((alg) => !(ASYMMETRIC_ALGORITHMS as readonly string[]).includes(alg));
  if (bad.length > 0) throw new Error(`not an asymmetric JWS algorithm: ${bad.join(', ')}`);
  const claims: ClaimMapping = { ...DEFAULT_CLAIMS, ...options.claims };
  const keys: JWTVerifyGetKey = createRemoteJWKSet(new URL(options.jwksUrl), {
    timeoutDuration: options.jwksTimeoutMs ?? 5_000,
    cooldownDuration: options.jwksCooldownMs ?? 30_000,
    cacheMaxAge: options.jwksMaxAgeMs ?? 600_000,
  });
  const clockTolerance = options.clockSkewSeconds ?? 60;
  const verifyOptions = {
    issuer: options.issuer,
    audience: options.audience,
    algorithms,
    clockTolerance,
    requiredClaims: ['exp'],
    // jose compares case-insensitively and without the `application/` prefix, as RFC 9068 allows.
    ...(options.requireAccessTokenType === false ? {} : { typ: ACCESS_TOKEN_TYPE }),
  };

  return {
    async verify(token) {
      let alg: unknown;
      let kid: unknown;
      let typ: unknown;
      try {
        ({ alg, kid, typ } = decodeProtectedHeader(token));
      } catch {
        return authRefusal('token_malformed', 'the token is not a well-formed JWT');
      }
      if (typeof alg !== 'string' || !(algorithms as string[]).includes(alg)) {
        return authRefusal(
          'token_algorithm',
          `the token is signed with ${String(alg)}, which this server does not accept (accepted: ${algorithms.join(', ')})`,
        );
      }
      try {
        const { payload } = await jwtVerify(token, keys, verifyOptions);
        // jose checks `iat` only against a maximum age; a token issued in the future is a forged or mis-clocked
        // one, refused past the same leeway as `nbf`.
        if (typeof payload.iat === 'number' && payload.iat > Date.now() / 1000 + clockTolerance) {
          return authRefusal(
            'token_issued_in_future',
            `the token says it was issued${at(payload.iat)}, in the future beyond the ${clockTolerance} s clock skew; check the issuer's clock`,
          );
        }
        const result = identityFromClaims(payload, claims);
        return 'identity' in result ? result.identity : authRefusal('token_claims', result.problem);
      } catch (error) {
        return explain(error, options, { kid, typ });
      }
    },
  };
}

/** A jose failure as a refusal whose description tells the client what to fix. */
function explain(
  error: unknown,
  options: JwtVerifierOptions,
  header: { kid: unknown; typ: unknown },
): AuthRefusal {
  if (error instanceof errors.JWTExpired) {
    return authRefusal('token_expired', `the token expired${at(error.payload.exp)}`);
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    const payload = error.payload;
    if (error.claim === 'aud') {
      return authRefusal(
        'token_audience',
        error.reason === 'missing'
          ? `the token has no audience; it must be issued for ${options.audience}`
          : `the token's audience ${short(payload.aud)} is not this server; it must be ${options.audience}`,
      );
    }
    if (error.claim === 'iss') {
      return authRefusal(
        'token_issuer',
        `the token was issued by ${short(payload.iss)}, not by ${options.issuer}`,
      );
    }
    if (error.claim === 'typ') {
      return authRefusal(
        'token_type',
        `the token's header typ is ${short(header.typ ?? 'absent')}, not at+jwt: it is not an OAuth access token (RFC 9068)`,
      );
    }
    if (error.claim === 'nbf') {
      return authRefusal('token_not_yet_valid', `the token is not valid yet${at(payload.nbf, 'until')}`);
    }
    if (error.reason === 'missing') {
      return authRefusal('token_claims', `the token has no ${error.claim} claim`);
    }
    return authRefusal('token_claims', `the token's ${error.claim} claim is invalid: ${error.message}`);
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return authRefusal('token_signature', "the token's signature does not verify with the issuer's key");
  }
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) {
    return authRefusal(
      'token_unknown_key',
      `no single key in the issuer's key set matches the token (kid ${short(header.kid ?? 'absent')})`,
    );
  }
  if (error instanceof errors.JOSEAlgNotAllowed) {
    return authRefusal(
      'token_algorithm',
      'the token is signed with an algorithm this server does not accept',
    );
  }
  if (
    error instanceof errors.JWSInvalid ||
    error instanceof errors.JWTInvalid ||
    error instanceof errors.JOSENotSupported
  ) {
    return authRefusal('token_malformed', `the token is not a valid JWT: ${error.message}`);
  }
  // Anything else is the key set being unreachable or broken: the token may be fine, so say "try later".
  const why = error instanceof Error ? error.message : String(error);
  return authRefusal(
    'jwks_unavailable',
    `the issuer's signing keys could not be fetched (${why}); try again shortly`,
    true,
  );
}

function at(seconds: unknown, word = 'at'): string {
  return typeof seconds === 'number' && Number.isFinite(seconds)
    ? ` ${word} ${new Date(seconds * 1000).toISOString()}`
    : '';
}

/** A token-supplied value, bounded so a hostile token cannot fill the response header. */
function short(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? 'none');
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
