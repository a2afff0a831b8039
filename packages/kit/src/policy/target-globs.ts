import picomatch from 'picomatch';

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
 * Roles (policy.ts) and server boundaries (boundaries.ts) share these rules, so one glob means one thing.
 */

export type Matcher = (value: string) => boolean;

const GLOB_OPTIONS: picomatch.PicomatchOptions = { dot: true, nonegate: true, windows: false };

/** Makes the `kind:` prefix its own path segment, so `docs:**` can use a real globstar. */
export function targetSegments(value: string): string {
  return value.replace(':', ':/');
}

export function isLiteral(pattern: string): boolean {
  return !pattern.includes('\\') && !picomatch.scan(pattern).isGlob;
}

/** One matcher for a list of name globs (tools, actors); literal names are checked with a set lookup. */
export function compileGlobs(patterns: readonly string[]): Matcher {
  const literals = new Set<string>();
  const globs: Matcher[] = [];
  for (const pattern of patterns) {
    if (isLiteral(pattern)) literals.add(pattern);
    else globs.push(picomatch(pattern, GLOB_OPTIONS));
  }
  if (globs.length === 0) return (value) => literals.has(value);
  return (value) => literals.has(value) || globs.some((match) => match(value));
}

/** One matcher for a list of target globs, taking targets as written (`repo:acme/api`). */
export function compileTargetGlobs(patterns: readonly string[]): Matcher {
  const match = compileGlobs(patterns.map(targetSegments));
  return (target) => match(targetSegments(target));
}

/** Why a target glob can match nothing (undefined when it is fine): targets are always `kind:name`. */
export function targetGlobProblem(pattern: string): string | undefined {
  if (pattern === '**' || pattern.includes(':')) return undefined;
  return `${JSON.stringify(pattern)} matches no target: targets are kind:name (e.g. "table:public.*"); use "**" for every target`;
}

/**
 * A target naming every target of its kind (`repo:*`, `docs:*`): what a tool touches when it searches or lists
 * across everything the caller may reach, then filters each result with `ctx.mayAccess`.
 */
export function isWholeKindTarget(target: string): boolean {
  const colon = target.indexOf(':');
  return colon > 0 && target.slice(colon + 1) === '*';
}

/** The kind of a target or target glob (`repo` of `repo:acme/*`); undefined for `**`, which names every kind. */
export function kindOf(targetOrGlob: string): string | undefined {
  const colon = targetOrGlob.indexOf(':');
  return colon < 0 ? undefined : targetOrGlob.slice(0, colon);
}

export function picomatchCompile(pattern: string): Matcher {
  return picomatch(pattern, GLOB_OPTIONS);
}
