import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type CryptoKey,
  exportJWK,
  exportSPKI,
  generateKeyPair,
  type JSONWebKeySet,
  type JWK,
  type JWTPayload,
  SignJWT,
} from 'jose';

export type IssuerAlgorithm = 'RS256' | 'ES256' | 'EdDSA';

export interface TestIssuer {
  /** `http://127.0.0.1:<port>`: the `iss` of its tokens. */
  readonly issuer: string;
  readonly jwksUrl: string;
  /** How many times the JWKS has been fetched. */
  readonly jwksFetches: number;
  /** The kid tokens are signed with unless told otherwise (published). */
  readonly currentKid: string;
  /**
   * An access token signed with a key of this issuer: `iss` = the issuer, `iat` = now and `exp` = in 5 minutes
   * unless the claims set them (`expires: false` leaves `exp` out). `kid` picks the signing key (default: the
   * current one). `typ` is the header's type, `at+jwt` (RFC 9068) unless told otherwise; null leaves it out.
   */
  sign(
    claims: JWTPayload,
    options?: { kid?: string; expires?: boolean; typ?: string | null },
  ): Promise<string>;
  /** A new key pair, kept private until `publish(kid)`: what an issuer holds just before a rotation. */
  createKey(alg?: IssuerAlgorithm): Promise<string>;
  /** Adds the key to the JWKS and makes it the current signing key (a rotation). */
  publish(kid: string): void;
  /** The SPKI PEM of a key's public half: what an attacker can read from the JWKS. */
  publicKeyPem(kid?: string): Promise<string>;
  close(): Promise<void>;
}

interface KeyEntry {
  readonly alg: IssuerAlgorithm;
  readonly privateKey: CryptoKey;
  readonly publicKey: CryptoKey;
  readonly jwk: JWK;
}

/**
 * A real OAuth authorization server's key side on loopback HTTP: OpenID discovery, RFC 8414 metadata and a JWKS,
 * with tokens signed by jose. For resource-server tests: nothing is mocked between it and the verifier.
 */
export async function startTestIssuer(alg: IssuerAlgorithm = 'RS256'): Promise<TestIssuer> {
  const keys = new Map<string, KeyEntry>();
  const published = new Set<string>();
  let current = '';
  let fetches = 0;
  let base = '';

  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const send = (body: unknown) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (path === '/.well-known/openid-configuration' || path === '/.well-known/oauth-authorization-server') {
      send({
        issuer: base,
        jwks_uri: `${base}/jwks`,
        authorization_endpoint: `${base}/authorize`,
        token_endpoint: `${base}/token`,
      });
    } else if (path === '/jwks') {
      fetches++;
      const jwks: JSONWebKeySet = { keys: [...published].map((kid) => keys.get(kid)?.jwk as JWK) };
      res.writeHead(200, { 'content-type': 'application/jwk-set+json' });
      res.end(JSON.stringify(jwks));
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const createKey = async (keyAlg: IssuerAlgorithm = alg) => {
    const { privateKey, publicKey } = await generateKeyPair(keyAlg, { extractable: true });
    const kid = randomUUID();
    const jwk = { ...(await exportJWK(publicKey)), kid, alg: keyAlg, use: 'sig' };
    keys.set(kid, { alg: keyAlg, privateKey, publicKey, jwk });
    return kid;
  };
  const entry = (kid: string) => {
    const key = keys.get(kid);
    if (!key) throw new Error(`the test issuer has no key ${kid}`);
    return key;
  };
  const publish = (kid: string) => {
    entry(kid);
    published.add(kid);
    current = kid;
  };
  publish(await createKey());

  return {
    issuer: base,
    jwksUrl: `${base}/jwks`,
    get jwksFetches() {
      return fetches;
    },
    get currentKid() {
      return current;
    },
    async sign(claims, options = {}) {
      const kid = options.kid ?? current;
      const key = entry(kid);
      const typ = options.typ === undefined ? 'at+jwt' : options.typ;
      const jwt = new SignJWT(claims).setProtectedHeader({
        alg: key.alg,
        kid,
        ...(typ === null ? {} : { typ }),
      });
      if (claims.iss === undefined) jwt.setIssuer(base);
      if (claims.iat === undefined) jwt.setIssuedAt();
      if (claims.exp === undefined && options.expires !== false) jwt.setExpirationTime('5m');
      return jwt.sign(key.privateKey);
    },
    createKey,
    publish,
    async publicKeyPem(kid = current) {
      return exportSPKI(entry(kid).publicKey);
    },
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
