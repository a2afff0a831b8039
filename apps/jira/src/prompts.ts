import { definePrompt } from '@gatehouse/kit';
import { z } from 'zod';
import type { JiraAccess } from './access.ts';
import { adfToMarkdown } from './adf/to-markdown.ts';
import { acceptanceCriteria, issueRow, remoteLinkViews } from './issue-view.ts';
import { ANY_PROJECT, issueKey, projectOfKey, projectTarget } from './projects.ts';
import { checkIssueProjects } from './tools/read.ts';
import { readSprint } from './tools/sprint.ts';
import { fieldsOf } from './upstream/jira.ts';

export function jiraPrompts(access: JiraAccess) {
  return [
    definePrompt({
      name: 'check_acceptance_criteria',
      title: 'Check acceptance criteria',
      description: "Check an issue's linked pull request against its acceptance criteria.",
      version: '1.0.1',
      scopes: ['jira:read'],
      args: z.object({ key: issueKey }),
      target: ({ key }) => projectTarget(projectOfKey(key)),
      async render({ key }, ctx) {
        const jira = access.get();
        const issue = await jira.getIssue(key, ctx.signal);
        checkIssueProjects(issue, ctx);
        const criteria = acceptanceCriteria(adfToMarkdown(fieldsOf(issue).description).markdown);
        const prs = remoteLinkViews(await jira.remoteLinks(key, ctx.signal)).filter((l) =>
          /\/pull\/\d+/.test(l.url),
        );
        const row = issueRow(issue);
        return [
          {
            role: 'user',
            text: [
              `Check whether the pull request(s) linked to ${row.key} ("${row.summary}") meet its acceptance criteria.`,
              `Acceptance criteria:\n${criteria ?? '(none written in the description: say so, and judge from the summary)'}`,
              `Linked pull requests:\n${prs.map((p) => `- ${p.title}: ${p.url}`).join('\n') || '(none linked)'}`,
              'Read each pull request with the GitHub server (get_pull_request, get_pull_request_diff) if the host enables it, then answer per criterion: met, not met, or cannot tell, with the evidence.',
            ].join('\n\n'),
          },
        ];
      },
    }),
    definePrompt({
      name: 'sprint_summary',
      title: 'Sprint summary',
      description: "Summarize a sprint (or a board's active one): progress, risks, what is left.",
      version: '1.0.1',
      scopes: ['jira:read'],
      args: z.object({
        sprintId: z
          .string()
          .regex(/^\d{1,9}$/)
          .optional()
          .describe('Sprint id'),
        boardId: z
          .string()
          .regex(/^\d{1,9}$/)
          .optional()
          .describe('Board id: its active sprint'),
      }),
      target: () => ANY_PROJECT,
      async render({ sprintId, boardId }, ctx) {
        const sprint = await readSprint(
          access,
          {
            sprintId: sprintId ? Number(sprintId) : undefined,
            boardId: boardId ? Number(boardId) : undefined,
          },
          ctx,
        );
        const lines = sprint.issues.map(
          (i) => `- ${i.key} [${i.status}] ${i.summary}${i.assignee ? ` (${i.assignee})` : ''}`,
        );
        return [
          {
            role: 'user',
            text: [
              `Summarize ${sprint.name} (${sprint.state}, ${sprint.startDate ?? '?'} to ${sprint.endDate ?? '?'}) for the team.`,
              sprint.goal ? `Goal: ${sprint.goal}` : 'No goal set.',
              `Progress: ${sprint.progress.done} done, ${sprint.progress.inProgress} in progress, ${sprint.progress.todo} to do.`,
              `Issues:\n${lines.join('\n')}`,
              'Say whether the goal is on track, what is at risk, and what is left; cite issue keys.',
            ].join('\n\n'),
          },
        ];
      },
    }),
  ];
}
