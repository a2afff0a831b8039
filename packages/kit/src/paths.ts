/**
 * Dotted paths into JSON-like values, where `*` stands for every array element or object key
 * (`items.*.body`). Used to find the output fields a tool declares as third-party text.
 */
export type PathPattern = readonly string[];

export function parsePath(path: string): PathPattern {
  return path.split('.').filter((s) => s.length > 0);
}

/** Calls `fn` for every value at the pattern, replacing it with what `fn` returns. Mutates `root`. */
export function updateAtPath(root: unknown, pattern: PathPattern, fn: (value: unknown) => unknown): void {
  const walk = (node: unknown, depth: number): unknown => {
    if (depth === pattern.length) return fn(node);
    if (node === null || typeof node !== 'object') return node;
    const segment = pattern[depth] as string;
    const record = node as Record<string, unknown>;
    const keys = segment === '*' ? Object.keys(record) : Object.hasOwn(record, segment) ? [segment] : [];
    for (const key of keys) record[key] = walk(record[key], depth + 1);
    return node;
  };
  walk(root, 0);
}

/** Whether a concrete path (array indices included) matches a pattern. */
export function pathMatches(concrete: readonly (string | number)[], pattern: PathPattern): boolean {
  if (concrete.length !== pattern.length) return false;
  return pattern.every((segment, i) => segment === '*' || segment === String(concrete[i]));
}
