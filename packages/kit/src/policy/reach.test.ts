import { describe, expect, it } from 'vitest';
import { notesServer } from '../../example/notes-server.ts';
import { buildInventory } from '../contracts/inventory.ts';
import type { Identity } from '../identity.ts';
import { parsePolicy } from './policy.ts';
import { unreachableToolWarnings } from './reach.ts';

const inventory = buildInventory(notesServer());
const policy = parsePolicy(
  `roles:
  reader: { scopes: [notes:read], tools: ["*"], targets: ["**"] }
  auditor: { scopes: [audit:read], tools: ["*"], targets: ["**"] }
actors:
  carol: { roles: [reader] }
`,
  'policy.yaml',
);
const who = (actor: string, roles: string[], scopes: string[] = []): Identity => ({
  actor,
  roles,
  scopes,
  via: 'api-key',
});

describe('unreachableToolWarnings', () => {
  it('says nothing of identities that reach a tool (by role, by actor entry or by their own scopes)', () => {
    expect(
      unreachableToolWarnings(
        inventory,
        policy,
        [
          { setting: 'GATEHOUSE_STDIO_ROLES', identity: who('dana', ['reader']) },
          { setting: 'GATEHOUSE_API_KEYS[0]', identity: who('carol', []) },
        ],
        'policy.yaml',
      ),
    ).toEqual([]);
  });

  it('names the setting, the undefined role and the roles the policy defines', () => {
    const [warning, ...rest] = unreachableToolWarnings(
      inventory,
      policy,
      [{ setting: 'GATEHOUSE_STDIO_ROLES', identity: who('dana', ['local']) }],
      '/srv/policy.yaml',
    );
    expect(rest).toEqual([]);
    expect(warning).toBe(
      'GATEHOUSE_STDIO_ROLES (actor dana, roles local) reaches no tool of this server: role "local" is not defined in the policy /srv/policy.yaml (it defines reader, auditor); give the identity one of those roles, or define the role there',
    );
  });

  it('explains a defined role that allows nothing with the policy’s own reason', () => {
    const warnings = unreachableToolWarnings(
      inventory,
      policy,
      [
        { setting: 'GATEHOUSE_API_KEYS[0]', identity: who('erin', ['reader']) },
        { setting: 'GATEHOUSE_API_KEYS[1]', identity: who('frank', ['auditor', 'gone']) },
      ],
      'policy.yaml',
    );
    expect(warnings).toEqual([
      'GATEHOUSE_API_KEYS[1] (actor frank, roles auditor, gone) reaches no tool of this server: in the policy policy.yaml, actor frank is missing scope notes:read for tool list_notes',
    ]);
  });

  it('warns of an identity with no roles at all', () => {
    const [warning] = unreachableToolWarnings(
      inventory,
      policy,
      [{ setting: 'GATEHOUSE_API_KEYS[3]', identity: who('gus', []) }],
      'policy.yaml',
    );
    expect(warning).toContain('GATEHOUSE_API_KEYS[3] (actor gus, roles (none)) reaches no tool');
    expect(warning).toContain('actor gus has no roles in the policy');
  });

  it('has nothing to say for a server without tools', () => {
    const empty = buildInventory({ name: 'empty', version: '1.0.0', tools: [] });
    expect(
      unreachableToolWarnings(empty, policy, [{ setting: 'x', identity: who('h', ['local']) }], 'p'),
    ).toEqual([]);
  });
});
