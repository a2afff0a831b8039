import type { IncomingMessage } from 'node:http';
import { type ApiKeyEntry, createApiKeyAuthenticator } from '../transport/api-keys.ts';
import type { JwtVerifier } from './jwt-verifier.ts';
import { type AuthOutcome, authRefusal } from './outcome.ts';

export interface BearerAuthenticatorOptions {
  readonly apiKeys?: readonly ApiKeyEntry[];
  /** Set when an OAuth issuer is configured. */
  readonly jwt?: JwtVerifier;
}

/**
 * `Authorization: Bearer <credential>` to an identity. A credential shaped like a compact JWT (three base64url
 * parts, the first starting `eyJ`, i.e. `{"`) goes to the JWT verifier and only there; anything else is looked up
 * as an API key (API keys are random base64url and contain no dots), so a JWT is never tried as a key. API keys
 * answer synchronously (no await on the hot path); JWTs answer with a promise.
 */
export function createBearerAuthenticator(
  options: BearerAuthenticatorOptions,
): (req: IncomingMessage, authorization?: string) => AuthOutcome | Promise<AuthOutcome> {
  const apiKey = createApiKeyAuthenticator(options.apiKeys ?? []);
  const jwt = options.jwt;
  // The transport passes the header it has already read; called with the request alone, it reads it from there.
  return (req, authorization) => {
    const header = authorization ?? req.headers.authorization;
    if (!header) return undefined;
    // API keys have no dots and JWTs always do: the hot path (a known key) is one string scan and a map lookup.
    if (!header.includes('.')) {
      return apiKey(header) ?? authRefusal(...(BEARER.test(header) ? UNKNOWN : MALFORMED));
    }
    const match = BEARER.exec(header);
    if (!match) return authRefusal('unauthenticated', NOT_BEARER);
    const token = match[1] as string;
    if (!looksLikeJwt(token)) return apiKey(header) ?? authRefusal('unknown_api_key', UNKNOWN_KEY);
    if (jwt) return jwt.verify(token);
    return authRefusal('token_not_accepted', 'this server accepts API keys only, not OAuth access tokens');
  };
}

const BEARER = /^Bearer +(\S+) *$/i;
const NOT_BEARER = 'send the credential as Authorization: Bearer <token>';
const UNKNOWN_KEY = 'the API key is not known to this server';
const UNKNOWN: [string, string] = ['unknown_api_key', UNKNOWN_KEY];
const MALFORMED: [string, string] = ['unauthenticated', NOT_BEARER];

/** Compact JWS: header.payload.signature, base64url, header JSON (so `eyJ`). An unsigned JWT has an empty third part. */
export function looksLikeJwt(token: string): boolean {
  return token.startsWith('eyJ') && /^[\w-]+\.[\w-]+\.[\w-]*$/.test(token);
}
