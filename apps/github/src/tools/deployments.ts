import { z } from 'zod';
import type { GitHubAccess } from '../access.ts';
import { repoTool } from '../repo-scoped.ts';
import { trimText } from '../summaries/issue.ts';
import { kitPageOf } from './paging.ts';
import { BY_GITHUB, repoName, shortSha } from './schemas.ts';

export function deploymentTools(access: GitHubAccess) {
  return [
    repoTool(access, {
      name: 'list_deployments',
      title: 'List deployments',
      description: 'Deployments, newest first, each with its latest status.',
      version: '1.0.2',
      access: 'read',
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
      untrusted: [
        'deployments.*.environment',
        'deployments.*.ref',
        'deployments.*.creator',
        'deployments.*.description',
      ],
      trusted: {
        'deployments.*.sha': BY_GITHUB.sha,
        'deployments.*.createdAt': BY_GITHUB.time,
        'deployments.*.status': BY_GITHUB.state,
        'deployments.*.statusAt': BY_GITHUB.time,
      },
      paginate: { items: 'deployments', pageSize: 10 },
      async handler({ repo, environment }, ctx) {
        const github = access.get();
        const items = await kitPageOf(ctx, (page) =>
          github.listDeployments(repo, { environment }, page, ctx.signal),
        );
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
    repoTool(access, {
      name: 'list_releases',
      title: 'List releases',
      description: 'Releases, newest first, with trimmed notes.',
      version: '1.0.2',
      access: 'read',
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
      untrusted: ['releases.*.tag', 'releases.*.name', 'releases.*.author', 'releases.*.notes'],
      trusted: { 'releases.*.publishedAt': BY_GITHUB.time },
      paginate: { items: 'releases', pageSize: 10 },
      async handler({ repo }, ctx) {
        const github = access.get();
        const releases = await kitPageOf(ctx, (page) => github.listReleases(repo, page, ctx.signal));
        return {
          releases: releases.map((r) => ({
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
