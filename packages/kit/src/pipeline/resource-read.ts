import { ErrorCode, ToolError } from '../errors.ts';
import type { Identity } from '../identity.ts';
import { findResource } from '../inventory.ts';
import { fenceUntrusted } from '../redact/index.ts';
import { AuditDraft } from './audit-record.ts';
import { runWithDeadline } from './deadline.ts';
import type { Gate } from './gate.ts';
import type { ProtocolFailure } from './protocol-failure.ts';
import { RunTimeTargets } from './run-time-targets.ts';
import { enforceRateLimit, ensureAuditable, failAsProtocolError } from './steps.ts';

export interface ReadResourceResultWire {
  contents: (
    | { uri: string; mimeType?: string; text: string }
    | { uri: string; mimeType: string; blob: string }
  )[];
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
    const request = {
      identity,
      kind: 'resource' as const,
      name: resource.def.name,
      scopes: resource.def.scopes,
      access: 'read' as const,
    };
    const decision = gate.authorize({ ...request, target });
    if (!decision.allowed) throw new ToolError(ErrorCode.Forbidden, decision.reason);
    await enforceRateLimit(gate, identity.actor, resource.def.name);
    audit.decision = 'allowed';
    ensureAuditable(gate, 'read');
    audit.outcome = 'error';
    // Reads need no approval, so no target is waiting for one.
    const runTimeTargets = new RunTimeTargets(gate, request, audit, false);
    const content = await runTimeTargets.settle(
      runWithDeadline(gate.defaultTimeoutMs, signal, (s) =>
        resource.def.read(variables, { identity, signal: s, ...runTimeTargets.checks }),
      ),
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
    return failAsProtocolError(gate, audit, error, { uri });
  }
}
