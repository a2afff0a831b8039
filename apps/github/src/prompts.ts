import { ErrorCode, fenceUntrusted, ToolError } from '@gatehouse/kit';
import { z } from 'zod';
import type { GitHubAccess } from './access.ts';
import { repoPrompt } from './repo-scoped.ts';
import { riskMarkersOf } from './summaries/pull-request.ts';
import { summarizePullRequest } from './tools/pulls.ts';
import { firstLine, repoName } from './tools/schemas.ts';

// Prompt arguments reach the client as names and descriptions only (no pattern), so these keep theirs.
const repoArg = repoName.describe('Repository, owner/name');
const pullRequestArgs = z.object({
  repo: repoArg,
  number: z
    .string()
    .regex(/^\d{1,9}$/, 'expected a number')
    .describe('Pull request number'),
});
const PATCH_BUDGET = 40_000;

/** Merged pull requests named by merge and squash commit messages: "Merge pull request #12 …", "Title (#12)". */
export function mergedPullRequests(messages: readonly string[]): { number: number; title: string }[] {
  const found = new Map<number, string>();
  for (const message of messages) {
    const head = firstLine(message);
    const merge = /^Merge pull request #(\d+)/.exec(head);
    if (merge) {
      const title = message.split('\n').slice(1).join(' ').trim() || head;
      found.set(Number(merge[1]), title);
      continue;
    }
    const squash = /^(.*)\s\(#(\d+)\)$/.exec(head);
    if (squash) found.set(Number(squash[2]), squash[1] as string);
  }
  return [...found].map(([number, title]) => ({ number, title }));
}

export function githubPrompts(access: GitHubAccess) {
  return [
    repoPrompt(access, {
      name: 'explain_pull_request',
      title: 'Explain a pull request',
      description: 'Explain what a PR changes, why, and what a reviewer should look at.',
      version: '1.0.1',
      args: pullRequestArgs,
      async render({ repo, number }, ctx) {
        const { title, body, ...summary } = await summarizePullRequest(
          access.get(),
          repo,
          Number(number),
          ctx.signal,
        );
        return [
          {
            role: 'user',
            text:
              `Explain pull request ${repo}#${number} to a reviewer: what it changes and why, how risky it is, ` +
              'and where to look first. Use get_pull_request_diff for the files that matter.\n\n' +
              `Summary:\n${JSON.stringify(summary, null, 1)}\n\n` +
              fenceUntrusted(`${title}\n\n${body}`, `github:${repo}#${number}`),
          },
        ];
      },
    }),
    repoPrompt(access, {
      name: 'release_notes',
      title: 'Release notes',
      description: 'Draft release notes from the pull requests merged between two refs.',
      version: '1.0.1',
      args: z.object({
        repo: repoArg,
        from: z.string().min(1).max(250).describe('Previous release tag or ref'),
        to: z.string().min(1).max(250).describe('New release tag or ref'),
      }),
      async render({ repo, from, to }, ctx) {
        const comparison = await access.get().compare(repo, from, to, ctx.signal);
        const merged = mergedPullRequests(comparison.commits.map((c) => c.commit.message));
        if (comparison.commits.length === 0) {
          throw new ToolError(ErrorCode.NotFound, `No commits between ${from} and ${to} in ${repo}.`);
        }
        const list = merged.length
          ? merged.map((pr) => `- #${pr.number} ${pr.title}`).join('\n')
          : comparison.commits.map((c) => `- ${c.sha.slice(0, 7)} ${firstLine(c.commit.message)}`).join('\n');
        return [
          {
            role: 'user',
            text:
              `Write release notes for ${repo} ${to} (since ${from}): ${comparison.total_commits} commits, ` +
              `${merged.length} merged pull requests. Group them as features, fixes and internal changes; ` +
              'call out breaking changes and migrations. Use get_pull_request for any entry that is unclear.\n\n' +
              fenceUntrusted(list, `github:${repo} ${from}...${to}`),
          },
        ];
      },
    }),
    repoPrompt(access, {
      name: 'review_security',
      title: 'Security review of a PR',
      description: "Review a PR's changes for auth, input validation, data access and secrets.",
      version: '1.0.1',
      args: pullRequestArgs,
      async render({ repo, number }, ctx) {
        const github = access.get();
        const files = [];
        for (let page = 1; page <= 3; page++) {
          const batch = await github.listPullFiles(repo, Number(number), { page, perPage: 100 }, ctx.signal);
          files.push(...batch.items);
          if (!batch.hasNext) break;
        }
        // Risky files first, so the budget goes to what matters most.
        const ranked = [...files].sort(
          (a, b) => riskMarkersOf(b.filename).length - riskMarkersOf(a.filename).length,
        );
        let used = 0;
        const diffs: string[] = [];
        const skipped: string[] = [];
        for (const f of ranked) {
          const patch = f.patch ?? '(no textual diff)';
          if (used + patch.length > PATCH_BUDGET) {
            skipped.push(f.filename);
            continue;
          }
          used += patch.length;
          const markers = riskMarkersOf(f.filename);
          diffs.push(
            `### ${f.filename} (${f.status}${markers.length ? `; ${markers.join(', ')}` : ''})\n${patch}`,
          );
        }
        return [
          {
            role: 'user',
            text:
              `Review pull request ${repo}#${number} for security. For each finding give file, line, severity and a fix. Check:\n` +
              '1. Authentication and authorization: new endpoints or handlers without checks, changed permission logic.\n' +
              '2. Input validation: untrusted input reaching queries, shells, file paths, templates or redirects.\n' +
              '3. Data access: queries that widen what a caller can read or change; missing tenant scoping.\n' +
              '4. Secrets: credentials, tokens or keys added to code, config or logs.\n\n' +
              fenceUntrusted(diffs.join('\n\n'), `github:${repo}#${number}`) +
              (skipped.length
                ? `\n\nNot shown (over budget; read with get_pull_request_diff): ${skipped.join(', ')}`
                : ''),
          },
        ];
      },
    }),
  ];
}
