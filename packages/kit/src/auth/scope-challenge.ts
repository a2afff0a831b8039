import { findTool } from '../contracts/inventory.ts';
import type { Identity } from '../identity.ts';
import { AuditDraft } from '../pipeline/audit-record.ts';
import type { Gate } from '../pipeline/gate.ts';

export interface ScopeShortfall {
  readonly tool: string;
  /** Every scope the tool needs: what the client should ask the authorization server for. */
  readonly needed: readonly string[];
  readonly missing: readonly string[];
}

/**
 * For one `tools/call` by an OAuth caller: the scopes the tool needs that the token lacks, decided by the same
 * policy (and cache) the pipeline's authorize step uses. Only a refusal that a token with more scopes would fix
 * counts: the caller's roles must allow the tool with every scope it needs. Any other refusal (no role, a scope
 * no role grants, target not allowed) is left to the pipeline, because asking the authorization server for more
 * scopes would not fix it.
 */
export function scopeShortfall(gate: Gate, identity: Identity, body: unknown): ScopeShortfall | undefined {
  if (identity.via !== 'oauth' || body === null || typeof body !== 'object' || Array.isArray(body)) return;
  const message = body as { method?: unknown; params?: { name?: unknown } };
  if (message.method !== 'tools/call' || typeof message.params?.name !== 'string') return;
  const tool = findTool(gate.inventory, message.params.name);
  if (!tool) return;
  const { def } = tool;
  const decide = (who: Identity) =>
    gate.authorize({
      identity: who,
      kind: 'tool',
      name: def.name,
      scopes: def.scopes,
      access: def.access,
      target: undefined,
    });
  const decision = decide(identity);
  if (decision.allowed || !decision.missingScopes?.length) return;
  // Without the token's ceiling, the roles alone must allow the call: otherwise a new token would not help.
  const { scopeCeiling: _ceiling, ...rolesOnly } = identity;
  if (!decide(rolesOnly).allowed) return;
  return { tool: tool.def.name, needed: tool.def.scopes, missing: decision.missingScopes };
}

/** The audit record of a call refused for want of scopes: the same record the pipeline writes for a denial. */
export async function auditScopeRefusal(
  gate: Gate,
  identity: Identity,
  shortfall: ScopeShortfall,
): Promise<void> {
  const tool = findTool(gate.inventory, shortfall.tool);
  const audit = new AuditDraft(gate, identity, 'tool', shortfall.tool);
  audit.version = tool?.def.version ?? '';
  if (tool) audit.access = tool.def.access;
  audit.code = 'insufficient_scope';
  await audit
    .write()
    .catch((error: unknown) => gate.logger.error({ err: error }, 'audit record could not be written'));
}
