import type { Inventory } from '../contracts/inventory.ts';
import type { Identity } from '../identity.ts';
import { authorize, type Policy } from './policy.ts';

/** An identity the operator configured, and the setting it comes from (named in the warning). */
export interface ConfiguredIdentity {
  /** e.g. `GATEHOUSE_API_KEYS[2]`, `GATEHOUSE_STDIO_ROLES`. */
  readonly setting: string;
  readonly identity: Identity;
}

/**
 * One warning per configured identity that can use none of the server's tools: a policy whose roles are named
 * differently from the keys' (a key with role `local` against a policy of `reader`/`writer`) would otherwise start
 * a server that lists zero tools and says nothing. Each warning names the setting, the policy file and why.
 */
export function unreachableToolWarnings(
  inventory: Inventory,
  policy: Policy,
  identities: readonly ConfiguredIdentity[],
  policySource: string,
): string[] {
  const tools = [...inventory.tools.values()];
  if (tools.length === 0) return [];
  const warnings: string[] = [];
  for (const { setting, identity } of identities) {
    const reasons = tools.map(({ def }) =>
      authorize(policy, {
        identity,
        kind: 'tool',
        name: def.name,
        scopes: def.scopes,
        target: undefined,
        access: def.access,
      }),
    );
    if (reasons.some((decision) => decision.allowed)) continue;
    const who = `${setting} (actor ${identity.actor}, roles ${list(identity.roles)})`;
    warnings.push(`${who} reaches no tool of this server: ${why(policy, identity, policySource, reasons)}`);
  }
  return warnings;
}

function why(
  policy: Policy,
  identity: Identity,
  policySource: string,
  decisions: ReturnType<typeof authorize>[],
): string {
  const defined = Object.keys(policy.roles);
  const undefinedRoles = identity.roles.filter((role) => !Object.hasOwn(policy.roles, role));
  if (undefinedRoles.length > 0 && undefinedRoles.length === identity.roles.length) {
    const noun = undefinedRoles.length === 1 ? 'role' : 'roles';
    return (
      `${noun} ${undefinedRoles.map((r) => JSON.stringify(r)).join(', ')} ${undefinedRoles.length === 1 ? 'is' : 'are'} not defined in the policy ${policySource}` +
      ` (it defines ${defined.length === 0 ? 'no roles' : list(defined)}); give the identity one of those roles, or define the role there`
    );
  }
  const first = decisions.find((d) => !d.allowed);
  const reason = first && !first.allowed ? first.reason : 'no role allows any tool';
  return `in the policy ${policySource}, ${reason}`;
}

const list = (names: readonly string[]) => (names.length === 0 ? '(none)' : names.join(', '));
