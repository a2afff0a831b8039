import { ErrorCode, ToolError } from '../errors.ts';
import type { Identity } from '../identity.ts';
import { AuditDraft } from './audit-record.ts';
import { runWithDeadline } from './deadline.ts';
import type { Gate } from './gate.ts';
import type { ProtocolFailure } from './protocol-failure.ts';
import { RunTimeTargets } from './run-time-targets.ts';
import { enforceRateLimit, ensureAuditable, failAsProtocolError } from './steps.ts';
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
    const toolLevel = gate.authorize({ ...request, target: undefined });
    if (!toolLevel.allowed) throw new ToolError(ErrorCode.Forbidden, toolLevel.reason);
    const parsed = def.args.safeParse(args ?? {});
    if (!parsed.success) throw new ToolError(ErrorCode.InvalidInput, describeZodError(name, parsed.error));
    const target = def.target(parsed.data);
    audit.target = target;
    const decision = gate.authorize({ ...request, target });
    if (!decision.allowed) throw new ToolError(ErrorCode.Forbidden, decision.reason);
    await enforceRateLimit(gate, identity.actor, name);
    audit.decision = 'allowed';
    ensureAuditable(gate, 'read');
    audit.outcome = 'error';
    // Reads need no approval, so no target is waiting for one.
    const runTimeTargets = new RunTimeTargets(gate, request, audit, false);
    const messages = await runTimeTargets.settle(
      runWithDeadline(gate.defaultTimeoutMs, signal, (s) =>
        def.render(parsed.data, { identity, signal: s, ...runTimeTargets.checks }),
      ),
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
    return failAsProtocolError(gate, audit, error, { prompt: name });
  }
}
