import type { Hit } from './cluster-api.ts';

/** Most columns a DSL answer shows: documents can hold hundreds of fields, and every one costs tokens. */
const MAX_COLUMNS = 40;

/**
 * DSL hits as rows: `_index` and each leaf field of `_source` by dotted path (arrays and what is past the nesting
 * kept as JSON text), columns in first-seen order, at most MAX_COLUMNS of them.
 */
export function rowsOfHits(
  hits: readonly Hit[],
  originOf: (index: string) => string,
): { columns: string[]; rows: unknown[][]; dropped?: number } {
  const flat = hits.map((hit) => {
    const cells = new Map<string, unknown>([['_index', originOf(hit.index)]]);
    flatten(hit.source, '', cells);
    return cells;
  });
  const all: string[] = [];
  const seen = new Set<string>();
  for (const cells of flat)
    for (const key of cells.keys())
      if (!seen.has(key)) {
        seen.add(key);
        all.push(key);
      }
  const columns = all.slice(0, MAX_COLUMNS);
  return {
    columns,
    rows: flat.map((cells) => columns.map((c) => cells.get(c) ?? null)),
    ...(all.length > columns.length ? { dropped: all.length - columns.length } : {}),
  };
}

function flatten(value: Record<string, unknown>, prefix: string, into: Map<string, unknown>): void {
  for (const [key, inner] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (inner !== null && typeof inner === 'object' && !Array.isArray(inner))
      flatten(inner as Record<string, unknown>, path, into);
    else into.set(path, Array.isArray(inner) ? JSON.stringify(inner) : inner);
  }
}
