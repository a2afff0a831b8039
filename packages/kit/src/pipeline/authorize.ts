import { ErrorCode, ToolError } from '../errors.ts';
import type { Call } from './kinds/call.ts';

/**
 * Step 2, before any input is read: the request's name is resolved in the inventory, then the caller's roles must
 * allow this kind and name (a caller who may not use a tool learns nothing about its schema).
 */
export function authorizeStep(call: Call): void {
  call.handler.resolve(call);
  const subject = call.subject;
  if (!subject) return;
  const decision = call.gate.authorize(request(call, undefined));
  if (!decision.allowed) throw new ToolError(ErrorCode.Forbidden, decision.reason);
}

/**
 * Step 2 (continued), once the input is valid: the target it names must be in an allowlist of the caller's roles.
 * Lists have no target of their own (each entry is checked instead); kinds without a target are allowed here.
 */
export function authorizeTargetStep(call: Call): void {
  const target = call.handler.target(call);
  call.target = target;
  call.audit.target = target;
  const decision = call.gate.authorize(request(call, target));
  call.decision = decision;
  if (!decision.allowed) throw new ToolError(ErrorCode.Forbidden, decision.reason);
}

export function request(call: Call, target: string | undefined) {
  const subject = call.subject;
  if (!subject) throw new Error(`${call.method}: nothing was resolved to authorize`);
  return {
    identity: call.context.identity,
    kind: subject.policyKind,
    name: subject.name,
    scopes: subject.scopes,
    access: subject.access,
    target,
  };
}
