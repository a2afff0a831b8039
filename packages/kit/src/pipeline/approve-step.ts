import { ErrorCode, ToolError } from '../errors.ts';
import { approve } from './approve.ts';
import { ensureAuditable } from './execute.ts';
import type { Call, Outcome } from './kinds/call.ts';
import type { ToolState } from './kinds/tool.ts';

/**
 * Step 5, for calls the policy says need a person's yes (tools that write or destroy): bound to caller, tool,
 * input digest and expiry, single use (approve.ts). A pending question for an elicitation-capable client ends
 * the request early with an `ask` outcome.
 */
export function approveStep(call: Call): Promise<Outcome | undefined> | undefined {
  // Most calls need no approval: answer them without a promise (this runs on every tool call).
  if (!call.decision?.allowed || !call.decision.approvalRequired) return undefined;
  return askForApproval(call, call.decision);
}

async function askForApproval(
  call: Call,
  decision: Extract<NonNullable<Call['decision']>, { allowed: true }>,
): Promise<Outcome | undefined> {
  const state = call.state as ToolState;
  // Before asking anyone to approve a call: it must be able to go on the record.
  ensureAuditable(call.gate, state.tool.def.access);
  call.audit.decision = 'approval_required';
  const step = await approve(
    call.gate,
    {
      identity: call.context.identity,
      tool: state.tool,
      input: call.input,
      target: call.target as string,
      inputDigest: state.inputDigest,
      decision,
      audit: call.audit,
    },
    call.context.approvalChannel,
    call.context.approvalId,
    call.context.approvalAnswer,
  ).catch((error: unknown) => {
    if (error instanceof ToolError) {
      if (error.code === ErrorCode.ApprovalRejected) call.audit.decision = 'rejected';
      // The record of a refused or pending approval names the approval, so the two can be joined.
      const id = error.details?.approvalId;
      if (typeof id === 'string') call.audit.approvalId = id;
    }
    throw error;
  });
  call.audit.approvalId = step.record.id;
  if (step.kind === 'ask') {
    return { kind: 'ask', message: step.message, state: step.state, approvalId: step.record.id };
  }
  call.audit.decision = 'approved';
  call.approved = true;
  return undefined;
}
