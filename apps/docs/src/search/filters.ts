import type { SearchFilters } from './types.ts';

/** A document's front matter values that filters compare against, lowercased once at indexing time. */
export interface FilterValues {
  type: string[];
  service: string[];
  tags: string[];
  owner: string[];
}

/** Front matter scalars or lists as lowercase strings; `tags: a, b` written as one string counts as a list. */
function values(value: unknown, splitCommas: boolean): string[] {
  const list = Array.isArray(value) ? value : [value];
  const out: string[] = [];
  for (const item of list) {
    if (typeof item !== 'string' && typeof item !== 'number' && typeof item !== 'boolean') continue;
    const parts = splitCommas && typeof item === 'string' ? item.split(',') : [String(item)];
    for (const part of parts) {
      const v = part.trim().toLowerCase();
      if (v) out.push(v);
    }
  }
  return out;
}

export function filterValues(meta: Record<string, unknown>): FilterValues {
  return {
    type: values(meta.type, false),
    service: values(meta.service, false),
    tags: values(meta.tags, true),
    owner: values(meta.owner, false),
  };
}

/** The filters a query sets on front matter, lowercased; undefined when it sets none. */
export function metaFilters(
  filters: SearchFilters | undefined,
): Partial<Record<keyof FilterValues, string>> | undefined {
  if (!filters) return undefined;
  const out: Partial<Record<keyof FilterValues, string>> = {};
  let any = false;
  const set = (key: keyof FilterValues, value: string | undefined): void => {
    if (value === undefined) return;
    out[key] = value.trim().toLowerCase();
    any = true;
  };
  set('type', filters.type);
  set('service', filters.service);
  set('tags', filters.tag);
  set('owner', filters.owner);
  return any ? out : undefined;
}

export function matchesFilters(
  doc: FilterValues,
  wanted: Partial<Record<keyof FilterValues, string>>,
): boolean {
  for (const key of ['type', 'service', 'tags', 'owner'] as const) {
    const w = wanted[key];
    if (w !== undefined && !doc[key].includes(w)) return false;
  }
  return true;
}
