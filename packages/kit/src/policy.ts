import { readFile } from 'node:fs/promises';
import picomatch from 'picomatch';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { closestMatch } from './config.ts';
import type { Access } from './define.ts';
import { ConfigError } from './errors.ts';
import type { Identity } from './identity.ts';

/*
 * Glob semantics (tool names, actor ids and targets all use picomatch with `dot: true`, `nonegate: true`):
 * - `*` matches any run of characters except `/`; `:` and `.` are ordinary characters, so
 *   `table:public.*` matches `table:public.orders` (and `table:public.a.b`), `svc-*` matches `svc-ci`.
 * - `**` matches across `/`. For targets, the `kind:` prefix counts as its own path segment, so
 *   `docs:**` matches every docs target, `docs:handbook/**` matches `docs:handbook` and everything below
 *   it (never `docs:handbook/../x`), `docs:handbook/*` matches one level only, and `**` matches every target.
 *   A target pattern must therefore be `**` or contain a `:`; anything else is a config error.
 * - Matching is case-sensitive; `{a,b}` alternatives work; a leading `!` is a literal character, because
 *   a negated pattern in an allowlist would silently grant everything else.
 */

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
    /** Whether write/destructive calls allowed by this role need a human's approval (default: required). */
    approvals: z
      .enum(['required', 'not_required'], { error: 'expected "required" or "not_required"' })
      .optional(),
  },
  'a role',
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
  for (const [name, role] of Object.entries(policy.roles)) {
    role.targets.forEach((pattern, i) => {
      if (pattern === '**' || pattern.includes(':')) return;
      ctx.addIssue({
        code: 'custom',
        path: ['roles', name, 'targets', i],
        message: `${JSON.stringify(pattern)} matches no target: targets are kind:name (e.g. "table:public.*"); use "**" for every target`,
      });
    });
  }
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
  return result.data;
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

export type Decision =
  | { allowed: true; approvalRequired: boolean; roles: string[] }
  | { allowed: false; code: 'forbidden'; reason: string; missingScopes?: string[]; target?: string };

/**
 * Deny by default. The actor's roles are those of every matching actor entry, the identity's own roles and
 * the default roles (names the policy does not define are ignored). A call is allowed when at least one of
 * those roles matches both the name and the target, and the identity's scopes plus those roles' scopes
 * cover every required scope. The denial reason names what is missing.
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
  const missingScopes = request.scopes.filter((scope) => !granted.has(scope));
  if (missingScopes.length > 0) {
    const noun = missingScopes.length === 1 ? 'scope' : 'scopes';
    return {
      ...deny(`actor ${actor} is missing ${noun} ${missingScopes.join(', ')} for ${kind} ${name}`),
      missingScopes,
    };
  }

  const changesSomething = request.access === 'write' || request.access === 'destructive';
  return {
    allowed: true,
    approvalRequired: changesSomething && !byTarget.every((role) => role.approvalsNotRequired),
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

type Matcher = (value: string) => boolean;

interface CompiledRole {
  readonly name: string;
  readonly scopes: readonly string[];
  readonly names: Readonly<Record<AuthorizeRequest['kind'], Matcher>>;
  readonly targets: Matcher;
  readonly approvalsNotRequired: boolean;
}

interface CompiledPolicy {
  readonly roles: ReadonlyMap<string, CompiledRole>;
  readonly exactActors: ReadonlyMap<string, readonly string[]>;
  readonly globActors: readonly { readonly match: Matcher; readonly roles: readonly string[] }[];
  readonly defaultRoles: readonly string[];
}

const GLOB_OPTIONS: picomatch.PicomatchOptions = { dot: true, nonegate: true, windows: false };

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
      approvalsNotRequired: role.approvals === 'not_required',
    });
  }
  const exactActors = new Map<string, string[]>();
  const globActors: { match: Matcher; roles: readonly string[] }[] = [];
  for (const [pattern, entry] of Object.entries(policy.actors)) {
    if (isLiteral(pattern)) exactActors.set(pattern, entry.roles);
    else globActors.push({ match: picomatch(pattern, GLOB_OPTIONS), roles: entry.roles });
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

/** Makes the `kind:` prefix its own path segment, so `docs:**` can use a real globstar. */
function targetSegments(value: string): string {
  return value.replace(':', ':/');
}

function isLiteral(pattern: string): boolean {
  return !pattern.includes('\\') && !picomatch.scan(pattern).isGlob;
}

/** One matcher for a list of globs; literal names are checked with a set lookup. */
function compileGlobs(patterns: readonly string[]): Matcher {
  const literals = new Set<string>();
  const globs: Matcher[] = [];
  for (const pattern of patterns) {
    if (isLiteral(pattern)) literals.add(pattern);
    else globs.push(picomatch(pattern, GLOB_OPTIONS));
  }
  if (globs.length === 0) return (value) => literals.has(value);
  return (value) => literals.has(value) || globs.some((match) => match(value));
}
