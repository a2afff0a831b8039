import { boundaryRefusal } from '@gatehouse/kit';
import { describe, expect, it } from 'vitest';
import { githubAdapter } from '../../test/fixtures.ts';
import { allowlistBoundary } from '../allowlist.ts';
import type { PageRequest } from '../upstream/github.ts';
import { searchWithinAllowlist, stripScopeQualifiers } from './search.ts';

// No request is made here: the search is the test's own function; the allowlist logic is the adapter's.
const github = githubAdapter(['acme/*', 'octo/api']);
/** What ctx.mayAccess answers for a caller whose roles allow every repository: the allowlist boundary alone. */
const mayAccess = (target: string) =>
  boundaryRefusal([allowlistBoundary(github.allowlist)], target) === undefined;

describe('stripScopeQualifiers', () => {
  it('removes repo, org and user qualifiers (negated too, any case) and nothing else', () => {
    expect(stripScopeQualifiers('createInvoice repo:evil/x')).toBe('createInvoice');
    expect(stripScopeQualifiers('bug -org:acme USER:me is:open')).toBe('bug is:open');
    expect(stripScopeQualifiers('myrepo:x label:"repo:y"')).toBe('myrepo:x label:"repo:y"');
  });
});

describe('searchWithinAllowlist', () => {
  it("adds the allowlist's qualifiers, drops results outside it and names the next page", async () => {
    const asked: [string, PageRequest][] = [];
    const result = await searchWithinAllowlist(
      github,
      mayAccess,
      { query: 'bug repo:evil/x', page: 2 },
      async (query, page) => {
        asked.push([query, page]);
        return { total: 41, items: ['acme/web', 'evil/x', 'octo/api', 'octo/web'], hasNext: true };
      },
      (item) => item,
      (item, repo) => ({ repo, same: item === repo }),
    );
    expect(asked).toEqual([['bug org:acme repo:octo/api', { page: 2, perPage: 20 }]]);
    expect(result).toEqual({
      total: 41,
      nextPage: 3,
      results: [
        { repo: 'acme/web', same: true },
        { repo: 'octo/api', same: true },
      ],
    });
  });

  it('searches one repository when asked, and refuses one outside the allowlist before searching', async () => {
    const queries: string[] = [];
    const search = async (query: string) => {
      queries.push(query);
      return { total: 0, items: [] as string[], hasNext: false };
    };
    const one = await searchWithinAllowlist(
      github,
      mayAccess,
      { query: 'x', repo: 'octo/api', page: 1 },
      search,
      String,
      String,
    );
    expect(one).toEqual({ total: 0, results: [] });
    await expect(
      searchWithinAllowlist(
        github,
        mayAccess,
        { query: 'x', repo: 'evil/x', page: 1 },
        search,
        String,
        String,
      ),
    ).rejects.toMatchObject({ code: 'repo_not_allowed' });
    expect(queries).toEqual(['x repo:octo/api']);
  });
});
