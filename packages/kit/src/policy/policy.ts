import { readFile } from 'node:fs/promises';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { closestMatch } from '../config/closest-match.ts';
import type { Access } from '../contracts/define.ts';
import { ConfigError } from '../errors.ts';
import type { Identity } from '../identity.ts';
import { type Boundary, boundaryProblems, boundaryRefusal } from './boundaries.ts';
import {
  compileGlobs,
  isLiteral,
  type Matcher,
  picomatchCompile,
  targetGlobProblem,
  targetSegments,
} from './target-globs.ts';

// Glob semantics (tool names, actor ids, targets): see target-globs.ts.

const stringList = z.array(z.string({ error: 'expected a string' }).min(1, { error: 'must not be empty' }), {
  error: 'expected an array of strings',
});

/** A strict object whose unknown keys are reported with a "did you mean" hint. */
function strictObject<T extends z.core.$ZodLooseShape>(shape: T, what: string) {
  const known = Object.keys(shape);
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code === 'unrecognized_keys') {
        return issue.keys
          .map((key) => {
            const suggestion = closestMatch(key, known);
            return `unknown key ${JSON.stringify(key)}${suggestion === undefined ? '' : ` (did you mean ${JSON.stringify(suggestion)}?)`}`;
          })
          .join('; ');
      }
      if (issue.code === 'invalid_type') return `expected ${what} (keys: ${known.join(', ')})`;
      return undefined;
    },
  });
}

const RoleSchema = strictObject(
  {
    description: z.string({ error: 'expected a string' }).optional(),
    /** Scopes the role grants. */
    scopes: stringList.default([]),
    /** Tool-name globs the role may call (none by default). */
    tools: stringList.default([]),
    /** Resource-name globs; when absent, `tools` applies to resources too. */
    resources: stringList.optional(),
    /** Prompt-name globs; when absent, `tools` applies to prompts too. */
    prompts: stringList.optional(),
    /** Target globs (`kind:name`) the role may touch (none by default). */
    targets: stringList.default([]),
    /**
     * How write/destructive calls this role allows are approved. `out_of_band` (default; `required` is the same): a
     * person grants them through the CLI or the console, never the calling client. `in_band`: the client may ask
     * its user (elicitation, the 2026-07-28 input-required round trip), for tools that allow it (not destructive
     * ones, unless the tool says so). `not_required`: no approval.
     */
    approvals: z
      .enum(['required', 'out_of_band', 'in_band', 'not_required'], {
        error: 'expected "out_of_band", "in_band", "not_required" or "required" (the same as out_of_band)',
      })
      .optional(),
  },
  'a role',
);

const BoundarySchema = strictObject(
  {
    /** Named in refusals; default `policy boundaries[<index>]`. */
    setting: z.string({ error: 'expected a string' }).min(1, { error: 'must not be empty' }).optional(),
    within: stringList.optional(),
    allow: stringList.optional(),
    deny: stringList.optional(),
  },
  'a boundary',
);

const ActorSchema = strictObject({ roles: stringList.default([]) }, 'an actor entry');

export const PolicySchema = strictObject(
  {
    roles: z
      .record(z.string(), RoleSchema, { error: 'expected a mapping of role names to roles' })
      .default({}),
    /** Keys are actor ids or actor globs (`svc-*`). */
    actors: z
      .record(z.string(), ActorSchema, {
        error: 'expected a mapping of actor ids (or globs) to actor entries',
      })
      .default({}),
    /** Roles every authenticated actor gets; none by default, so access is denied by default. */
    defaults: strictObject({ roles: stringList.default([]) }, 'a defaults entry').default({ roles: [] }),
    /** Server-level boundaries every role is intersected with (see boundaries.ts). */
    boundaries: z
      .array(BoundarySchema, { error: 'expected a list of boundaries' })
      .default([])
      .transform((list): Boundary[] =>
        list.map((boundary, i) => ({ ...boundary, setting: boundary.setting ?? `policy boundaries[${i}]` })),
      ),
  },
  'a policy',
).superRefine((policy, ctx) => {
  const defined = Object.keys(policy.roles);
  const checkRoles = (roles: readonly string[], path: (string | number)[]) => {
    roles.forEach((role, i) => {
      if (Object.hasOwn(policy.roles, role)) return;
      const suggestion = closestMatch(role, defined);
      ctx.addIssue({
        code: 'custom',
        path: [...path, i],
        message:
          `role ${JSON.stringify(role)} is not defined under roles` +
          (suggestion === undefined ? '' : ` (did you mean ${JSON.stringify(suggestion)}?)`),
      });
    });
  };
  for (const [actor, entry] of Object.entries(policy.actors)) {
    checkRoles(entry.roles, ['actors', actor, 'roles']);
  }
  checkRoles(policy.defaults.roles, ['defaults', 'roles']);
  const checkTargets = (patterns: readonly string[] | undefined, path: (string | number)[]) => {
    patterns?.forEach((pattern, i) => {
      const message = targetGlobProblem(pattern);
      if (message !== undefined) ctx.addIssue({ code: 'custom', path: [...path, i], message });
    });
  };
  for (const [name, role] of Object.entries(policy.roles))
    checkTargets(role.targets, ['roles', name, 'targets']);
  policy.boundaries.forEach((boundary, i) => {
    for (const list of ['within', 'allow', 'deny'] as const)
      checkTargets(boundary[list], ['boundaries', i, list]);
  });
});

/** A parsed policy. Treat it as immutable: compiled matchers are cached per policy object. */
export type Policy = z.infer<typeof PolicySchema>;

/** Parses a policy document (YAML or JSON, which is YAML too); every problem names its key path. */
export function parsePolicy(text: string, sourceName: string): Policy {
  const heading = `Invalid policy in ${sourceName}`;
  const document = parseDocument(text);
  if (document.errors.length > 0) {
    throw new ConfigError(
      document.errors.map((e) => (e.message.split('\n')[0] ?? e.message).replace(/:$/, '')),
      heading,
    );
  }
  const value: unknown = document.toJS();
  if (value === null || value === undefined) {
    throw new ConfigError(
      ['the policy is empty: expected a mapping with roles, actors and defaults'],
      heading,
    );
  }
  const result = PolicySchema.safeParse(value);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) =>
        issue.path.length === 0 ? issue.message : `${formatPath(issue.path)}: ${issue.message}`,
      ),
      heading,
    );
  }
  try {
    compiled(result.data);
  } catch (error) {
    throw new ConfigError([`a glob pattern cannot be compiled: ${(error as Error).message}`], heading);
  }
  const boundaryIssues = boundaryProblems(result.data.boundaries);
  if (boundaryIssues.length > 0) throw new ConfigError(boundaryIssues, heading);
  return result.data;
}

/**
 * The policy with the server's own boundaries added (from its config: a repository allowlist, a database's
 * allow/deny lists). Every role is intersected with every boundary, the policy file's and these alike.
 */
export function withBoundaries(policy: Policy, boundaries: readonly Boundary[] | undefined): Policy {
  if (boundaries === undefined || boundaries.length === 0) return policy;
  const problems = boundaryProblems(boundaries);
  if (problems.length > 0) throw new ConfigError(problems, 'Invalid server boundary');
  return { ...policy, boundaries: [...policy.boundaries, ...boundaries] };
}

export async function loadPolicyFile(path: string): Promise<Policy> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(error);
    throw new ConfigError([`${path}: cannot read the policy file (${reason})`], 'Invalid policy');
  }
  return parsePolicy(text, path);
}

/** `roles.reader.tools[1]`, `actors["alice@example.com"].roles`. */
function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (typeof segment === 'string' && /^[A-Za-z_][\w-]*$/.test(segment))
      out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(String(segment))}]`;
  }
  return out;
}

// ---- authorization -------------------------------------------------------------------------------------

export interface AuthorizeRequest {
  readonly identity: Identity;
  readonly kind: 'tool' | 'resource' | 'prompt';
  readonly name: string;
  /** Every scope listed is required. */
  readonly scopes: readonly string[];
  /**
   * What the call touches (`kind:name`). Undefined asks only whether the name and scopes could be allowed
   * for some target: the pipeline's check before the arguments are known, and list filtering.
   */
  readonly target: string | undefined;
  /** Absent for resources and prompts, which only read. */
  readonly access?: Access;
}

/** Who may answer an approval question: only a person out of band (CLI, console), or the calling client too. */
export type ApprovalMode = 'in_band' | 'out_of_band';

export type Decision =
  | {
      allowed: true;
      approvalRequired: boolean;
      /** The roles' approval mode: `in_band` only when every role that requires approval says so. */
      approvalMode: ApprovalMode;
      roles: string[];
    }
  | { allowed: false; code: 'forbidden'; reason: string; missingScopes?: string[]; target?: string };

/**
 * Deny by default. The actor's roles are those of every matching actor entry, the identity's own roles and
 * the default roles (names the policy does not define are ignored). A call is allowed when at least one of
 * those roles matches both the name and the target, and the identity's scopes plus those roles' scopes
 * cover every required scope; for an access token (`identity.scopeCeiling`) each required scope must also be one
 * the token carries. A target must also lie inside every server boundary, whatever the roles say. The denial
 * reason names what is missing (for a boundary, the setting that draws it).
 */
export function authorize(policy: Policy, request: AuthorizeRequest): Decision {
  const policyMatchers = compiled(policy);
  const { identity, kind, name, target } = request;
  const actor = identity.actor;
  const roles = actorRoles(policyMatchers, identity);
  if (roles.length === 0) {
    return deny(`actor ${actor} has no roles in the policy (access is denied by default)`);
  }

  const byName = roles.filter((role) => role.names[kind](name));
  if (byName.length === 0) {
    return deny(`no role of ${actor} allows ${kind} ${name} (roles: ${roleNames(roles)})`);
  }

  if (target !== undefined) {
    const outside = boundaryRefusal(policy.boundaries, target);
    if (outside !== undefined) return { ...deny(outside), target };
  }

  const targetForMatch = target === undefined ? undefined : targetSegments(target);
  const byTarget =
    targetForMatch === undefined ? byName : byName.filter((role) => role.targets(targetForMatch));
  if (byTarget.length === 0) {
    return {
      ...deny(`target ${target} is not in any allowlist of ${actor}'s roles (${roleNames(byName)})`),
      target,
    };
  }

  const granted = new Set(identity.scopes);
  for (const role of byTarget) for (const scope of role.scopes) granted.add(scope);
  const ceiling = identity.scopeCeiling;
  const missingScopes = request.scopes.filter(
    (scope) => !granted.has(scope) || (ceiling !== undefined && !ceiling.includes(scope)),
  );
  if (missingScopes.length > 0) {
    const noun = missingScopes.length === 1 ? 'scope' : 'scopes';
    return {
      ...deny(`actor ${actor} is missing ${noun} ${missingScopes.join(', ')} for ${kind} ${name}`),
      missingScopes,
    };
  }

  const changesSomething = request.access === 'write' || request.access === 'destructive';
  const approving = byTarget.filter((role) => role.approvals !== 'not_required');
  return {
    allowed: true,
    approvalRequired: changesSomething && approving.length > 0,
    approvalMode:
      approving.length > 0 && approving.every((role) => role.approvals === 'in_band')
        ? 'in_band'
        : 'out_of_band',
    roles: byTarget.map((role) => role.name),
  };
}

function deny(reason: string): { allowed: false; code: 'forbidden'; reason: string } {
  return { allowed: false, code: 'forbidden', reason };
}

function roleNames(roles: readonly CompiledRole[]): string {
  return roles.map((role) => role.name).join(', ');
}

// ---- compiled matchers ---------------------------------------------------------------------------------

interface CompiledRole {
  readonly name: string;
  readonly scopes: readonly string[];
  readonly names: Readonly<Record<AuthorizeRequest['kind'], Matcher>>;
  readonly targets: Matcher;
  readonly approvals: ApprovalMode | 'not_required';
}

interface CompiledPolicy {
  readonly roles: ReadonlyMap<string, CompiledRole>;
  readonly exactActors: ReadonlyMap<string, readonly string[]>;
  readonly globActors: readonly { readonly match: Matcher; readonly roles: readonly string[] }[];
  readonly defaultRoles: readonly string[];
}

const cache = new WeakMap<Policy, CompiledPolicy>();

function compiled(policy: Policy): CompiledPolicy {
  const hit = cache.get(policy);
  if (hit !== undefined) return hit;
  const roles = new Map<string, CompiledRole>();
  for (const [name, role] of Object.entries(policy.roles)) {
    const tools = compileGlobs(role.tools);
    roles.set(name, {
      name,
      scopes: role.scopes,
      names: {
        tool: tools,
        resource: role.resources === undefined ? tools : compileGlobs(role.resources),
        prompt: role.prompts === undefined ? tools : compileGlobs(role.prompts),
      },
      targets: compileGlobs(role.targets.map(targetSegments)),
      approvals:
        role.approvals === 'not_required' || role.approvals === 'in_band' ? role.approvals : 'out_of_band',
    });
  }
  const exactActors = new Map<string, string[]>();
  const globActors: { match: Matcher; roles: readonly string[] }[] = [];
  for (const [pattern, entry] of Object.entries(policy.actors)) {
    if (isLiteral(pattern)) exactActors.set(pattern, entry.roles);
    else globActors.push({ match: picomatchCompile(pattern), roles: entry.roles });
  }
  const result: CompiledPolicy = { roles, exactActors, globActors, defaultRoles: policy.defaults.roles };
  cache.set(policy, result);
  return result;
}

function actorRoles(policy: CompiledPolicy, identity: Identity): CompiledRole[] {
  const names = new Set<string>(policy.exactActors.get(identity.actor));
  for (const entry of policy.globActors) {
    if (entry.match(identity.actor)) for (const role of entry.roles) names.add(role);
  }
  for (const role of identity.roles) names.add(role);
  for (const role of policy.defaultRoles) names.add(role);
  const roles: CompiledRole[] = [];
  for (const name of names) {
    const role = policy.roles.get(name);
    if (role !== undefined) roles.push(role);
  }
  return roles;
}
