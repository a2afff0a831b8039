import { type ApprovalBinding, type ApprovalRecord, bindingMismatch } from '../approvals/store.ts';
import type { ToolDefinition } from '../contracts/define.ts';
import type { InventoryTool } from '../contracts/inventory.ts';
import { ErrorCode, ToolError } from '../errors.ts';
import type { Identity } from '../identity.ts';
import type { ApprovalMode, Decision } from '../policy/policy.ts';
import { approvalSummary } from './approval-summary.ts';
import type { AuditDraft } from './audit-record.ts';
import type { Gate } from './gate.ts';

/** How a connection can put an approval question in front of a person. */
export type ApprovalChannel = 'elicitation' | 'out-of-band';

/** What the client sent back after an elicitation round trip. */
export interface ApprovalAnswer {
  readonly state: string;
  readonly approved: boolean;
}

export type ApprovalStep =
  | { readonly kind: 'approved'; readonly record: ApprovalRecord }
  /** Ask the person now (elicitation); `state` comes back with the answer. */
  | {
      readonly kind: 'ask';
      readonly record: ApprovalRecord;
      readonly message: string;
      readonly state: string;
    };

interface Binding {
  readonly identity: Identity;
  readonly tool: InventoryTool;
  readonly input: Record<string, unknown>;
  readonly target: string;
  readonly inputDigest: string;
  /** The policy's decision for this call: its roles' approval mode. */
  readonly decision: Extract<Decision, { allowed: true }>;
  /** Gets the approval's id, and who decided it through which channel. */
  readonly audit: AuditDraft;
}

/**
 * The approval mode of one call: `in_band` only when the caller's roles and the tool both allow it. A tool allows
 * it when it says so, or, without a word, when it is a `write` (a `destructive` tool is out of band by default).
 */
export function approvalModeOf(
  roleMode: ApprovalMode,
  tool: Pick<ToolDefinition, 'access' | 'approval'>,
): ApprovalMode {
  const toolMode = tool.approval ?? (tool.access === 'destructive' ? 'out_of_band' : 'in_band');
  return roleMode === 'in_band' && toolMode === 'in_band' ? 'in_band' : 'out_of_band';
}

/**
 * Step 5. A write runs only with a person's yes, bound to this actor, this tool and the digest of this exact
 * input, before its expiry, once. Out of band (the default), a person grants it through the CLI or the console
 * and the client repeats the same call; in band, the client may ask its user (elicitation). A denial stands until
 * the request expires: repeating the call is answered with it, not with a new request.
 */
export async function approve(
  gate: Gate,
  b: Binding,
  channel: ApprovalChannel,
  approvalId: string | undefined,
  answer: ApprovalAnswer | undefined,
): Promise<ApprovalStep> {
  const key: ApprovalBinding = {
    actor: b.identity.actor,
    server: gate.inventory.server.name,
    tool: b.tool.def.name,
    inputDigest: b.inputDigest,
  };
  const mode = approvalModeOf(b.decision.approvalMode, b.tool.def);
  if (answer) return answered(gate, b, key, mode, answer);

  const granted = await gate.approvals
    .consume(approvalId === undefined ? key : { ...key, id: approvalId })
    .catch(async (error: unknown) => {
      // The approval the caller names was denied: that is the answer, with the approver's reason.
      const named = approvalId === undefined ? undefined : await gate.approvals.get(approvalId);
      if (named?.status === 'denied' && bindingMismatch(named, key) === undefined) throw rejected(b, named);
      throw error;
    });
  if (granted) return approved(b, granted);

  const standing = await gate.approvals.current(key);
  if (standing?.status === 'denied') throw rejected(b, standing);
  const record =
    standing ??
    (await gate.approvals.create({
      ...key,
      target: b.target,
      summary: approvalSummary(gate.redactor, {
        actor: b.identity.actor,
        tool: b.tool.def,
        target: b.target,
        input: b.input,
      }),
      ttlSeconds: gate.approvalTtlSeconds,
    }));
  b.audit.approvalId = record.id;

  if (channel === 'elicitation' && mode === 'in_band') {
    return {
      kind: 'ask',
      record,
      message: record.summary,
      state: gate.approvalState.sign({ id: record.id }),
    };
  }
  const grant = `${gate.approvalCommand} ${record.id}`;
  const outOfBand =
    channel === 'elicitation' ? ' It is approved out of band: the calling client cannot answer it.' : '';
  throw new ToolError(
    ErrorCode.ApprovalRequired,
    `${b.tool.def.name} changes ${b.target} and needs a person's approval.${outOfBand} Ask an approver to grant ` +
      `${record.id} (for example: ${grant}), then call the tool again with the same ` +
      `arguments before ${record.expiresAt}.`,
    { details: { approvalId: record.id, summary: record.summary, expiresAt: record.expiresAt } },
  );
}

/** The client's answer to an in-band question: accepted only in band, for the approval it was asked about. */
async function answered(
  gate: Gate,
  b: Binding,
  key: ApprovalBinding,
  mode: ApprovalMode,
  answer: ApprovalAnswer,
): Promise<ApprovalStep> {
  const state = gate.approvalState.verify(answer.state) as { id?: unknown } | undefined;
  if (typeof state?.id !== 'string') {
    throw new ToolError(
      ErrorCode.ApprovalInvalid,
      'The approval answer carries state this server did not issue.',
    );
  }
  const id = state.id;
  b.audit.approvalId = id;
  if (mode === 'out_of_band') {
    throw new ToolError(
      ErrorCode.ApprovalInvalid,
      `${b.tool.def.name} is approved out of band: an answer from the calling client is not accepted. A person ` +
        `grants ${id} through the CLI or the console (${gate.approvalCommand} ${id}); then repeat the call.`,
      { details: { approvalId: id } },
    );
  }
  const record = await gate.approvals.get(id);
  const mismatch = record === undefined ? undefined : bindingMismatch(record, key);
  if (mismatch !== undefined) throw new ToolError(ErrorCode.ApprovalInvalid, `${mismatch}.`);
  if (record?.status !== 'pending') {
    throw new ToolError(
      ErrorCode.ApprovalInvalid,
      `Approval ${id} is ${record ? record.status : 'unknown'}; it cannot be answered again.`,
    );
  }
  const decider = { by: b.identity.actor, via: 'elicitation' } as const;
  if (!answer.approved) throw rejected(b, await gate.approvals.deny(id, decider, 'declined when asked'));
  await gate.approvals.grant(id, decider);
  const consumed = await gate.approvals.consume({ ...key, id });
  if (!consumed) throw new ToolError(ErrorCode.ApprovalInvalid, `Approval ${id} could not be used.`);
  return approved(b, consumed);
}

function approved(b: Binding, record: ApprovalRecord): ApprovalStep {
  b.audit.approvalId = record.id;
  b.audit.decidedApproval = record;
  return { kind: 'approved', record };
}

/** A person said no: the caller is told who, why, and until when repeating the call gets the same answer. */
function rejected(b: Binding, record: ApprovalRecord): ToolError {
  b.audit.approvalId = record.id;
  b.audit.decidedApproval = record;
  const why = record.reason === undefined ? '' : `: ${record.reason}`;
  return new ToolError(
    ErrorCode.ApprovalRejected,
    `${b.tool.def.name} on ${b.target} was not approved: ${record.decidedBy} denied approval ${record.id}${why}. ` +
      `The same call is refused until ${record.expiresAt}; change the request or talk to the approver.`,
    {
      details: {
        approvalId: record.id,
        approver: record.decidedBy,
        ...(record.reason === undefined ? {} : { reason: record.reason }),
        expiresAt: record.expiresAt,
      },
    },
  );
}
