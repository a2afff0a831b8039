import { randomUUID } from 'node:crypto';
import { ErrorCode, isToolError, ToolError } from '../errors.ts';
import type { Identity } from '../identity.ts';
import { authorize } from '../policy.ts';
import { rateLimitKey } from '../rate-limit.ts';
import { AuditDraft } from './audit-record.ts';
import { runWithDeadline } from './deadline.ts';
import type { Gate } from './gate.ts';
import { type ProtocolFailure, protocolFailure } from './resource-read.ts';
import { asToolError } from './results.ts';
import { describeZodError } from './validation.ts';

export interface GetPromptResultWire {
  description: string;
  messages: { role: 'user' | 'assistant'; content: { type: 'text'; text: string } }[];
}

/** prompts/get through the same steps: authorize, validate, rate limit, render, redact, audit. */
export async function getPrompt(
  gate: Gate,
  name: string,
  args: unknown,
  identity: Identity,
  signal: AbortSignal | undefined,
): Promise<{ kind: 'result'; result: GetPromptResultWire } | ProtocolFailure> {
  const prompt = gate.inventory.prompts.get(name);
  const audit = new AuditDraft(gate, identity, 'prompt', name);
  try {
    if (!prompt) throw new ToolError(ErrorCode.UnknownPrompt, `Unknown prompt: ${name}`);
    const def = prompt.def;
    audit.version = def.version;
    audit.access = 'read';
    const request = { identity, kind: 'prompt' as const, name, scopes: def.scopes, access: 'read' as const };
    const toolLevel = authorize(gate.policy, { ...request, target: undefined });
    if (!toolLevel.allowed) throw new ToolError(ErrorCode.Forbidden, toolLevel.reason);
    const parsed = def.args.safeParse(args ?? {});
    if (!parsed.success) throw new ToolError(ErrorCode.InvalidInput, describeZodError(name, parsed.error));
    const target = def.target(parsed.data);
    audit.target = target;
    const decision = authorize(gate.policy, { ...request, target });
    if (!decision.allowed) throw new ToolError(ErrorCode.Forbidden, decision.reason);
    const limited = await gate.rateLimiter.take(rateLimitKey(identity.actor, name), gate.rateLimit.default);
    if (!limited.allowed) {
      throw new ToolError(ErrorCode.RateLimited, `Rate limit for ${name} reached.`, {
        retryAfterSeconds: limited.retryAfterSeconds,
      });
    }
    audit.decision = 'allowed';
    audit.outcome = 'error';
    const messages = await runWithDeadline(gate.defaultTimeoutMs, signal, (s) =>
      def.render(parsed.data, { identity, signal: s }),
    );
    const result: GetPromptResultWire = {
      description: def.description,
      messages: messages.map((m) => ({
        role: m.role,
        content: { type: 'text', text: gate.redactor.redactText(m.text, audit.redactions) },
      })),
    };
    audit.outcome = 'ok';
    audit.outputBytes = result.messages.reduce((n, m) => n + Buffer.byteLength(m.content.text, 'utf8'), 0);
    await audit.write();
    return { kind: 'result', result };
  } catch (error) {
    const reference = randomUUID();
    const toolError = asToolError(error, reference);
    if (!isToolError(error))
      gate.logger.error({ reference, prompt: name, err: String(error) }, 'prompt failed');
    audit.code = toolError.code;
    if (toolError.code === ErrorCode.Timeout) audit.outcome = 'timeout';
    await audit
      .write()
      .catch((e: unknown) => gate.logger.error({ err: e }, 'audit record could not be written'));
    return protocolFailure(new ToolError(toolError.code, gate.redactor.redactText(toolError.message, {})));
  }
}
