import { randomUUID } from 'node:crypto';
import { ErrorCode, isToolError, ToolError } from '../errors.ts';
import { approveStep } from './approve-step.ts';
import { AuditDraft } from './audit-record.ts';
import { authorizeStep, authorizeTargetStep } from './authorize.ts';
import { executeStep } from './execute.ts';
import type { Gate } from './gate.ts';
import { identityStep } from './identity.ts';
import type { Call, KindHandler, Outcome, RequestContext } from './kinds/call.ts';
import { completionHandler } from './kinds/completion.ts';
import { listHandler } from './kinds/list.ts';
import { pingHandler } from './kinds/ping.ts';
import { promptHandler } from './kinds/prompt.ts';
import { resourceHandler } from './kinds/resource.ts';
import { toolHandler } from './kinds/tool.ts';
import { rateLimitStep } from './rate-limit.ts';
import { shapeStep } from './shape.ts';
import { applies, METHOD_KINDS, type RequestKind, STEPS, type Step } from './steps.ts';
import { validateStep } from './validate.ts';

/** A step either finishes the request early (an approval question) or lets the next one run. */
// biome-ignore lint/suspicious/noConfusingVoidType: most steps return nothing; only approval may end the request early.
type StepFn = (call: Call) => void | Outcome | Promise<void | Outcome | undefined>;

const STEP_FNS: Readonly<Record<Exclude<Step, 'audit'>, StepFn>> = {
  identity: identityStep,
  authorize: authorizeStep,
  validate: validateStep,
  authorize_target: authorizeTargetStep,
  rate_limit: rateLimitStep,
  approve: approveStep,
  execute: executeStep,
  shape: shapeStep,
};

const HANDLERS: Readonly<Record<RequestKind, KindHandler<never>>> = {
  tool: toolHandler,
  resource: resourceHandler,
  prompt: promptHandler,
  list: listHandler,
  completion: completionHandler,
  ping: pingHandler,
};

/** Each kind's steps in order, computed once: the hot path walks a plain array. Audit runs after, always. */
const PLANS = Object.fromEntries(
  (Object.keys(HANDLERS) as RequestKind[]).map((kind) => [
    kind,
    STEPS.filter((step) => step !== 'audit' && applies(kind, step)).map(
      (step) => STEP_FNS[step as Exclude<Step, 'audit'>],
    ),
  ]),
) as unknown as Record<RequestKind, readonly StepFn[]>;

export function isDispatched(method: string): boolean {
  return Object.hasOwn(METHOD_KINDS, method);
}

export function newCall(
  gate: Gate,
  method: string,
  params: Record<string, unknown>,
  context: RequestContext,
): Call {
  const kind = METHOD_KINDS[method] as RequestKind;
  return {
    gate,
    kind,
    method,
    params,
    context,
    audit: new AuditDraft(gate, context.identity, kind, method),
    handler: HANDLERS[kind] as KindHandler,
    state: undefined,
    subject: undefined,
    input: {},
    target: undefined,
    decision: undefined,
    approved: false,
    output: undefined,
    result: undefined,
  };
}

/**
 * Any request through the one ordered list of steps (steps.ts), then the audit record, which every path writes
 * exactly once. A refusal or failure at any step ends the request with the kind's own error form.
 */
export async function runRequest(
  gate: Gate,
  method: string,
  params: Record<string, unknown>,
  context: RequestContext,
): Promise<Outcome> {
  const call = newCall(gate, method, params, context);
  let outcome: Outcome | undefined;
  try {
    for (const step of PLANS[call.kind]) {
      const ran = step(call);
      const early = ran instanceof Promise ? await ran : ran;
      if (early) {
        outcome = early;
        break;
      }
    }
    outcome ??= { kind: 'result', result: call.result ?? {} };
  } catch (error) {
    outcome = fail(call, error);
  }
  await writeAudit(call, outcome);
  return outcome;
}

/** Unexpected errors are logged under a reference and never shown; the answer is redacted like any output. */
function fail(call: Call, error: unknown): Outcome {
  const { gate, audit } = call;
  let toolError: ToolError;
  if (isToolError(error)) {
    toolError = error;
  } else {
    const reference = randomUUID();
    gate.logger.error(
      { reference, method: call.method, name: audit.name, err: redactedError(gate, error) },
      'request failed',
    );
    toolError = new ToolError(
      ErrorCode.Internal,
      `The request failed unexpectedly. Operators can find the cause in the server log under reference ${reference}.`,
    );
  }
  audit.code = toolError.code;
  if (audit.outcome === 'error' && toolError.code === ErrorCode.Timeout) audit.outcome = 'timeout';
  return call.handler.fail(call, toolError);
}

/**
 * The audit step. A request that ran is answered with what it did even when its record cannot be stored now (the
 * sink keeps or counts what it loses): a write that ran is never answered as refused.
 */
async function writeAudit(call: Call, outcome: Outcome): Promise<void> {
  try {
    await call.audit.write();
  } catch (error) {
    call.gate.logger.error({ err: error, name: call.audit.name }, 'audit record could not be written');
    void outcome;
  }
}

function redactedError(gate: Gate, error: unknown): string {
  const text =
    error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}` : String(error);
  return gate.redactor.redactText(text, {});
}
