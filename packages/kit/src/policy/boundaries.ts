import {
  compileTargetGlobs,
  isWholeKindTarget,
  kindOf,
  type Matcher,
  targetGlobProblem,
} from './target-globs.ts';

/**
 * A server-level boundary: the targets an operator lets this server touch at all, whoever calls. Every role is
 * intersected with every boundary: a target outside one is refused whatever the roles allow, and the refusal
 * names `setting`, the place the operator changes it. Globs are target globs (`repo:acme/*`, `db:shop/**`), with
 * the same rules as role targets.
 */
export interface Boundary {
  /** Where the operator sets it, named in every refusal: `GATEHOUSE_GITHUB_ALLOWLIST`, `databases[shop].denyTables`. */
  readonly setting: string;
  /** The targets this boundary governs; others pass it untouched. Default: every target. */
  readonly within?: readonly string[];
  /** Governed targets inside the boundary. Absent: every governed target no `deny` glob names. `[]`: none. */
  readonly allow?: readonly string[];
  /** Governed targets outside the boundary, whatever `allow` says. */
  readonly deny?: readonly string[];
}

interface CompiledBoundary {
  readonly setting: string;
  readonly governs: (target: string) => boolean;
  readonly allows: ((target: string) => boolean) | undefined;
  readonly denies: Matcher;
}

/**
 * Why `target` is outside one of `boundaries` (the refusal reason, naming the boundary's setting), or undefined
 * when every boundary admits it. A whole-kind target (`repo:*`: a search across everything the caller may reach)
 * is inside when the boundary admits some targets of its kind; the tool then filters each result with
 * `ctx.mayAccess`, which checks the boundaries again per result.
 */
export function boundaryRefusal(boundaries: readonly Boundary[], target: string): string | undefined {
  for (const boundary of compiledBoundaries(boundaries)) {
    if (!boundary.governs(target)) continue;
    if (boundary.denies(target))
      return `target ${target} is outside this server's boundary: ${boundary.setting} excludes it`;
    if (boundary.allows !== undefined && !boundary.allows(target)) {
      return `target ${target} is outside this server's boundary: it is not in ${boundary.setting}`;
    }
  }
  return undefined;
}

/** Every problem with these boundaries' globs, each naming the boundary's setting and the list; [] when none. */
export function boundaryProblems(boundaries: readonly Boundary[]): string[] {
  const problems: string[] = [];
  for (const boundary of boundaries) {
    for (const list of ['within', 'allow', 'deny'] as const) {
      boundary[list]?.forEach((pattern, i) => {
        const problem = targetGlobProblem(pattern);
        if (problem !== undefined) problems.push(`${boundary.setting} (${list}[${i}]): ${problem}`);
      });
    }
    try {
      compileBoundary(boundary);
    } catch (error) {
      problems.push(`${boundary.setting}: a glob cannot be compiled: ${(error as Error).message}`);
    }
  }
  return problems;
}

const cache = new WeakMap<readonly Boundary[], readonly CompiledBoundary[]>();

function compiledBoundaries(boundaries: readonly Boundary[]): readonly CompiledBoundary[] {
  const hit = cache.get(boundaries);
  if (hit !== undefined) return hit;
  const compiled = boundaries.map(compileBoundary);
  cache.set(boundaries, compiled);
  return compiled;
}

function compileBoundary(boundary: Boundary): CompiledBoundary {
  return {
    setting: boundary.setting,
    governs: boundary.within === undefined ? () => true : matcherWithWholeKinds(boundary.within),
    allows: boundary.allow === undefined ? undefined : matcherWithWholeKinds(boundary.allow),
    denies: compileTargetGlobs(boundary.deny ?? []),
  };
}

/** The globs' matcher, where a whole-kind target (`repo:*`) matches when some glob names targets of its kind. */
function matcherWithWholeKinds(globs: readonly string[]): (target: string) => boolean {
  const match = compileTargetGlobs(globs);
  const kinds = new Set(globs.map(kindOf));
  const everyKind = kinds.has(undefined);
  return (target) => match(target) || (isWholeKindTarget(target) && (everyKind || kinds.has(kindOf(target))));
}
