import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors.ts';
import type { Identity } from '../identity.ts';
import {
  type AuthorizeRequest,
  authorize,
  loadPolicyFile,
  type Policy,
  PolicySchema,
  parsePolicy,
  withBoundaries,
} from './policy.ts';

const POLICY = `
roles:
  reader:
    scopes: [db:read, docs:read]
    tools: ["*"]
    targets: ["table:public.*", "docs:handbook/**"]
  migrator:
    scopes: [db:read, db:write]
    tools: [run_migration]
    targets: ["table:public.*"]
  janitor:
    scopes: [db:write]
    tools: [vacuum_table]
    targets: ["table:**"]
    approvals: not_required
actors:
  alice@example.com: { roles: [reader, migrator] }
  "svc-*": { roles: [reader] }
  bob@example.com: { roles: [janitor] }
`;

const identity = (actor: string, extra: Partial<Identity> = {}): Identity => ({
  actor,
  roles: [],
  scopes: [],
  via: 'api-key',
  ...extra,
});

const call = (overrides: Partial<AuthorizeRequest> & { identity: Identity }): AuthorizeRequest => ({
  kind: 'tool',
  name: 'query',
  scopes: ['db:read'],
  target: 'table:public.orders',
  access: 'read',
  ...overrides,
});

const problemsOf = (fn: () => unknown): readonly string[] => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
};

describe('parsePolicy', () => {
  it('parses YAML and applies defaults', () => {
    const policy = parsePolicy(POLICY, 'policy.yaml');
    expect(policy.roles.reader?.tools).toEqual(['*']);
    expect(policy.roles.migrator?.approvals).toBeUndefined();
    expect(policy.roles.janitor?.approvals).toBe('not_required');
    expect(policy.defaults.roles).toEqual([]);
    expect(policy.actors['svc-*']?.roles).toEqual(['reader']);
  });

  it('parses JSON', () => {
    const policy = parsePolicy(
      JSON.stringify({ roles: { r: { tools: ['a'] } }, actors: { x: { roles: ['r'] } } }),
      'policy.json',
    );
    expect(policy.roles.r).toEqual({ scopes: [], tools: ['a'], targets: [] });
  });

  it('names the key path of a wrong type', () => {
    const problems = problemsOf(() => parsePolicy('roles:\n  reader:\n    tools: run_migration\n', 'p.yaml'));
    expect(problems).toEqual(['roles.reader.tools: expected an array of strings']);
  });

  it('names array elements and quoted keys', () => {
    const problems = problemsOf(() =>
      parsePolicy('roles:\n  r:\n    scopes: [a, 3]\nactors:\n  alice@example.com: { roles: r }\n', 'p.yaml'),
    );
    expect(problems).toContain('roles.r.scopes[1]: expected a string');
    expect(problems).toContain('actors["alice@example.com"].roles: expected an array of strings');
  });

  it('reports unknown keys with a suggestion', () => {
    const problems = problemsOf(() => parsePolicy('roles:\n  r:\n    tool: [a]\nactor: {}\n', 'p.yaml'));
    expect(problems).toContain('roles.r: unknown key "tool" (did you mean "tools"?)');
    expect(problems).toContain('unknown key "actor" (did you mean "actors"?)');
  });

  it('reports an invalid approvals value', () => {
    const problems = problemsOf(() => parsePolicy('roles:\n  r:\n    approvals: never\n', 'p.yaml'));
    expect(problems).toEqual([
      'roles.r.approvals: expected "out_of_band", "in_band", "not_required" or "required" (the same as out_of_band)',
    ]);
  });

  it('reports roles that actors and defaults reference but nobody defines', () => {
    const problems = problemsOf(() =>
      parsePolicy(
        'roles:\n  reader: {}\nactors:\n  alice: { roles: [reader, reder] }\ndefaults:\n  roles: [admin]\n',
        'p.yaml',
      ),
    );
    expect(problems).toEqual([
      'actors.alice.roles[1]: role "reder" is not defined under roles (did you mean "reader"?)',
      'defaults.roles[0]: role "admin" is not defined under roles',
    ]);
  });

  it('rejects a target pattern that can match no kind:name target', () => {
    const problems = problemsOf(() =>
      parsePolicy('roles:\n  r:\n    targets: ["*", "**", "docs:*"]\n', 'p.yaml'),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^roles\.r\.targets\[0\]: "\*" matches no target/);
  });

  it('reports YAML syntax errors, duplicate keys and empty documents', () => {
    expect(problemsOf(() => parsePolicy('roles:\n  a: {}\n  a: {}\n', 'p.yaml'))[0]).toMatch(
      /unique.*line 3/,
    );
    expect(problemsOf(() => parsePolicy('roles: [1, 2\n', 'p.yaml'))[0]).toMatch(/line/);
    expect(problemsOf(() => parsePolicy('# nothing\n', 'p.yaml'))[0]).toMatch(/empty/);
  });

  it('names the source in the error heading', () => {
    expect(() => parsePolicy('roles: 3', 'conf/policy.yaml')).toThrow(/Invalid policy in conf\/policy\.yaml/);
  });
});

describe('loadPolicyFile', () => {
  it('loads a file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'policy-'));
    const path = join(dir, 'policy.yaml');
    await writeFile(path, POLICY);
    const policy = await loadPolicyFile(path);
    expect(Object.keys(policy.roles)).toEqual(['reader', 'migrator', 'janitor']);
  });

  it('names a missing file', async () => {
    const path = join(tmpdir(), 'does-not-exist', 'policy.yaml');
    const error = await loadPolicyFile(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([`${path}: cannot read the policy file (no such file)`]);
  });
});

describe('authorize', () => {
  const policy = parsePolicy(POLICY, 'policy.yaml');
  const alice = identity('alice@example.com');

  it('allows a read within a role and needs no approval', () => {
    expect(authorize(policy, call({ identity: alice }))).toEqual({
      allowed: true,
      approvalRequired: false,
      approvalMode: 'out_of_band',
      roles: ['reader'],
    });
  });

  it('denies by default: an unknown actor has no roles', () => {
    const decision = authorize(policy, call({ identity: identity('mallory') }));
    expect(decision).toMatchObject({ allowed: false, code: 'forbidden' });
    expect(decision.allowed === false && decision.reason).toBe(
      'actor mallory has no roles in the policy (access is denied by default)',
    );
  });

  it('names a tool no role allows', () => {
    const decision = authorize(policy, call({ identity: identity('bob@example.com'), name: 'drop_table' }));
    expect(decision).toEqual({
      allowed: false,
      code: 'forbidden',
      reason: 'no role of bob@example.com allows tool drop_table (roles: janitor)',
    });
  });

  it('names a target outside every allowlist of the roles that allow the tool', () => {
    const decision = authorize(policy, call({ identity: alice, target: 'table:secret.salaries' }));
    expect(decision).toEqual({
      allowed: false,
      code: 'forbidden',
      reason: "target table:secret.salaries is not in any allowlist of alice@example.com's roles (reader)",
      target: 'table:secret.salaries',
    });
  });

  it('names the missing scopes', () => {
    const decision = authorize(
      policy,
      call({
        identity: identity('svc-ci'),
        name: 'run_migration',
        scopes: ['db:read', 'db:write', 'db:admin'],
      }),
    );
    expect(decision).toEqual({
      allowed: false,
      code: 'forbidden',
      reason: 'actor svc-ci is missing scopes db:write, db:admin for tool run_migration',
      missingScopes: ['db:write', 'db:admin'],
    });
  });

  it('takes scopes only from roles that match both name and target', () => {
    // migrator grants db:write but only for run_migration; reader matches the tool but lacks the scope.
    const decision = authorize(policy, call({ identity: alice, name: 'insert_row', scopes: ['db:write'] }));
    expect(decision).toMatchObject({ allowed: false, missingScopes: ['db:write'] });
  });

  it('limits the roles scopes to a scope ceiling (an access token: roles intersected with the token)', () => {
    const token = (scopeCeiling: string[]) => identity('svc-ci', { via: 'oauth', scopeCeiling });
    expect(authorize(policy, call({ identity: token([]) }))).toMatchObject({
      allowed: false,
      missingScopes: ['db:read'],
    });
    expect(authorize(policy, call({ identity: token(['db:read']) }))).toMatchObject({ allowed: true });
    // The token carries db:write, but no role of svc-ci grants it.
    expect(
      authorize(policy, call({ identity: token(['db:read', 'db:write']), scopes: ['db:write'] })),
    ).toMatchObject({ allowed: false, missingScopes: ['db:write'] });
  });

  it('adds the identity scopes to the roles scopes', () => {
    const withScope = identity('svc-ci', { scopes: ['db:write'] });
    const decision = authorize(
      policy,
      call({ identity: withScope, name: 'insert_row', scopes: ['db:write'] }),
    );
    expect(decision).toMatchObject({ allowed: true, roles: ['reader'] });
  });

  it('combines the roles of matching actor entries, identity roles and default roles', () => {
    const withDefaults = parsePolicy(`${POLICY}defaults:\n  roles: [janitor]\n`, 'p.yaml');
    const viaDefault = authorize(
      withDefaults,
      call({ identity: identity('nobody'), name: 'vacuum_table', scopes: ['db:write'], access: 'write' }),
    );
    expect(viaDefault).toEqual({
      allowed: true,
      approvalRequired: false,
      approvalMode: 'out_of_band',
      roles: ['janitor'],
    });
    const viaIdentity = authorize(
      policy,
      call({ identity: identity('nobody', { roles: ['reader', 'no-such-role'] }) }),
    );
    expect(viaIdentity).toMatchObject({ allowed: true, roles: ['reader'] });
  });

  it('requires approval for writes unless every allowing role waives it', () => {
    const migration = call({
      identity: alice,
      name: 'run_migration',
      scopes: ['db:write'],
      access: 'destructive',
    });
    expect(authorize(policy, migration)).toEqual({
      allowed: true,
      approvalRequired: true,
      approvalMode: 'out_of_band',
      roles: ['reader', 'migrator'],
    });

    const bob = identity('bob@example.com');
    const vacuum = call({ identity: bob, name: 'vacuum_table', scopes: ['db:write'], access: 'write' });
    expect(authorize(policy, vacuum)).toMatchObject({ allowed: true, approvalRequired: false });

    // One allowing role that does not waive approval is enough to require it.
    const both = identity('bob@example.com', { roles: ['reader'] });
    expect(authorize(policy, { ...vacuum, identity: both, scopes: ['db:read'] })).toMatchObject({
      allowed: true,
      approvalRequired: true,
      roles: ['janitor', 'reader'],
    });
  });

  it('approves out of band unless every role that requires approval says in_band', () => {
    const modes = parsePolicy(
      `roles:
  asker: { scopes: [w], tools: ["*"], targets: ["**"], approvals: in_band }
  strict: { scopes: [w], tools: ["*"], targets: ["**"], approvals: out_of_band }
  legacy: { scopes: [w], tools: ["*"], targets: ["**"], approvals: required }
  plain: { scopes: [w], tools: ["*"], targets: ["**"] }
  free: { scopes: [w], tools: ["*"], targets: ["**"], approvals: not_required }
`,
      'p.yaml',
    );
    const write = (roles: string[]) =>
      authorize(modes, call({ identity: identity('x', { roles }), scopes: ['w'], access: 'write' }));
    expect(write(['asker'])).toMatchObject({ approvalRequired: true, approvalMode: 'in_band' });
    expect(write(['asker', 'free'])).toMatchObject({ approvalRequired: true, approvalMode: 'in_band' });
    expect(write(['plain'])).toMatchObject({ approvalRequired: true, approvalMode: 'out_of_band' });
    expect(write(['legacy'])).toMatchObject({ approvalRequired: true, approvalMode: 'out_of_band' });
    // One role that wants a person out of band is enough: the stricter mode wins.
    expect(write(['asker', 'strict'])).toMatchObject({ approvalMode: 'out_of_band' });
    expect(write(['asker', 'plain'])).toMatchObject({ approvalMode: 'out_of_band' });
    expect(write(['free'])).toMatchObject({ approvalRequired: false });
  });

  it('checks only name and scopes when the target is not known yet', () => {
    const decision = authorize(policy, call({ identity: alice, name: 'run_migration', target: undefined }));
    expect(decision).toMatchObject({ allowed: true, roles: ['reader', 'migrator'] });
    expect(
      authorize(policy, call({ identity: identity('bob@example.com'), target: undefined })).allowed,
    ).toBe(false);
  });

  it('lets resources and prompts fall back to tool globs unless the role lists them', () => {
    const p = parsePolicy(
      'roles:\n  r:\n    tools: [search]\n    prompts: [summarize]\n    targets: ["**"]\nactors:\n  a: { roles: [r] }\n',
      'p.yaml',
    );
    const a = identity('a');
    const base = { identity: a, scopes: [], target: 'docs:x' };
    expect(authorize(p, { ...base, kind: 'resource', name: 'search' }).allowed).toBe(true);
    expect(authorize(p, { ...base, kind: 'prompt', name: 'search' })).toMatchObject({
      allowed: false,
      reason: 'no role of a allows prompt search (roles: r)',
    });
    expect(authorize(p, { ...base, kind: 'prompt', name: 'summarize' }).allowed).toBe(true);
  });

  it('caches compiled matchers per policy object', () => {
    const p = PolicySchema.parse({
      roles: { r: { tools: ['*'], targets: ['**'] } },
      actors: { a: { roles: ['r'] } },
    });
    expect(authorize(p, call({ identity: identity('a'), scopes: [] })).allowed).toBe(true);
    // The policy is treated as immutable: a later mutation does not reach the cached matchers.
    (p.actors as Record<string, { roles: string[] }>).b = { roles: ['r'] };
    expect(authorize(p, call({ identity: identity('b'), scopes: [] })).allowed).toBe(false);
  });
});

describe('server boundaries', () => {
  const bounded = parsePolicy(
    `${POLICY}boundaries:
  - allow: ["table:public.*", "docs:**"]
  - setting: no-audit-tables
    deny: ["table:public.audit_*"]
`,
    'policy.yaml',
  );
  const alice = identity('alice@example.com');

  it('refuses a target outside a boundary whatever the roles allow, naming the boundary', () => {
    // janitor allows table:** but the first boundary admits only table:public.*.
    const vacuum = call({
      identity: identity('bob@example.com'),
      name: 'vacuum_table',
      scopes: ['db:write'],
    });
    expect(authorize(bounded, { ...vacuum, target: 'table:public.orders' }).allowed).toBe(true);
    expect(authorize(bounded, { ...vacuum, target: 'table:secret.salaries' })).toEqual({
      allowed: false,
      code: 'forbidden',
      reason:
        "target table:secret.salaries is outside this server's boundary: it is not in policy boundaries[0]",
      target: 'table:secret.salaries',
    });
    expect(authorize(bounded, call({ identity: alice, target: 'table:public.audit_log' }))).toEqual({
      allowed: false,
      code: 'forbidden',
      reason: "target table:public.audit_log is outside this server's boundary: no-audit-tables excludes it",
      target: 'table:public.audit_log',
    });
  });

  it('does not widen a role: a target inside the boundary still needs a role that allows it', () => {
    expect(authorize(bounded, call({ identity: alice, target: 'docs:secret/x' }))).toMatchObject({
      allowed: false,
      reason: expect.stringMatching(/not in any allowlist of alice@example.com's roles/),
    });
  });

  it("adds a server's own boundaries to the policy file's, checked the same way", () => {
    const both = withBoundaries(bounded, [
      { setting: 'GATEHOUSE_X_ALLOWLIST', allow: ['table:public.orders'] },
    ]);
    expect(authorize(both, call({ identity: alice, target: 'table:public.orders' })).allowed).toBe(true);
    expect(authorize(both, call({ identity: alice, target: 'table:public.users' }))).toMatchObject({
      allowed: false,
      reason:
        "target table:public.users is outside this server's boundary: it is not in GATEHOUSE_X_ALLOWLIST",
    });
    expect(withBoundaries(bounded, [])).toBe(bounded);
    expect(problemsOf(() => withBoundaries(bounded, [{ setting: 'GATEHOUSE_X', deny: ['orders'] }]))).toEqual(
      [
        'GATEHOUSE_X (deny[0]): "orders" matches no target: targets are kind:name (e.g. "table:public.*"); use "**" for every target',
      ],
    );
  });

  it('reports a boundary in the policy file that can match nothing, or has unknown keys', () => {
    const problems = problemsOf(() =>
      parsePolicy('boundaries:\n  - allow: [orders]\n  - deny: ["table:x"]\n    alow: []\n', 'p.yaml'),
    );
    expect(problems).toEqual([
      'boundaries[1]: unknown key "alow" (did you mean "allow"?)',
      'boundaries[0].allow[0]: "orders" matches no target: targets are kind:name (e.g. "table:public.*"); use "**" for every target',
    ]);
  });
});

describe('glob semantics', () => {
  const allows = (targets: string[], target: string): boolean => {
    const p: Policy = PolicySchema.parse({
      roles: { r: { tools: ['*'], targets } },
      actors: { a: { roles: ['r'] } },
    });
    return authorize(p, call({ identity: identity('a'), scopes: [], target })).allowed;
  };

  it.each([
    [['table:public.*'], 'table:public.orders', true],
    [['table:public.*'], 'table:secret.orders', false],
    [['table:public.*'], 'table:PUBLIC.orders', false],
    [['table:*'], 'table:public.orders', true],
    [['table:*'], 'docs:public', false],
    [['docs:**'], 'docs:handbook/a/b.md', true],
    [['docs:*'], 'docs:handbook/a.md', false],
    [['docs:handbook/**'], 'docs:handbook/a/b.md', true],
    [['docs:handbook/**'], 'docs:handbook', true],
    [['docs:handbook/**'], 'docs:handbook/.private/x.md', true],
    [['docs:handbook/**'], 'docs:handbook/../secret/x.md', false],
    [['docs:handbook/**'], 'docs:handbooks/x.md', false],
    [['docs:handbook/*'], 'docs:handbook/a/b.md', false],
    [['**'], 'docs:handbook/a/b.md', true],
    [['**'], 'table:public.orders', true],
    [['*:public.*'], 'view:public.totals', true],
    [['table:{public,app}.*'], 'table:app.users', true],
    [['!table:secret.*'], 'table:public.orders', false],
    [['table:public.orders'], 'table:public.orders', true],
    [['table:public.orders'], 'table:public.orders_archive', false],
  ])('%j allows %s: %s', (targets, target, expected) => {
    expect(allows(targets, target)).toBe(expected);
  });

  it('matches actor globs and exact actor ids', () => {
    const policy = parsePolicy(POLICY, 'p.yaml');
    expect(authorize(policy, call({ identity: identity('svc-ci') })).allowed).toBe(true);
    expect(authorize(policy, call({ identity: identity('svc') })).allowed).toBe(false);
    expect(authorize(policy, call({ identity: identity('xalice@example.com') })).allowed).toBe(false);
  });
});
