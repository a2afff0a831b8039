import { type JsonRpcResponse, jsonRpcError } from '../protocol/legacy-jsonrpc.ts';
import { bearerChallenge } from './challenge.ts';
import type { AuthRefusal } from './outcome.ts';
import type { ScopeShortfall } from './scope-challenge.ts';

/** An HTTP refusal, ready to send: the transport writes it and audits `auditCode`. */
export interface HttpRefusal {
  readonly status: number;
  readonly auditCode: string;
  readonly body: JsonRpcResponse;
  readonly headers: Record<string, string>;
}

/**
 * No usable credentials: 401 with a challenge (RFC 6750 section 3.1, RFC 9728 section 5.1). When a credential
 * was sent and failed, the challenge says `invalid_token` and why; when none was sent, it only points at the
 * metadata. A credential that cannot be checked right now (issuer's keys unreachable) is a 503 with Retry-After,
 * so the client retries rather than throwing away a good token. The body's code stays `unauthenticated` for
 * every case; `reason` and the audit record carry the precise one (`token_expired`, `unknown_api_key`, ...).
 */
export function credentialRefusal(
  refusal: AuthRefusal['refusal'] | undefined,
  credentialSent: boolean,
  resourceMetadata: string | undefined,
): HttpRefusal {
  const help = resourceMetadata
    ? 'send Authorization: Bearer <access token or API key>'
    : 'send Authorization: Bearer <api key>';
  const description = refusal?.description ?? (credentialSent ? 'the credential is not valid' : undefined);
  const lead = refusal?.unavailable ? 'Cannot check credentials now' : 'Missing or invalid credentials';
  const body = jsonRpcError(null, -32000, `${lead}: ${description ?? help}.`, {
    code: 'unauthenticated',
    ...(refusal ? { reason: refusal.code } : {}),
  });
  const auditCode = refusal?.code ?? 'unauthenticated';
  if (refusal?.unavailable) return { status: 503, auditCode, body, headers: { 'retry-after': '5' } };
  const challenge = bearerChallenge({
    ...(resourceMetadata ? { resourceMetadata } : {}),
    ...(description ? { error: 'invalid_token' as const, description } : {}),
  });
  return { status: 401, auditCode, body, headers: { 'www-authenticate': challenge } };
}

/**
 * A token without a scope the tool needs: 403 with `insufficient_scope` and every scope the tool needs (RFC 6750
 * section 3.1; the MCP spec's step-up authorization), and the JSON-RPC error naming the missing ones.
 */
export function insufficientScopeRefusal(
  shortfall: ScopeShortfall,
  message: { id?: unknown },
  resourceMetadata: string | undefined,
): HttpRefusal {
  const text = `Insufficient scope: ${shortfall.tool} needs ${shortfall.missing.join(', ')}, which the token does not grant.`;
  const id = typeof message.id === 'string' || typeof message.id === 'number' ? message.id : null;
  return {
    status: 403,
    auditCode: 'insufficient_scope',
    body: jsonRpcError(id, -32000, text, { code: 'insufficient_scope', missingScopes: shortfall.missing }),
    headers: {
      'www-authenticate': bearerChallenge({
        error: 'insufficient_scope',
        scope: shortfall.needed.join(' '),
        description: text,
        ...(resourceMetadata ? { resourceMetadata } : {}),
      }),
    },
  };
}
