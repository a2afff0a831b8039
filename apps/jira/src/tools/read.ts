import type { HandlerContext } from '@gatehouse/kit';
import { z } from 'zod';
import type { JiraAccess } from '../access.ts';
import { adfToMarkdown } from '../adf/to-markdown.ts';
import {
  acceptanceCriteria,
  attachmentViews,
  clip,
  commentView,
  issueRow,
  linkViews,
  projectsOfIssue,
  remoteLinkViews,
} from '../issue-view.ts';
import { boundJql, parseJql, projectsNamed, quote, withConditions } from '../jql/bound.ts';
import {
  ANY_PROJECT,
  issueKey,
  projectKey,
  projectOfKey,
  projectTarget,
  reachableProjects,
} from '../projects.ts';
import { fieldsOf } from '../upstream/jira.ts';
import { BY_JIRA, jiraTool } from './shared.ts';

const SEARCH_PAGE = 20;
const LATEST_COMMENTS = 5;

const IssueRow = z.object({
  key: z.string(),
  summary: z.string(),
  status: z.string(),
  type: z.string(),
  assignee: z.string().optional(),
  priority: z.string().optional(),
  updated: z.string(),
});

const Comment = z.object({
  id: z.string(),
  author: z.string(),
  created: z.string(),
  body: z.string(),
  unsupported: z.array(z.string()).optional(),
});

/** Refuses an issue Jira answered with outside the caller's reach (it moved, or a key resolved elsewhere). */
export function checkIssueProjects(
  issue: Parameters<typeof projectsOfIssue>[0],
  ctx: Pick<HandlerContext, 'authorizeTarget'>,
) {
  for (const project of projectsOfIssue(issue)) ctx.authorizeTarget(projectTarget(project));
}

export function readTools(access: JiraAccess) {
  return [
    jiraTool({
      name: 'search_issues',
      title: 'Search issues',
      description:
        'Search issues in the allowed projects by filters and/or JQL (kept inside those projects).',
      version: '1.0.1',
      access: 'read',
      target: ({ project }) => (project ? projectTarget(project) : ANY_PROJECT),
      input: z.object({
        project: projectKey.optional(),
        status: z.string().min(1).max(60).optional(),
        assignee: z.string().min(1).max(100).optional().describe('Display name'),
        text: z.string().min(1).max(200).optional().describe('Words in summary or description'),
        jql: z.string().max(2000).optional().describe('Extra JQL condition, ORDER BY allowed'),
        pageToken: z.string().max(2000).optional().describe('From nextPageToken'),
      }),
      output: z.object({ issues: z.array(IssueRow), nextPageToken: z.string().optional() }),
      untrusted: [
        'issues.*.summary',
        'issues.*.status',
        'issues.*.type',
        'issues.*.assignee',
        'issues.*.priority',
      ],
      trusted: {
        'issues.*.key': BY_JIRA.key,
        'issues.*.updated': BY_JIRA.time,
        nextPageToken: BY_JIRA.token,
      },
      async handler(input, ctx) {
        const jira = access.get();
        const parsed = withConditions(
          [
            ...(input.status ? [`status = ${quote(input.status)}`] : []),
            ...(input.assignee ? [`assignee = ${quote(input.assignee)}`] : []),
            ...(input.text ? [`text ~ ${quote(input.text)}`] : []),
          ],
          parseJql(input.jql ?? ''),
        );
        // A project the query names outside the caller's reach is refused (and audited), not silently emptied.
        for (const named of projectsNamed(parsed.where)) ctx.authorizeTarget(projectTarget(named));
        const projects = input.project ? [input.project] : reachableProjects(access.projects, ctx.mayAccess);
        if (projects.length === 0) return { issues: [] };
        const found = await jira.search(
          boundJql(projects, parsed),
          { maxResults: SEARCH_PAGE, nextPageToken: input.pageToken },
          ctx.signal,
        );
        // Jira applied the bound; every result is checked again, by key and by project field.
        const issues = (found.issues ?? []).filter((issue) =>
          projectsOfIssue(issue).every((p) => ctx.mayAccess(projectTarget(p))),
        );
        return {
          issues: issues.map(issueRow),
          ...(found.nextPageToken && !found.isLast ? { nextPageToken: found.nextPageToken } : {}),
        };
      },
    }),
    jiraTool({
      name: 'get_issue',
      title: 'Read an issue',
      description:
        'One issue: description, acceptance criteria, links, PRs, attachments (metadata), latest comments.',
      version: '1.1.0',
      access: 'read',
      target: ({ key }) => projectTarget(projectOfKey(key)),
      input: z.object({ key: issueKey }),
      output: z.object({
        ...IssueRow.shape,
        reporter: z.string().optional(),
        labels: z.array(z.string()),
        created: z.string(),
        description: z.string(),
        acceptanceCriteria: z.string().optional(),
        unsupported: z.array(z.string()).optional(),
        links: z.array(z.string()),
        hiddenLinks: z.number().optional(),
        remoteLinks: z.array(z.string()),
        attachments: z
          .array(z.object({ id: z.string(), name: z.string(), type: z.string(), bytes: z.number() }))
          .optional(),
        moreAttachments: z.number().optional(),
        commentCount: z.number(),
        latestComments: z.array(z.object({ author: z.string(), created: z.string(), body: z.string() })),
      }),
      untrusted: [
        'summary',
        'status',
        'type',
        'assignee',
        'priority',
        'reporter',
        'labels.*',
        'description',
        'acceptanceCriteria',
        'links.*',
        'remoteLinks.*',
        'attachments.*.name',
        'attachments.*.type',
        'latestComments.*.author',
        'latestComments.*.body',
      ],
      trusted: {
        key: BY_JIRA.key,
        updated: BY_JIRA.time,
        created: BY_JIRA.time,
        'unsupported.*': 'ADF node and mark names, from this server',
        'attachments.*.id': BY_JIRA.id,
        'latestComments.*.created': BY_JIRA.time,
      },
      async handler({ key }, ctx) {
        const jira = access.get();
        const issue = await jira.getIssue(key, ctx.signal);
        checkIssueProjects(issue, ctx);
        const [comments, remote] = await Promise.all([
          jira.comments(key, { startAt: 0, maxResults: LATEST_COMMENTS, newestFirst: true }, ctx.signal),
          jira.remoteLinks(key, ctx.signal),
        ]);
        const f = fieldsOf(issue);
        const { markdown, unsupported } = adfToMarkdown(f.description);
        const criteria = acceptanceCriteria(markdown);
        return {
          ...issueRow(issue),
          ...(f.reporter?.displayName ? { reporter: f.reporter.displayName } : {}),
          labels: f.labels ?? [],
          created: f.created ?? '',
          description: clip(markdown),
          ...(criteria ? { acceptanceCriteria: clip(criteria, 2000) } : {}),
          ...(unsupported.length > 0 ? { unsupported } : {}),
          ...(({ links, hiddenLinks }) => ({
            links: links.map((l) => `${l.relation} ${l.key} (${l.status}): ${l.summary}`),
            ...(hiddenLinks > 0 ? { hiddenLinks } : {}),
          }))(linkViews(f.issuelinks ?? [], ctx.mayAccess)),
          remoteLinks: remoteLinkViews(remote).map((l) => `${l.title} <${l.url}>`),
          ...(({ attachments, moreAttachments }) => ({
            ...(attachments.length > 0 ? { attachments } : {}),
            ...(moreAttachments > 0 ? { moreAttachments } : {}),
          }))(attachmentViews(f.attachment ?? [])),
          commentCount: comments.total ?? 0,
          latestComments: (comments.comments ?? [])
            .map(commentView)
            .map(({ author, created, body }) => ({ author, created, body }))
            .reverse(),
        };
      },
    }),
    jiraTool({
      name: 'list_comments',
      title: 'List comments',
      description: "An issue's comments as Markdown, oldest first.",
      version: '1.0.1',
      access: 'read',
      target: ({ key }) => projectTarget(projectOfKey(key)),
      input: z.object({ key: issueKey }),
      output: z.object({ total: z.number(), comments: z.array(Comment) }),
      untrusted: ['comments.*.author', 'comments.*.body'],
      trusted: {
        'comments.*.id': BY_JIRA.id,
        'comments.*.created': BY_JIRA.time,
        'comments.*.unsupported.*': 'ADF node and mark names, from this server',
      },
      paginate: { items: 'comments', pageSize: 20 },
      async handler({ key }, ctx) {
        const page = await access
          .get()
          .comments(key, { startAt: ctx.page.offset, maxResults: ctx.page.limit }, ctx.signal);
        const comments = page.comments ?? [];
        const total = page.total ?? comments.length;
        ctx.hasMore = ctx.page.offset + comments.length < total;
        return { total, comments: comments.map(commentView) };
      },
    }),
    jiraTool({
      name: 'list_projects',
      title: 'List projects',
      description: 'The Jira projects this server may reach.',
      version: '1.0.1',
      access: 'read',
      target: () => ANY_PROJECT,
      input: z.object({}),
      output: z.object({
        projects: z.array(z.object({ key: z.string(), name: z.string(), type: z.string() })),
      }),
      untrusted: ['projects.*.name'],
      trusted: {
        'projects.*.key': 'a project key from the server allowlist',
        'projects.*.type': 'Jira enum',
      },
      async handler(_input, ctx) {
        const keys = reachableProjects(access.projects, ctx.mayAccess);
        if (keys.length === 0) return { projects: [] };
        const page = await access.get().projects(keys, { startAt: 0, maxResults: 50 }, ctx.signal);
        return {
          projects: page.values
            .filter((p) => p.key && keys.includes(p.key.toUpperCase()))
            .map((p) => ({ key: p.key ?? '', name: p.name ?? '', type: String(p.projectTypeKey ?? '') })),
        };
      },
    }),
  ];
}
