import { ErrorCode, ToolError } from '@gatehouse/kit';
import type { Clause } from '../elastic/query.ts';

/**
 * What a raw query DSL body may hold. Left out on purpose: `index` or `pit` (they name indices past the
 * allowlist), scripts and runtime fields (arbitrary code on every shard), `profile`, `explain`, `stored_fields`,
 * suggesters, and anything not known here.
 */
const TOP_LEVEL = new Set([
  'query',
  'size',
  'from',
  'sort',
  '_source',
  'fields',
  'aggs',
  'aggregations',
  'track_total_hits',
  'post_filter',
  'collapse',
  'highlight',
  'search_after',
]);
/** Keys refused at any depth: code run on the cluster, or a join into another index. */
const ANYWHERE = new Set([
  'script',
  'scripts',
  'script_fields',
  'runtime_mappings',
  'scripted_metric',
  'script_score',
  'terms_lookup',
  'index',
  'pit',
  'percolate',
  'more_like_this',
  'inner_hits',
]);

/** A query DSL body checked: a JSON object of known keys, no scripts or index references anywhere. */
export function parseDsl(text: string): Clause {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new ToolError(ErrorCode.InvalidInput, `query: not valid JSON (${(error as Error).message}).`);
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new ToolError(
      ErrorCode.InvalidInput,
      'query: a query DSL body is a JSON object, e.g. {"query": {…}}.',
    );
  }
  for (const key of Object.keys(body)) {
    if (!TOP_LEVEL.has(key)) {
      throw new ToolError(
        ErrorCode.InvalidInput,
        `query: ${key} is not accepted in a raw query DSL body; allowed: ${[...TOP_LEVEL].join(', ')}.`,
      );
    }
  }
  const refused = findKey(body, 0);
  if (refused) {
    throw new ToolError(
      ErrorCode.InvalidInput,
      `query: ${refused} is not accepted in a raw query DSL body (it runs code or reads outside the source's indices).`,
    );
  }
  return body as Clause;
}

function findKey(value: unknown, depth: number): string | undefined {
  if (depth > 40) return 'nesting deeper than 40';
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, inner] of Object.entries(value)) {
    if (!Array.isArray(value) && ANYWHERE.has(key)) return key;
    const found = findKey(inner, depth + 1);
    if (found) return found;
  }
  return undefined;
}
