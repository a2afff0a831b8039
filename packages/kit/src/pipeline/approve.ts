import type { ApprovalRecord } from '../approvals.ts';
import { ErrorCode, ToolError } from '../errors.ts';
import type { Identity } from '../identity.ts';
import type { InventoryTool } from '../inventory.ts';
import { renderText } from '../render.ts';
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
}

/**
 * Step 5. A write runs only with a person's yes, bound to this actor, this tool and the digest of this exact
 * input, before its expiry, once. The yes comes through elicitation when the client can ask, or out of band
 * (a grant in the approval store) after which the client retries the same call.
 */
export async function approve(
  gate: Gate,
  b: Binding,
  channel: ApprovalChannel,
  approvalId: string | undefined,
  answer: ApprovalAnswer | undefined,
): Promise<ApprovalStep> {
  const server = gate.inventory.server.name;
  const key = { actor: b.identity.actor, server, tool: b.tool.def.name, inputDigest: b.inputDigest };

  if (answer) {
    const state = gate.approvalState.verify(answer.state) as { id?: unknown } | undefined;
    if (typeof state?.id !== 'string') {
      throw new ToolError(
        ErrorCode.ApprovalInvalid,
        'The approval answer carries state this server did not issue.',
      );
    }
    const record = await gate.approvals.get(state.id);
    if (record?.status !== 'pending') {
      throw new ToolError(
        ErrorCode.ApprovalInvalid,
        `Approval ${state.id} is ${record ? record.status : 'unknown'}; it cannot be answered again.`,
      );
    }
    if (!answer.approved) {
      await gate.approvals.deny(record.id, `${b.identity.actor} (elicitation)`, 'declined when asked');
      throw new ToolError(ErrorCode.ApprovalRejected, `The request to run ${b.tool.def.name} was declined.`, {
        details: { approvalId: record.id },
      });
    }
    await gate.approvals.grant(record.id, `${b.identity.actor} (elicitation)`);
    const consumed = await gate.approvals.consume({ ...key, id: record.id });
    if (!consumed) throw new ToolError(ErrorCode.ApprovalInvalid, `Approval ${record.id} could not be used.`);
    return { kind: 'approved', record: consumed };
  }

  const granted = await gate.approvals.consume(approvalId === undefined ? key : { ...key, id: approvalId });
  if (granted) return { kind: 'approved', record: granted };

  const pending = (await gate.approvals.list({ status: 'pending', actor: key.actor })).find(
    (r) => r.server === server && r.tool === key.tool && r.inputDigest === key.inputDigest,
  );
  const summary = summarize(gate, b);
  const record =
    pending ??
    (await gate.approvals.create({ ...key, target: b.target, summary, ttlSeconds: gate.approvalTtlSeconds }));

  if (channel === 'elicitation') {
    return { kind: 'ask', record, message: summary, state: gate.approvalState.sign({ id: record.id }) };
  }
  throw new ToolError(
    ErrorCode.ApprovalRequired,
    `${b.tool.def.name} changes ${b.target} and needs a person's approval. Ask an approver to grant ` +
      `${record.id} (for example: gatehouse approvals grant ${record.id}), then call the tool again with the same ` +
      `arguments before ${record.expiresAt}.`,
    { details: { approvalId: record.id, summary: record.summary, expiresAt: record.expiresAt } },
  );
}

/** What will happen, in words a person can judge: the tool, what it touches, and the (redacted) input. */
function summarize(gate: Gate, b: Binding): string {
  const input = gate.redactor.redactValue(b.input, {});
  const access = b.tool.def.access === 'destructive' ? 'DESTRUCTIVE ' : '';
  return `${b.identity.actor} asks to run ${access}${b.tool.def.name} (${b.tool.def.title}) on ${b.target} with:\n${renderText(input)}`;
}
