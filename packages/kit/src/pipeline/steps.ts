import { randomUUID } from 'node:crypto';
import type { Access } from '../define.ts';
import { ErrorCode, isToolError, ToolError } from '../errors.ts';
import { rateLimitKey } from '../rate-limit.ts';
import type { AuditDraft } from './audit-record.ts';
import type { Gate } from './gate.ts';
import { type ProtocolFailure, protocolFailure } from './protocol-failure.ts';
import { asToolError } from './results.ts';

/** Step 4 for any kind of call: the per-tool rule when there is one, else the default. */
export async function enforceRateLimit(gate: Gate, actor: string, name: string): Promise<void> {
  const rule = gate.rateLimit.tools?.[name] ?? gate.rateLimit.default;
  const limited = await gate.rateLimiter.take(rateLimitKey(actor, name), rule);
  if (!limited.allowed) {
    throw new ToolError(
      ErrorCode.RateLimited,
      `Rate limit for ${name} reached (${rule.capacity} calls, refilling ${rule.refillPerSecond}/s).`,
      { retryAfterSeconds: limited.retryAfterSeconds },
    );
  }
}

/** Before step 6: a write that cannot be audited does not run; a read follows `auditUnavailableReads`. */
export function ensureAuditable(gate: Gate, access: Access): void {
  if (gate.audit.healthy()) return;
  if (access !== 'read') {
    throw new ToolError(
      ErrorCode.AuditUnavailable,
      'The audit log is unavailable, so writes are refused until it is back.',
    );
  }
  if (gate.auditUnavailableReads === 'refuse') {
    throw new ToolError(
      ErrorCode.AuditUnavailable,
      'The audit log is unavailable, and this server refuses reads until it is back.',
    );
  }
}

/**
 * How a resource read or prompt fetch ends in failure: unexpected errors are logged under a reference and
 * never shown, the audit record is written, and the client gets a redacted JSON-RPC error.
 */
export async function failAsProtocolError(
  gate: Gate,
  audit: AuditDraft,
  error: unknown,
  context: Record<string, unknown>,
): Promise<ProtocolFailure> {
  const reference = randomUUID();
  const toolError = asToolError(error, reference);
  if (!isToolError(error)) {
    gate.logger.error(
      { reference, ...context, err: gate.redactor.redactText(String(error), {}) },
      'call failed',
    );
  }
  audit.code = toolError.code;
  if (toolError.code === ErrorCode.Timeout) audit.outcome = 'timeout';
  await audit
    .write()
    .catch((e: unknown) => gate.logger.error({ err: e }, 'audit record could not be written'));
  return protocolFailure(new ToolError(toolError.code, gate.redactor.redactText(toolError.message, {})));
}
