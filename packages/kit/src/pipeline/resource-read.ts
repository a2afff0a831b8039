import { randomUUID } from 'node:crypto';
import { ErrorCode, isToolError, ToolError } from '../errors.ts';
import type { Identity } from '../identity.ts';
import { findResource } from '../inventory.ts';
import { authorize } from '../policy.ts';
import { rateLimitKey } from '../rate-limit.ts';
import { fenceUntrusted } from '../redact/index.ts';
import { AuditDraft } from './audit-record.ts';
import { runWithDeadline } from './deadline.ts';
import type { Gate } from './gate.ts';
import { asToolError } from './results.ts';

export interface ReadResourceResultWire {
  contents: (
    | { uri: string; mimeType?: string; text: string }
    | { uri: string; mimeType: string; blob: string }
  )[];
}

/** JSON-RPC errors for resources/read and prompts/get, which have no tool-style error result. */
export interface ProtocolFailure {
  readonly kind: 'protocol_error';
  readonly code: number;
  readonly message: string;
  readonly data?: Record<string, unknown>;
}

export const RESOURCE_NOT_FOUND = -32002;
export const INVALID_PARAMS = -32602;

export function protocolFailure(error: ToolError): ProtocolFailure {
  const code =
    error.code === ErrorCode.UnknownResource || error.code === ErrorCode.NotFound
      ? RESOURCE_NOT_FOUND
      : error.code === ErrorCode.InvalidInput || error.code === ErrorCode.UnknownPrompt
        ? INVALID_PARAMS
        : -32603;
  return {
    kind: 'protocol_error',
    code,
    message: error.message,
    data: {
      code: error.code,
      ...(error.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: error.retryAfterSeconds }),
    },
  };
}

/** resources/read through the same steps as a tool call (resources are reads: no approval step). */
export async function readResource(
  gate: Gate,
  uri: string,
  identity: Identity,
  signal: AbortSignal | undefined,
): Promise<{ kind: 'result'; result: ReadResourceResultWire } | ProtocolFailure> {
  const found = findResource(gate.inventory, uri);
  const audit = new AuditDraft(gate, identity, 'resource', found?.resource.def.name ?? uri);
  try {
    if (!found) throw new ToolError(ErrorCode.UnknownResource, `No resource at ${uri}.`);
    const { resource, variables } = found;
    audit.version = resource.def.version;
    audit.access = 'read';
    const target = resource.def.target(variables);
    audit.target = target;
    const decision = authorize(gate.policy, {
      identity,
      kind: 'resource',
      name: resource.def.name,
      scopes: resource.def.scopes,
      target,
      access: 'read',
    });
    if (!decision.allowed) throw new ToolError(ErrorCode.Forbidden, decision.reason);
    const limited = await gate.rateLimiter.take(
      rateLimitKey(identity.actor, resource.def.name),
      gate.rateLimit.default,
    );
    if (!limited.allowed) {
      throw new ToolError(ErrorCode.RateLimited, `Rate limit for ${resource.def.name} reached.`, {
        retryAfterSeconds: limited.retryAfterSeconds,
      });
    }
    audit.decision = 'allowed';
    audit.outcome = 'error';
    const content = await runWithDeadline(gate.defaultTimeoutMs, signal, (s) =>
      resource.def.read(variables, { identity, signal: s }),
    );
    let result: ReadResourceResultWire;
    if ('text' in content) {
      let text = gate.redactor.redactText(content.text, audit.redactions);
      if (resource.def.untrusted) text = fenceUntrusted(text, uri);
      const budget = gate.outputBudgetBytes;
      if (Buffer.byteLength(text, 'utf8') > budget) {
        const cut = text.length - budget;
        text = `${text.slice(0, budget)}\n[Output budget: ${cut} characters cut. Use the server's tools to read the rest by section or range.]`;
      }
      const mimeType = content.mimeType ?? resource.def.mimeType;
      result = { contents: [{ uri, ...(mimeType ? { mimeType } : {}), text }] };
      audit.outputBytes = Buffer.byteLength(text, 'utf8');
    } else {
      const blob = Buffer.from(content.blob).toString('base64');
      result = { contents: [{ uri, mimeType: content.mimeType, blob }] };
      audit.outputBytes = content.blob.byteLength;
    }
    audit.outcome = 'ok';
    await audit.write();
    return { kind: 'result', result };
  } catch (error) {
    const reference = randomUUID();
    const toolError = asToolError(error, reference);
    if (!isToolError(error))
      gate.logger.error({ reference, uri, err: String(error) }, 'resource read failed');
    audit.code = toolError.code;
    if (toolError.code === ErrorCode.Timeout) audit.outcome = 'timeout';
    await audit
      .write()
      .catch((e: unknown) => gate.logger.error({ err: e }, 'audit record could not be written'));
    return protocolFailure(new ToolError(toolError.code, gate.redactor.redactText(toolError.message, {})));
  }
}
