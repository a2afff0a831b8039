import { z } from 'zod';
import { repoTarget, searchQualifiers } from '../allowlist.ts';
import type { GitHub, PageRequest } from '../upstream/github.ts';
import { repoName } from './schemas.ts';

const SEARCH_PAGE_SIZE = 20;

/** The input of a search tool; `example` shows the query syntax. */
export function searchInput(example: string) {
  return z.object({
    query: z.string().min(1).max(256).describe(example),
    repo: repoName.optional(),
    // Results are filtered to the allowlist after GitHub pages them, so pages are GitHub's, not the kit's cursor.
    page: z.number().int().min(1).max(50).default(1).describe('From nextPage'),
  });
}

export function searchOutput<R extends z.ZodObject>(result: R) {
  return z.object({ total: z.number(), results: z.array(result), nextPage: z.number().optional() });
}

/** Removes qualifiers that would widen a search past the allowlist; the server adds its own. */
export function stripScopeQualifiers(query: string): string {
  return query
    .replace(/(^|\s)-?(repo|org|user):\S+/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function scopedQuery(github: GitHub, query: string, repo: string | undefined): string {
  const ref = repo === undefined ? undefined : github.check(repo);
  const scope = ref ? [`repo:${ref.owner}/${ref.repo}`] : searchQualifiers(github.allowlist);
  return [stripScopeQualifiers(query), ...scope].join(' ').trim();
}

/**
 * A search kept within what the caller may reach: the query gets the one repository's or the allowlist's
 * qualifiers, and each result is kept only if the caller may access its repository (`ctx.mayAccess`: the
 * allowlist boundary and the caller's roles; an `org:` qualifier also covers repositories the globs do not).
 */
export async function searchWithinAllowlist<T, R>(
  github: GitHub,
  mayAccess: (target: string) => boolean,
  input: { query: string; repo?: string | undefined; page: number },
  search: (query: string, page: PageRequest) => Promise<{ total: number; items: T[]; hasNext: boolean }>,
  repoOf: (item: T) => string,
  shape: (item: T, repo: string) => R,
): Promise<{ total: number; nextPage?: number; results: R[] }> {
  const found = await search(scopedQuery(github, input.query, input.repo), {
    page: input.page,
    perPage: SEARCH_PAGE_SIZE,
  });
  return {
    total: found.total,
    ...(found.hasNext ? { nextPage: input.page + 1 } : {}),
    results: found.items
      .map((item) => ({ item, repo: repoOf(item) }))
      .filter(({ repo }) => mayAccess(repoTarget(repo)))
      .map(({ item, repo }) => shape(item, repo)),
  };
}
