import { auditRefusal } from '../pipeline/audit-record.ts';
import type { Gate } from '../pipeline/gate.ts';
import type { Outcome, RequestContext } from '../pipeline/kinds/call.ts';
import { APPROVAL_META_KEY } from '../pipeline/results.ts';
import { runRequest } from '../pipeline/run.ts';
import { METHOD_KINDS } from '../pipeline/steps.ts';

export type DispatchContext = Omit<RequestContext, 'approvalId'>;
export type DispatchOutcome = Outcome;

export const METHOD_NOT_FOUND = -32601;

/** The MCP methods every Gatehouse server answers, whatever the transport or protocol era. */
export const DISPATCHED_METHODS: ReadonlySet<string> = new Set(Object.keys(METHOD_KINDS));

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/**
 * One MCP request to its result, through the kit's one pipeline. Transport-agnostic: the fast HTTP path and the
 * SDK-served paths (stdio, 2026-era HTTP) both call this, so behaviour cannot drift between them.
 */
export async function dispatch(
  gate: Gate,
  method: string,
  rawParams: unknown,
  ctx: DispatchContext,
): Promise<DispatchOutcome> {
  if (!Object.hasOwn(METHOD_KINDS, method)) {
    await auditRefusal(gate, ctx.identity, method.slice(0, 100), 'method_not_found');
    return {
      kind: 'protocol_error',
      code: METHOD_NOT_FOUND,
      message: `Method not found: ${method.slice(0, 100)}`,
    };
  }
  const params = record(rawParams);
  const approvalId = method === 'tools/call' ? record(params._meta)[APPROVAL_META_KEY] : undefined;
  return runRequest(gate, method, params, {
    ...ctx,
    ...(typeof approvalId === 'string' ? { approvalId } : {}),
  });
}
