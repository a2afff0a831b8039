import { ErrorCode, ToolError } from '../errors.ts';
import { rateLimitKey } from '../limits/rate-limit.ts';
import type { Gate } from './gate.ts';
import type { Call } from './kinds/call.ts';

/**
 * Step 4, for every kind: a token bucket per caller and per name (the tool, resource or prompt; for lists,
 * completions and ping the method). The name's own rule when there is one, else the default. Passing it makes the
 * request `allowed` (approval may still be needed).
 */
export async function rateLimitStep(call: Call): Promise<void> {
  await enforceRateLimit(call.gate, call.context.identity.actor, rateLimitName(call));
  call.audit.decision = 'allowed';
}

function rateLimitName(call: Call): string {
  if (call.kind === 'list' || call.kind === 'ping') return call.method;
  if (call.kind === 'completion') return `${call.method}:${call.subject?.name ?? ''}`;
  return call.subject?.name ?? call.method;
}

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
