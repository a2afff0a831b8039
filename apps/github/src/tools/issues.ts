import { z } from 'zod';
import type { GitHubAccess } from '../access.ts';
import { repoTool } from '../repo-scoped.ts';
import { summarizeDiscussion, trimText } from '../summaries/issue.ts';
import { BY_GITHUB, issueRef, labelNames } from './schemas.ts';
import { searchInput, searchOutput, searchWithinAllowlist } from './search.ts';

const LATEST_COMMENTS = 5;
const repoOfUrl = (repositoryUrl: string) => repositoryUrl.replace(/^.*\/repos\//, '');

export function issueTools(access: GitHubAccess) {
  return [
    repoTool(access, {
      name: 'search_issues',
      title: 'Search issues and PRs',
      description: 'Search issues and pull requests in allowed repositories.',
      version: '1.1.1',
      access: 'read',
      input: searchInput('GitHub search syntax, e.g. "timeout is:open label:bug"'),
      output: searchOutput(
        z.object({
          repo: z.string(),
          number: z.number(),
          title: z.string(),
          state: z.string(),
          pullRequest: z.boolean(),
          author: z.string(),
          labels: z.array(z.string()),
          comments: z.number(),
          updatedAt: z.string(),
          url: z.string(),
        }),
      ),
      untrusted: ['results.*.repo', 'results.*.title', 'results.*.author', 'results.*.labels.*'],
      trusted: {
        'results.*.state': BY_GITHUB.state,
        'results.*.updatedAt': BY_GITHUB.time,
        'results.*.url': BY_GITHUB.url,
      },
      async handler(input, ctx) {
        const github = access.get();
        return searchWithinAllowlist(
          github,
          ctx.mayAccess,
          input,
          (query, page) => github.searchIssues(query, page, ctx.signal),
          (item) => repoOfUrl(item.repository_url),
          (item, repo) => ({
            repo,
            number: item.number,
            title: item.title,
            state: item.state,
            pullRequest: item.pull_request !== undefined,
            author: item.user?.login ?? 'ghost',
            labels: labelNames(item.labels),
            comments: item.comments,
            updatedAt: item.updated_at,
            url: item.html_url,
          }),
        );
      },
    }),
    repoTool(access, {
      name: 'get_issue',
      title: 'Read an issue',
      description: 'An issue or PR: its body, participants and latest comments.',
      version: '1.1.1',
      access: 'read',
      input: issueRef,
      output: z.object({
        number: z.number(),
        title: z.string(),
        state: z.string(),
        author: z.string(),
        labels: z.array(z.string()),
        assignees: z.array(z.string()),
        createdAt: z.string(),
        closedAt: z.string().optional(),
        url: z.string(),
        body: z.string(),
        commentCount: z.number(),
        participants: z.array(z.string()),
        lastActivity: z.string(),
        latestComments: z.array(z.object({ author: z.string(), at: z.string(), body: z.string() })),
      }),
      untrusted: [
        'title',
        'author',
        'body',
        'labels.*',
        'assignees.*',
        'participants.*',
        'latestComments.*.author',
        'latestComments.*.body',
      ],
      trusted: {
        state: BY_GITHUB.state,
        createdAt: BY_GITHUB.time,
        closedAt: BY_GITHUB.time,
        url: BY_GITHUB.url,
        lastActivity: BY_GITHUB.time,
        'latestComments.*.at': BY_GITHUB.time,
      },
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
          labels: labelNames(issue.labels),
          assignees: (issue.assignees ?? []).map((a) => a.login),
          createdAt: issue.created_at,
          ...(issue.closed_at ? { closedAt: issue.closed_at } : {}),
          url: issue.html_url,
          body: trimText(issue.body ?? '', 2000),
          ...discussion,
        };
      },
    }),
  ];
}
