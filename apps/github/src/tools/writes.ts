import { z } from 'zod';
import type { GitHubAccess } from '../access.ts';
import { repoTool } from '../repo-scoped.ts';
import { BY_GITHUB, issueRef, repoName } from './schemas.ts';

export function writeTools(access: GitHubAccess) {
  return [
    repoTool(access, {
      name: 'create_issue',
      title: 'Create an issue',
      description: "Open an issue. Needs a person's approval.",
      version: '1.0.2',
      access: 'write',
      input: z.object({
        repo: repoName,
        title: z.string().min(1).max(256),
        body: z.string().max(20_000).optional(),
        labels: z.array(z.string().min(1).max(50)).max(10).optional(),
      }),
      output: z.object({ number: z.number(), url: z.string() }),
      trusted: { url: BY_GITHUB.url },
      async handler({ repo, title, body, labels }, ctx) {
        const issue = await access.get().createIssue(repo, { title, body, labels }, ctx.signal);
        return { number: issue.number, url: issue.html_url };
      },
    }),
    repoTool(access, {
      name: 'add_comment',
      title: 'Comment on an issue or PR',
      description: "Comment on an issue or pull request. Needs a person's approval.",
      version: '1.0.2',
      access: 'write',
      input: issueRef.extend({ body: z.string().min(1).max(20_000) }),
      output: z.object({ id: z.number(), url: z.string() }),
      trusted: { url: BY_GITHUB.url },
      async handler({ repo, number, body }, ctx) {
        const comment = await access.get().addComment(repo, number, body, ctx.signal);
        return { id: comment.id, url: comment.html_url };
      },
    }),
  ];
}
