import type { AuditQuery } from '@gatehouse/kit/operator';
import { Refusal } from './http.ts';

/** The filters of the trail, as the form sends them (and the page links keep them). */
export const FILTER_FIELDS = [
  'server',
  'tool',
  'actor',
  'decision',
  'outcome',
  'target',
  'approval',
  'since',
  'until',
] as const;
export type FilterField = (typeof FILTER_FIELDS)[number];
export type Filters = Partial<Record<FilterField, string>>;

export const DECISIONS = ['allowed', 'denied', 'approval_required', 'approved', 'rejected'] as const;
export const OUTCOMES = ['ok', 'error', 'timeout', 'not_run'] as const;

/** Records per page of the trail. */
export const PAGE_SIZE = 50;

/**
 * The query a trail URL asks for. A value that cannot be a filter is refused (400 `invalid_filter`) naming the
 * field and what it expects, rather than silently ignored: a reviewer must not believe a filter applied that did not.
 */
export function parseFilters(params: URLSearchParams): { filters: Filters; query: AuditQuery } {
  const filters: Filters = {};
  for (const field of FILTER_FIELDS) {
    const value = params.get(field)?.trim();
    if (value !== undefined && value !== '') {
      if (value.length > 500) throw invalid(field, 'at most 500 characters');
      filters[field] = value;
    }
  }
  const oneOf = <T extends string>(field: FilterField, allowed: readonly T[]): T | undefined => {
    const value = filters[field];
    if (value === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(value)) throw invalid(field, `one of ${allowed.join(', ')}`);
    return value as T;
  };
  const time = (field: 'since' | 'until'): Date | undefined => {
    const value = filters[field];
    if (value === undefined) return undefined;
    // The form's datetime-local has no zone: the console reads and shows times in UTC.
    const date = new Date(/[zZ]|[+-]\d\d:\d\d$/.test(value) ? value : `${value}Z`);
    if (Number.isNaN(date.getTime())) throw invalid(field, 'a time such as 2026-12-07T09:30 (UTC)');
    return date;
  };
  const decision = oneOf('decision', DECISIONS);
  const outcome = oneOf('outcome', OUTCOMES);
  const since = time('since');
  const until = time('until');
  const query: AuditQuery = {
    ...(filters.server ? { server: filters.server } : {}),
    ...(filters.tool ? { tool: filters.tool } : {}),
    ...(filters.actor ? { actor: filters.actor } : {}),
    ...(filters.target ? { target: filters.target } : {}),
    ...(filters.approval ? { approvalId: filters.approval } : {}),
    ...(decision ? { decision } : {}),
    ...(outcome ? { outcome } : {}),
    ...(since ? { since } : {}),
    ...(until ? { until } : {}),
  };
  return { filters, query };
}

/** The cursor of the next page: the id of the last record shown (digits only). */
export function parseCursor(params: URLSearchParams): string | undefined {
  const after = params.get('after');
  if (after === null || after === '') return undefined;
  if (!/^[1-9]\d{0,18}$/.test(after))
    throw new Refusal(400, 'invalid_cursor', 'after: expected the id of an audit record.');
  return after;
}

const invalid = (field: string, expected: string) =>
  new Refusal(400, 'invalid_filter', `${field}: expected ${expected}.`);
