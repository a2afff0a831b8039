import { grantKey, type Identity } from '../identity.ts';
import type { Gate } from '../pipeline/gate.ts';

/**
 * tools/list, resources/list and prompts/list show a caller only what the policy lets it use: every listed
 * tool costs tokens in every conversation, and a tool the caller may not call is noise (and a map of the
 * system). Cached per distinct set of roles and scopes.
 */
export interface Lists {
  tools(identity: Identity): readonly Record<string, unknown>[];
  resources(identity: Identity): readonly Record<string, unknown>[];
  resourceTemplates(identity: Identity): readonly Record<string, unknown>[];
  prompts(identity: Identity): readonly Record<string, unknown>[];
}

export function createLists(gate: Gate): Lists {
  const inv = gate.inventory;
  const cache = new Map<
    string,
    {
      tools: Record<string, unknown>[];
      resources: Record<string, unknown>[];
      templates: Record<string, unknown>[];
      prompts: Record<string, unknown>[];
    }
  >();
  const allowed = (
    identity: Identity,
    kind: 'tool' | 'resource' | 'prompt',
    name: string,
    scopes: readonly string[],
  ) => gate.authorize({ identity, kind, name, scopes, target: undefined }).allowed;
  const forIdentity = (identity: Identity) => {
    const key = grantKey(identity);
    let entry = cache.get(key);
    if (!entry) {
      entry = {
        tools: [...inv.tools.values()]
          .filter((t) => allowed(identity, 'tool', t.def.name, t.def.scopes))
          .map((t) => t.wire),
        resources: inv.resources
          .filter((r) => !r.template && allowed(identity, 'resource', r.def.name, r.def.scopes))
          .map((r) => r.wire),
        templates: inv.resources
          .filter((r) => r.template && allowed(identity, 'resource', r.def.name, r.def.scopes))
          .map((r) => r.wire),
        prompts: [...inv.prompts.values()]
          .filter((p) => allowed(identity, 'prompt', p.def.name, p.def.scopes))
          .map((p) => p.wire),
      };
      if (cache.size > 1000) cache.clear();
      cache.set(key, entry);
    }
    return entry;
  };
  return {
    tools: (identity) => forIdentity(identity).tools,
    resources: (identity) => forIdentity(identity).resources,
    resourceTemplates: (identity) => forIdentity(identity).templates,
    prompts: (identity) => forIdentity(identity).prompts,
  };
}
