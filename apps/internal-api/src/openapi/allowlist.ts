// The allowlist: which operations become tools. Deny by default: an operation no entry names does not exist for
// any caller. An entry is an operationId (`getOrder`), a tag (`tag:orders`), or a method and a path glob
// (`GET /orders/*`, `* /flags/**`), where `*` is exactly one path segment and `**` any number of them.
import type { Operation } from './operations.ts';

export interface AllowMatch {
  readonly operation: Operation;
  /** Index of the first entry that names it. */
  readonly entry: number;
}

export function matchesEntry(entry: string, operation: Operation): boolean {
  return entryMatcher(entry)(operation);
}

/** The entry read once, as a test of an operation: an allowlist is matched against every operation of a document. */
function entryMatcher(entry: string): (operation: Operation) => boolean {
  if (entry.startsWith('tag:')) {
    const tag = entry.slice('tag:'.length);
    return (operation) => operation.tags.includes(tag);
  }
  const routed = /^(\S+) (\/\S*)$/.exec(entry);
  if (routed) {
    const [, method = '', glob = ''] = routed;
    const wanted = method === '*' ? undefined : method.toLowerCase();
    return (operation) =>
      (wanted === undefined || wanted === operation.method) && pathMatches(glob, operation.path);
  }
  return (operation) => operation.operationId === entry;
}

/** Segment-wise glob: `*` one segment, `**` zero or more, anything else literally (`{id}` included). */
export function pathMatches(glob: string, path: string): boolean {
  const pattern = glob.split('/').filter(Boolean);
  const segments = path.split('/').filter(Boolean);
  const match = (p: number, s: number): boolean => {
    if (p === pattern.length) return s === segments.length;
    const part = pattern[p];
    if (part === '**') return match(p + 1, s) || (s < segments.length && match(p, s + 1));
    if (s === segments.length) return false;
    return (part === '*' || part === segments[s]) && match(p + 1, s + 1);
  };
  return match(0, 0);
}

/** The allowed operations in document order, and the entries that named none (a typo an operator should see). */
export function applyAllowlist(
  entries: readonly string[],
  operations: readonly Operation[],
): { allowed: AllowMatch[]; unmatched: string[] } {
  const used = new Set<number>();
  const allowed: AllowMatch[] = [];
  const matchers = entries.map(entryMatcher);
  for (const operation of operations) {
    let entry = -1;
    for (const [i, matches] of matchers.entries()) {
      if (!matches(operation)) continue;
      if (entry < 0) entry = i;
      used.add(i);
    }
    if (entry >= 0) allowed.push({ operation, entry });
  }
  return { allowed, unmatched: entries.filter((_, i) => !used.has(i)) };
}
