/**
 * Dotted paths into JSON-like values, where `*` stands for every array element or object key
 * (`items.*.body`). Used to find the output fields a tool declares as third-party text.
 */
export type PathPattern = readonly string[];

export function parsePath(path: string): PathPattern {
  return path.split('.').filter((s) => s.length > 0);
}

/** Whether the first `length` segments of the path and of the pattern agree. */
function agree(concrete: readonly (string | number)[], pattern: PathPattern, length: number): boolean {
  for (let i = 0; i < length; i++) {
    const segment = pattern[i] as string;
    if (segment !== '*' && segment !== String(concrete[i])) return false;
  }
  return true;
}

/**
 * Whether some pattern names this path or one of its ancestors. Everything inside a third-party value is
 * third-party too: the strings of a JSON cell at any depth, and its keys.
 */
export function pathCovered(
  concrete: readonly (string | number)[],
  patterns: readonly PathPattern[],
): boolean {
  return patterns.some(
    (pattern) => pattern.length <= concrete.length && agree(concrete, pattern, pattern.length),
  );
}

/**
 * Whether some pattern's `*` stands for the keys of the object at this path (`rows.*.*` for each row's column
 * names): those keys are third-party text, though the object itself is not named.
 */
export function keysCovered(
  concrete: readonly (string | number)[],
  patterns: readonly PathPattern[],
): boolean {
  return patterns.some(
    (pattern) =>
      pattern.length > concrete.length &&
      pattern[concrete.length] === '*' &&
      agree(concrete, pattern, concrete.length),
  );
}
