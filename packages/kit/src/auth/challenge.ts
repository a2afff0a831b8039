/**
 * `WWW-Authenticate: Bearer ...` challenges (RFC 6750 section 3, RFC 9728 section 5.1). Attribute values are
 * quoted strings whose allowed characters exclude `"` and `\`; token-derived text (an audience, an issuer) is
 * made safe and short here, so a hostile token cannot inject header syntax.
 */
export interface BearerChallenge {
  /** Absolute URL of this server's protected resource metadata. */
  readonly resourceMetadata?: string;
  readonly error?: 'invalid_request' | 'invalid_token' | 'insufficient_scope';
  readonly description?: string;
  /** Space-separated scopes the request needs (with `insufficient_scope`). */
  readonly scope?: string;
}

const MAX_DESCRIPTION = 300;

export function bearerChallenge(challenge: BearerChallenge): string {
  const params: string[] = [];
  if (challenge.resourceMetadata) params.push(`resource_metadata=${quoted(challenge.resourceMetadata)}`);
  else params.push('realm="gatehouse"');
  if (challenge.error) params.push(`error="${challenge.error}"`);
  if (challenge.description) params.push(`error_description=${quoted(challenge.description)}`);
  if (challenge.scope) params.push(`scope=${quoted(challenge.scope)}`);
  return `Bearer ${params.join(', ')}`;
}

/** Only %x20-21 / %x23-5B / %x5D-7E may appear (RFC 6750); anything else becomes `?` or `'`. */
function quoted(value: string): string {
  let text = value.replace(/["\\]/g, "'").replace(/[^\x20-\x7e]/g, '?');
  if (text.length > MAX_DESCRIPTION) text = `${text.slice(0, MAX_DESCRIPTION - 3)}...`;
  return `"${text}"`;
}
