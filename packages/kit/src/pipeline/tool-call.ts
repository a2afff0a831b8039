import { randomUUID } from 'node:crypto';
import type { HandlerContext } from '../define.ts';
import { digest } from '../digest.ts';
import { ErrorCode, ToolError } from '../errors.ts';
import type { Identity } from '../identity.ts';
import { DEFAULT_PAGE_SIZE, findTool, type InventoryTool } from '../inventory.ts';
import { type ApprovalAnswer, type ApprovalChannel, approve } from './approve.ts';
import { AuditDraft } from './audit-record.ts';
import { runWithDeadline } from './deadline.ts';
import type { Gate } from './gate.ts';
import { asToolError, type CallToolResultWire, errorResult } from './results.ts';
import { RunTimeTargets } from './run-time-targets.ts';
import { shapeToolOutput } from './shape.ts';
import { enforceRateLimit, ensureAuditable } from './steps.ts';
import { describeZodError } from './validation.ts';

export interface ToolCallContext {
  readonly identity: Identity;
  /** Aborted when the client cancels the call or goes away. */
  readonly signal?: AbortSignal;
  readonly approvalChannel: ApprovalChannel;
  /** An approval id the client passed back (`_meta["dev.gatehouse/approval"]`). */
  readonly approvalId?: string;
  readonly approvalAnswer?: ApprovalAnswer;
}

export type ToolCallOutcome =
  | { readonly kind: 'result'; readonly result: CallToolResultWire }
  /** The caller must ask a person (elicitation) and call again with the answer and this state. */
  | { readonly kind: 'ask'; readonly message: string; readonly state: string; readonly approvalId: string }
  /** Not a tool call at all (unknown tool): a JSON-RPC error. */
  | { readonly kind: 'protocol_error'; readonly code: number; readonly message: string };

interface CursorPayload {
  t: string;
  a: string;
  d: string;
  o: number;
}

/**
 * A tools/call through every step of the pipeline, in order: identity (given by the transport), authorize,
 * validate, rate limit, approve, execute, shape, audit. Every path out of here writes exactly one audit record.
 */
export async function callTool(
  gate: Gate,
  name: string,
  args: unknown,
  ctx: ToolCallContext,
): Promise<ToolCallOutcome> {
  const tool = findTool(gate.inventory, name);
  const audit = new AuditDraft(gate, ctx.identity, 'tool', name);
  if (!tool) {
    audit.code = ErrorCode.UnknownTool;
    await audit.write();
    return { kind: 'protocol_error', code: -32602, message: `Unknown tool: ${name}` };
  }
  audit.version = tool.def.version;
  audit.access = tool.def.access;
  try {
    const outcome = await runSteps(gate, tool, args, ctx, audit);
    await audit.write();
    return outcome;
  } catch (error) {
    const reference = randomUUID();
    const toolError = asToolError(error, reference);
    if (toolError.code === ErrorCode.Internal) {
      gate.logger.error({ reference, tool: name, err: redactError(gate, error) }, 'tool call failed');
    }
    audit.code = toolError.code;
    if (audit.decision === 'approved' || audit.decision === 'allowed') {
      if (audit.outcome === 'not_run' && toolError.code !== ErrorCode.AuditUnavailable)
        audit.outcome = 'error';
    }
    const result = errorResult(toolError);
    const shaped = gate.redactor.redactValue(result, audit.redactions);
    try {
      await audit.write();
    } catch (auditError) {
      gate.logger.error({ err: auditError }, 'audit record could not be written');
    }
    return { kind: 'result', result: shaped };
  }
}

async function runSteps(
  gate: Gate,
  tool: InventoryTool,
  args: unknown,
  ctx: ToolCallContext,
  audit: AuditDraft,
): Promise<ToolCallOutcome> {
  const def = tool.def;
  const request = {
    identity: ctx.identity,
    kind: 'tool' as const,
    name: def.name,
    scopes: def.scopes,
    access: def.access,
  };

  // 2. authorize the tool itself before looking at the arguments: a caller who may not use the tool learns
  // nothing about its schema.
  const toolLevel = gate.authorize({ ...request, target: undefined });
  if (!toolLevel.allowed) throw new ToolError(ErrorCode.Forbidden, toolLevel.reason);

  // 3. validate
  const parsed = tool.input.safeParse(args ?? {});
  if (!parsed.success) throw new ToolError(ErrorCode.InvalidInput, describeZodError(def.name, parsed.error));
  const { cursor, ...input } = parsed.data as Record<string, unknown> & { cursor?: string };
  const inputDigest = digest({ tool: def.name, input });
  audit.inputDigest = inputDigest;
  // 128 bits of the digest keep cursors short while still binding them to these exact arguments.
  const cursorBinding = inputDigest.slice(7, 39);
  const target = def.target(input);
  audit.target = target;

  // 2 (cont.). authorize the target now that it is known.
  const decision = gate.authorize({ ...request, target });
  if (!decision.allowed) throw new ToolError(ErrorCode.Forbidden, decision.reason);

  let offset = 0;
  if (cursor !== undefined) {
    const payload = gate.cursors.verify(cursor) as CursorPayload | undefined;
    if (
      !payload ||
      payload.t !== def.name ||
      payload.a !== ctx.identity.actor ||
      payload.d !== cursorBinding
    ) {
      throw new ToolError(
        ErrorCode.InvalidCursor,
        'This cursor was not issued for this tool, caller and arguments. Call again without a cursor to start over.',
      );
    }
    offset = payload.o;
  }

  // Before asking anyone to approve a call, or spending a token on it: it must be able to go on the record.
  ensureAuditable(gate, def.access);

  // 4. rate limit
  await enforceRateLimit(gate, ctx.identity.actor, def.name);

  // 5. approve
  audit.decision = 'allowed';
  if (decision.approvalRequired) {
    audit.decision = 'approval_required';
    const step = await approve(
      gate,
      { identity: ctx.identity, tool, input, target, inputDigest },
      ctx.approvalChannel,
      ctx.approvalId,
      ctx.approvalAnswer,
    ).catch((error: unknown) => {
      if (error instanceof ToolError && error.code === ErrorCode.ApprovalRejected)
        audit.decision = 'rejected';
      throw error;
    });
    audit.approvalId = step.record.id;
    if (step.kind === 'ask')
      return { kind: 'ask', message: step.message, state: step.state, approvalId: step.record.id };
    audit.decision = 'approved';
  }

  // 6. execute. A write that cannot be audited does not run (checked again: approval can take minutes).
  ensureAuditable(gate, def.access);
  const limit = def.paginate?.pageSize ?? DEFAULT_PAGE_SIZE;
  let handlerCtx: HandlerContext | undefined;
  const runTimeTargets = new RunTimeTargets(gate, request, audit, audit.decision === 'approved');
  audit.outcome = 'error';
  const output = await runTimeTargets.settle(
    runWithDeadline(def.timeoutMs ?? gate.defaultTimeoutMs, ctx.signal, (signal) => {
      handlerCtx = {
        identity: ctx.identity,
        signal,
        page: { offset, limit },
        hasMore: false,
        ...runTimeTargets.checks,
      };
      return def.handler(input, handlerCtx);
    }).catch((error: unknown) => {
      if (!runTimeTargets.refusal && error instanceof ToolError && error.code === ErrorCode.Timeout) {
        audit.outcome = 'timeout';
      }
      throw error;
    }),
  );
  const checked = tool.output.safeParse(output);
  if (!checked.success) {
    throw new Error(
      `${def.name} returned output that does not match its output schema: ${checked.error.message}`,
    );
  }

  // 7. shape
  const shaped = shapeToolOutput(gate, tool, checked.data, {
    offset,
    limit,
    hasMore: handlerCtx?.hasMore ?? false,
    nextCursor: (next) =>
      gate.cursors.sign({
        t: def.name,
        a: ctx.identity.actor,
        d: cursorBinding,
        o: next,
      } satisfies CursorPayload),
  });
  audit.outcome = 'ok';
  audit.redactions = shaped.redactions;
  audit.outputBytes = shaped.outputBytes;
  return { kind: 'result', result: shaped.result };
}

function redactError(gate: Gate, error: unknown): string {
  const text =
    error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}` : String(error);
  return gate.redactor.redactText(text, {});
}
