import { defineTool } from '@gatehouse/kit';
import { z } from 'zod';
import type { GitHubAccess } from '../access.ts';
import { trimText } from '../summaries/issue.ts';
import { githubPage, repoName, SCOPES, shortSha } from './schemas.ts';

export function deploymentTools(access: GitHubAccess) {
  return [
    defineTool({
      name: 'list_deployments',
      title: 'List deployments',
      description: 'Deployments of a repository, newest first: environment, ref, latest status and when.',
      version: '1.0.0',
      access: 'read',
      scopes: SCOPES.read,
      target: ({ repo }) => access.target(repo),
      input: z.object({ repo: repoName, environment: z.string().max(255).optional() }),
      output: z.object({
        deployments: z.array(
          z.object({
            id: z.number(),
            environment: z.string(),
            ref: z.string(),
            sha: z.string(),
            creator: z.string(),
            createdAt: z.string(),
            status: z.string(),
            statusAt: z.string().optional(),
            description: z.string().optional(),
          }),
        ),
      }),
      untrusted: ['deployments.*.description'],
      paginate: { items: 'deployments', pageSize: 10 },
      async handler({ repo, environment }, ctx) {
        const github = access.get();
        const { page, perPage, skip } = githubPage(ctx.page);
        const result = await github.listDeployments(repo, { environment }, { page, perPage }, ctx.signal);
        ctx.hasMore = result.hasNext;
        const items = result.items.slice(skip);
        const statuses = await Promise.all(
          items.map((d) => github.latestDeploymentStatus(repo, d.id, ctx.signal)),
        );
        return {
          deployments: items.map((d, i) => {
            const status = statuses[i];
            const description = status?.description || d.description;
            return {
              id: d.id,
              environment: d.environment,
              ref: d.ref,
              sha: shortSha(d.sha),
              creator: d.creator?.login ?? 'unknown',
              createdAt: d.created_at,
              status: status?.state ?? 'no status',
              ...(status ? { statusAt: status.created_at } : {}),
              ...(description ? { description: trimText(description, 200) } : {}),
            };
          }),
        };
      },
    }),
    defineTool({
      name: 'list_releases',
      title: 'List releases',
      description: 'Releases of a repository, newest first, with trimmed notes.',
      version: '1.0.0',
      access: 'read',
      scopes: SCOPES.read,
      target: ({ repo }) => access.target(repo),
      input: z.object({ repo: repoName }),
      output: z.object({
        releases: z.array(
          z.object({
            tag: z.string(),
            name: z.string(),
            draft: z.boolean(),
            prerelease: z.boolean(),
            publishedAt: z.string().optional(),
            author: z.string(),
            notes: z.string(),
          }),
        ),
      }),
      untrusted: ['releases.*.name', 'releases.*.notes'],
      paginate: { items: 'releases', pageSize: 10 },
      async handler({ repo }, ctx) {
        const { page, perPage, skip } = githubPage(ctx.page);
        const result = await access.get().listReleases(repo, { page, perPage }, ctx.signal);
        ctx.hasMore = result.hasNext;
        return {
          releases: result.items.slice(skip).map((r) => ({
            tag: r.tag_name,
            name: r.name ?? r.tag_name,
            draft: r.draft,
            prerelease: r.prerelease,
            ...(r.published_at ? { publishedAt: r.published_at } : {}),
            author: r.author.login,
            notes: trimText(r.body ?? '', 500),
          })),
        };
      },
    }),
  ];
}
