import { z } from 'zod';
import type { GitHubAccess } from '../access.ts';
import { repoTool } from '../repo-scoped.ts';
import { trimText } from '../summaries/issue.ts';
import { checksSummary, groupByArea, reviewSummary, risksOf, sizeLabel } from '../summaries/pull-request.ts';
import type { GitHub } from '../upstream/github.ts';
import type { PullFile } from '../upstream/types.ts';
import { kitPageOf } from './paging.ts';
import { BY_GITHUB, issueRef, labelNames, repoName, shortSha } from './schemas.ts';

const MAX_SUMMARY_FILES = 300;
const MAX_PATCH_CHARS = 8_000;

const prState = (pr: { state: string; merged_at: string | null }) => (pr.merged_at ? 'merged' : pr.state);

function describeChecks(c: ReturnType<typeof checksSummary>): string {
  if (c.state === 'none') return 'no checks';
  const failed = c.failed.length ? `; failed: ${c.failed.join(', ')}` : '';
  const pending = c.pending ? `; ${c.pending} running` : '';
  return `${c.state} (${c.total} checks${failed}${pending})`;
}

function describeReviews(r: ReturnType<typeof reviewSummary>): string {
  const parts: string[] = [r.state];
  if (r.changesRequestedBy.length) parts.push(`changes requested by ${r.changesRequestedBy.join(', ')}`);
  if (r.approvedBy.length) parts.push(`approved by ${r.approvedBy.join(', ')}`);
  if (r.requested.length) parts.push(`waiting for ${r.requested.join(', ')}`);
  return parts.join('; ');
}

/** The review summary of a pull request: what get_pull_request returns and the prompts build on. */
export async function summarizePullRequest(
  github: GitHub,
  repo: string,
  number: number,
  signal: AbortSignal,
) {
  const pr = await github.getPull(repo, number, signal);
  const files: PullFile[] = [];
  for (let page = 1; files.length < Math.min(pr.changed_files, MAX_SUMMARY_FILES); page++) {
    const batch = await github.listPullFiles(repo, number, { page, perPage: 100 }, signal);
    files.push(...batch.items);
    if (!batch.hasNext) break;
  }
  const [reviews, checks] = await Promise.all([
    github.listReviews(repo, number, signal),
    github.listCheckRuns(repo, pr.head.sha, signal),
  ]);
  const requested = [
    ...(pr.requested_reviewers ?? []).map((u) => u.login),
    ...(pr.requested_teams ?? []).map((t) => `team:${t.slug}`),
  ];
  const reviewState = reviewSummary(reviews, requested);
  const checkState = checksSummary(checks);
  return {
    number: pr.number,
    title: pr.title,
    state: pr.draft ? `draft (${prState(pr)})` : prState(pr),
    author: pr.user.login,
    branches: `${pr.head.ref} -> ${pr.base.ref}`,
    headSha: shortSha(pr.head.sha),
    labels: labelNames(pr.labels),
    assignees: (pr.assignees ?? []).map((a) => a.login),
    createdAt: pr.created_at,
    updatedAt: pr.updated_at,
    ...(pr.merged_at ? { mergedAt: pr.merged_at } : {}),
    url: pr.html_url,
    size: `${sizeLabel(pr.additions + pr.deletions)}: ${pr.changed_files} files, +${pr.additions}/-${pr.deletions}`,
    areas: groupByArea(files)
      .slice(0, 12)
      .map((a) => `${a.area}: ${a.files} files, +${a.additions}/-${a.deletions}`),
    risks: risksOf(files).map((r) => `${r.marker}: ${r.files.join(', ')}`),
    checks: describeChecks(checkState),
    reviews: describeReviews(reviewState),
    body: trimText(pr.body ?? '', 1500),
  };
}

export function pullRequestTools(access: GitHubAccess) {
  return [
    repoTool(access, {
      name: 'list_pull_requests',
      title: 'List pull requests',
      description: 'Pull requests, most recently updated first.',
      version: '1.1.1',
      access: 'read',
      input: z.object({
        repo: repoName,
        state: z.enum(['open', 'closed', 'all']).default('open'),
        base: z.string().max(250).optional().describe('Target branch'),
      }),
      output: z.object({
        pullRequests: z.array(
          z.object({
            number: z.number(),
            title: z.string(),
            author: z.string(),
            state: z.string(),
            draft: z.boolean(),
            base: z.string(),
            head: z.string(),
            headSha: z.string(),
            labels: z.array(z.string()),
            assignees: z.array(z.string()),
            createdAt: z.string(),
            updatedAt: z.string(),
            url: z.string(),
          }),
        ),
      }),
      // A pull request's head branch is named by whoever opened it, from their fork.
      untrusted: [
        'pullRequests.*.title',
        'pullRequests.*.author',
        'pullRequests.*.base',
        'pullRequests.*.head',
        'pullRequests.*.labels.*',
        'pullRequests.*.assignees.*',
      ],
      trusted: {
        'pullRequests.*.state': BY_GITHUB.state,
        'pullRequests.*.headSha': BY_GITHUB.sha,
        'pullRequests.*.createdAt': BY_GITHUB.time,
        'pullRequests.*.updatedAt': BY_GITHUB.time,
        'pullRequests.*.url': BY_GITHUB.url,
      },
      paginate: { items: 'pullRequests', pageSize: 30 },
      async handler({ repo, state, base }, ctx) {
        const github = access.get();
        const pulls = await kitPageOf(ctx, (page) =>
          github.listPulls(repo, { state, base }, page, ctx.signal),
        );
        return {
          pullRequests: pulls.map((pr) => ({
            number: pr.number,
            title: pr.title,
            author: pr.user?.login ?? 'ghost',
            state: prState(pr),
            draft: pr.draft ?? false,
            base: pr.base.ref,
            head: pr.head.ref,
            headSha: shortSha(pr.head.sha),
            labels: labelNames(pr.labels),
            assignees: (pr.assignees ?? []).map((a) => a.login),
            createdAt: pr.created_at,
            updatedAt: pr.updated_at,
            url: pr.html_url,
          })),
        };
      },
    }),
    repoTool(access, {
      name: 'get_pull_request',
      title: 'Pull request summary',
      description:
        "A PR's size, changes by area, risk markers (migrations, auth, config, deps), checks, reviews.",
      version: '1.1.1',
      access: 'read',
      input: issueRef,
      output: z.object({
        number: z.number(),
        title: z.string(),
        state: z.string(),
        author: z.string(),
        branches: z.string(),
        headSha: z.string(),
        labels: z.array(z.string()),
        assignees: z.array(z.string()),
        createdAt: z.string(),
        updatedAt: z.string(),
        mergedAt: z.string().optional(),
        url: z.string(),
        size: z.string(),
        areas: z.array(z.string()),
        risks: z.array(z.string()),
        checks: z.string(),
        reviews: z.string(),
        body: z.string(),
      }),
      // Branches, check names (from the pull request's own workflow files), reviewers and the file paths behind
      // areas and risks are all named by people.
      untrusted: [
        'title',
        'author',
        'branches',
        'labels.*',
        'assignees.*',
        'areas.*',
        'risks.*',
        'checks',
        'reviews',
        'body',
      ],
      trusted: {
        state: BY_GITHUB.state,
        headSha: BY_GITHUB.sha,
        createdAt: BY_GITHUB.time,
        updatedAt: BY_GITHUB.time,
        mergedAt: BY_GITHUB.time,
        url: BY_GITHUB.url,
        size: 'a size label and counts, written by the server',
      },
      handler: ({ repo, number }, ctx) => summarizePullRequest(access.get(), repo, number, ctx.signal),
    }),
    repoTool(access, {
      name: 'get_pull_request_diff',
      title: 'Pull request diff',
      description: 'The diff of a PR file by file (paged), or of one file.',
      version: '1.0.2',
      access: 'read',
      input: issueRef.extend({ path: z.string().max(1000).optional() }),
      output: z.object({
        files: z.array(
          z.object({
            path: z.string(),
            status: z.string(),
            additions: z.number(),
            deletions: z.number(),
            patch: z.string().optional(),
            patchCut: z.boolean().optional(),
          }),
        ),
      }),
      untrusted: ['files.*.path', 'files.*.patch'],
      trusted: { 'files.*.status': BY_GITHUB.state },
      paginate: { items: 'files', pageSize: 10 },
      async handler({ repo, number, path }, ctx) {
        const github = access.get();
        let files: PullFile[];
        if (path === undefined) {
          files = await kitPageOf(ctx, (page) => github.listPullFiles(repo, number, page, ctx.signal));
        } else {
          files = [];
          for (let page = 1; page <= 30; page++) {
            const batch = await github.listPullFiles(repo, number, { page, perPage: 100 }, ctx.signal);
            files.push(...batch.items.filter((f) => f.filename === path));
            if (files.length > 0 || !batch.hasNext) break;
          }
        }
        return {
          files: files.map((f) => ({
            path: f.filename,
            status: f.status,
            additions: f.additions,
            deletions: f.deletions,
            ...(f.patch === undefined ? {} : { patch: f.patch.slice(0, MAX_PATCH_CHARS) }),
            ...((f.patch?.length ?? 0) > MAX_PATCH_CHARS ? { patchCut: true } : {}),
          })),
        };
      },
    }),
  ];
}
