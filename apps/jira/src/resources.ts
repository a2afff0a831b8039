import { defineResource } from '@gatehouse/kit';
import type { JiraAccess } from './access.ts';
import { adfToMarkdown } from './adf/to-markdown.ts';
import { issueRow } from './issue-view.ts';
import { projectMetadata } from './project-metadata.ts';
import { projectOfKey, projectTarget } from './projects.ts';
import { checkIssueProjects } from './tools/read.ts';
import { fieldsOf } from './upstream/jira.ts';

export function jiraResources(access: JiraAccess) {
  return [
    defineResource({
      name: 'project',
      title: 'Jira project metadata',
      description: "A project's issue types, the statuses of each, and the fields creating one needs.",
      version: '1.0.1',
      scopes: ['jira:read'],
      mimeType: 'text/markdown',
      uri: 'jira://project/{key}',
      target: ({ key }) => projectTarget(key ?? ''),
      // Type, status and field names are set by the site's admins: third-party text, fenced.
      untrusted: true,
      list: async () => access.projects.map((key) => ({ uri: `jira://project/${key}`, name: key })),
      read: async ({ key }, ctx) => ({
        text: await projectMetadata(access.get(), String(key ?? '').toUpperCase(), ctx.signal),
      }),
    }),
    defineResource({
      name: 'issue',
      title: 'Jira issue',
      description: 'One issue as Markdown: summary, status and description.',
      version: '1.0.1',
      scopes: ['jira:read'],
      mimeType: 'text/markdown',
      uri: 'jira://issue/{key}',
      target: ({ key }) => projectTarget(projectOfKey(key ?? '')),
      // Ticket text is written by people: the kit fences it as data, never as instructions.
      untrusted: true,
      async read({ key }, ctx) {
        const issue = await access.get().getIssue(String(key ?? '').toUpperCase(), ctx.signal);
        checkIssueProjects(issue, ctx);
        const row = issueRow(issue);
        const { markdown } = adfToMarkdown(fieldsOf(issue).description);
        return {
          text: `# ${row.key}: ${row.summary}\n\nStatus: ${row.status} · ${row.type}\n\n${markdown}\n`,
        };
      },
    }),
  ];
}
