import { defineTool } from '@gatehouse/kit';
import { z } from 'zod';
import type { GitHubAccess } from '../access.ts';
import { summarizeDiscussion, trimText } from '../summaries/issue.ts';
import { SEARCH_PAGE_SIZE, scopedQuery, searchPage } from './repos.ts';
import { issueNumber, repoName, SCOPES } from './schemas.ts';

const LATEST_COMMENTS = 5;

export function issueTools(access: GitHubAccess) {
  return [
    defineTool({
      name: 'search_issues',
      title: 'Search issues and PRs',
      description: 'Search issues and pull requests in allowed repositories (GitHub search syntax).',
      version: '1.0.0',
      access: 'read',
      scopes: SCOPES.read,
      target: ({ repo }) => access.target(repo),
      input: z.object({
        query: z.string().min(1).max(256).describe('e.g. "timeout is:open label:bug"'),
        repo: repoName.optional().describe('Limit to one repository, owner/name'),
        page: searchPage,
      }),
      output: z.object({
        total: z.number(),
        results: z.array(
          z.object({
            repo: z.string(),
            number: z.number(),
            title: z.string(),
            state: z.string(),
            pullRequest: z.boolean(),
            author: z.string(),
            comments: z.number(),
            updatedAt: z.string(),
          }),
        ),
        nextPage: z.number().optional(),
      }),
      untrusted: ['results.*.title'],
      async handler({ query, repo, page }, ctx) {
        const github = access.get();
        const found = await github.searchIssues(
          scopedQuery(github, query, repo),
          { page, perPage: SEARCH_PAGE_SIZE },
          ctx.signal,
        );
        const repoOf = (url: string) => url.replace(/^.*\/repos\//, '');
        return {
          total: found.total,
          ...(found.hasNext ? { nextPage: page + 1 } : {}),
          results: found.items
            .filter((item) => github.allowlist.allows(repoOf(item.repository_url)))
            .map((item) => ({
              repo: repoOf(item.repository_url),
              number: item.number,
              title: item.title,
              state: item.state,
              pullRequest: item.pull_request !== undefined,
              author: item.user?.login ?? 'ghost',
              comments: item.comments,
              updatedAt: item.updated_at,
            })),
        };
      },
    }),
    defineTool({
      name: 'get_issue',
      title: 'Read an issue',
      description:
        'An issue (or PR) with its body and a summary of the discussion: participants, latest comments.',
      version: '1.0.0',
      access: 'read',
      scopes: SCOPES.read,
      target: ({ repo }) => access.target(repo),
      input: z.object({ repo: repoName, number: issueNumber }),
      output: z.object({
        number: z.number(),
        title: z.string(),
        state: z.string(),
        author: z.string(),
        labels: z.array(z.string()),
        assignees: z.array(z.string()),
        createdAt: z.string(),
        body: z.string(),
        commentCount: z.number(),
        participants: z.array(z.string()),
        lastActivity: z.string(),
        latestComments: z.array(z.object({ author: z.string(), at: z.string(), body: z.string() })),
      }),
      untrusted: ['title', 'body', 'labels.*', 'latestComments.*.body'],
      async handler({ repo, number }, ctx) {
        const github = access.get();
        const issue = await github.getIssue(repo, number, ctx.signal);
        // The newest comments sit on the last page; with a short last page, the one before completes them.
        const perPage = LATEST_COMMENTS;
        const lastPage = Math.max(1, Math.ceil(issue.comments / perPage));
        const pages =
          issue.comments > 0
            ? issue.comments % perPage !== 0 && lastPage > 1
              ? [lastPage - 1, lastPage]
              : [lastPage]
            : [];
        const comments = (
          await Promise.all(
            pages.map((page) => github.listComments(repo, number, { page, perPage }, ctx.signal)),
          )
        ).flat();
        const discussion = summarizeDiscussion(issue, comments, { keep: LATEST_COMMENTS, maxChars: 600 });
        return {
          number: issue.number,
          title: issue.title,
          state: issue.state,
          author: issue.user?.login ?? 'ghost',
          labels: issue.labels.map((l) => (typeof l === 'string' ? l : (l.name ?? ''))).filter(Boolean),
          assignees: (issue.assignees ?? []).map((a) => a.login),
          createdAt: issue.created_at,
          body: trimText(issue.body ?? '', 2000),
          ...discussion,
        };
      },
    }),
  ];
}
