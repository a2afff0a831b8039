// The JWS algorithms a verifier may accept, apart from the verifier: the settings schema names them, and must not
// load jose (the verifier's library) in a server that has no OAuth issuer.

/** Asymmetric JWS algorithms only: a verifier holding a public key must never accept HMAC or `none`. */
export const ASYMMETRIC_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
  'Ed25519',
] as const;
export type AsymmetricAlgorithm = (typeof ASYMMETRIC_ALGORITHMS)[number];
export const DEFAULT_ALGORITHMS: readonly AsymmetricAlgorithm[] = ['RS256', 'ES256', 'EdDSA'];
