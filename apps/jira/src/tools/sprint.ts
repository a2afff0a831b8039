import { ErrorCode, ToolError } from '@gatehouse/kit';
import { z } from 'zod';
import type { JiraAccess } from '../access.ts';
import { issueRow, projectsOfIssue } from '../issue-view.ts';
import { boundJql, parseJql } from '../jql/bound.ts';
import { ANY_PROJECT, projectTarget, reachableProjects } from '../projects.ts';
import { fieldsOf } from '../upstream/jira.ts';
import { BY_JIRA, jiraTool } from './shared.ts';

const MAX_ISSUES = 100;
const iso = (d: Date | undefined) => (d instanceof Date ? d.toISOString() : undefined);

/**
 * A sprint's progress, counted over the issues of the projects the caller may reach: a sprint spans boards and
 * projects, so its issues are searched with the same project bound as search_issues (`sprint = N` inside it), and
 * a sprint with none of them is not found (its name and goal would tell of other projects).
 */
export function sprintTools(access: JiraAccess) {
  return [
    jiraTool({
      name: 'get_sprint',
      title: 'Sprint progress',
      description: "A sprint (or a board's active one): dates, goal, and its issues in the allowed projects.",
      version: '1.0.1',
      access: 'read',
      target: () => ANY_PROJECT,
      input: z.object({
        sprintId: z.number().int().min(1).optional(),
        boardId: z.number().int().min(1).optional().describe('Its active sprint'),
      }),
      output: z.object({
        id: z.number(),
        name: z.string(),
        state: z.string(),
        goal: z.string().optional(),
        startDate: z.string().optional(),
        endDate: z.string().optional(),
        progress: z.object({ todo: z.number(), inProgress: z.number(), done: z.number() }),
        issues: z.array(
          z.object({
            key: z.string(),
            summary: z.string(),
            status: z.string(),
            assignee: z.string().optional(),
          }),
        ),
      }),
      untrusted: ['name', 'goal', 'issues.*.summary', 'issues.*.status', 'issues.*.assignee'],
      trusted: {
        state: 'Jira enum',
        startDate: BY_JIRA.time,
        endDate: BY_JIRA.time,
        'issues.*.key': BY_JIRA.key,
      },
      handler: (input, ctx) => readSprint(access, input, ctx),
    }),
  ];
}

/** The sprint, or the board's active one, over the issues of the projects the caller may reach. */
export async function readSprint(
  access: JiraAccess,
  { sprintId, boardId }: { sprintId?: number | undefined; boardId?: number | undefined },
  ctx: { signal: AbortSignal; mayAccess(target: string): boolean },
) {
  const jira = access.get();
  if (sprintId === undefined && boardId === undefined)
    throw new ToolError(ErrorCode.InvalidInput, 'Name a sprintId, or a boardId for its active sprint.');
  const sprint =
    sprintId !== undefined
      ? await jira.sprint(sprintId, ctx.signal)
      : await jira.activeSprint(boardId as number, ctx.signal);
  if (!sprint?.id) throw new ToolError(ErrorCode.NotFound, `Board ${boardId} has no active sprint.`);
  const projects = reachableProjects(access.projects, ctx.mayAccess);
  const found =
    projects.length === 0
      ? { issues: [] }
      : await jira.search(
          boundJql(projects, parseJql(`sprint = ${sprint.id} ORDER BY rank`)),
          { maxResults: MAX_ISSUES },
          ctx.signal,
          ['summary', 'status', 'assignee', 'project'],
        );
  const issues = (found.issues ?? []).filter((i) =>
    projectsOfIssue(i).every((p) => ctx.mayAccess(projectTarget(p))),
  );
  if (issues.length === 0)
    throw new ToolError(
      ErrorCode.NotFound,
      `Sprint ${sprint.id} has no issues in the projects you may reach.`,
    );
  const progress = { todo: 0, inProgress: 0, done: 0 };
  for (const issue of issues) {
    const category = fieldsOf(issue).status?.statusCategory?.key;
    if (category === 'done') progress.done++;
    else if (category === 'indeterminate') progress.inProgress++;
    else progress.todo++;
  }
  return {
    id: sprint.id,
    name: sprint.name ?? '',
    state: String(sprint.state),
    ...(sprint.goal ? { goal: sprint.goal } : {}),
    ...(iso(sprint.startDate) ? { startDate: iso(sprint.startDate) } : {}),
    ...(iso(sprint.endDate) ? { endDate: iso(sprint.endDate) } : {}),
    progress,
    issues: issues.map((issue) => {
      const { key, summary, status, assignee } = issueRow(issue);
      return { key, summary, status, ...(assignee ? { assignee } : {}) };
    }),
  };
}
