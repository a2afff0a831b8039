import { getAllSprints, getSprint } from 'jira.js/agile';
import type {
  Attachment,
  Issue,
  IssueLink,
  RemoteIssueLink,
  StatusDetails,
  UserDetails,
} from 'jira.js/cloud';
import {
  addComment,
  assignIssue,
  createIssue,
  doTransition,
  editIssue,
  getAllStatuses,
  getComments,
  getCreateIssueMetaIssueTypeId,
  getCreateIssueMetaIssueTypes,
  getIssue,
  getRemoteIssueLinks,
  getTransitions,
  searchAndReconsileIssuesUsingJql,
  searchProjects,
} from 'jira.js/cloud';
import type { AdfDoc } from '../adf/types.ts';
import type { ClientFor } from './client.ts';
import { toToolError } from './errors.ts';

/*
 * The adapter to Jira Cloud's REST v3 through jira.js: it knows nothing of MCP or policy. Every call takes the
 * call's AbortSignal; failures become ToolErrors naming what was being done. Issue fields come back from Jira as
 * a free-form record (jira.js types them `Record<string, any>`), so the fields this server reads are typed here.
 */

/** The issue fields this server asks for, as Jira's REST v3 sends them. */
export interface IssueFields {
  summary?: string;
  description?: AdfDoc | null;
  status?: StatusDetails;
  assignee?: UserDetails | null;
  reporter?: UserDetails | null;
  issuetype?: { name?: string };
  priority?: { name?: string } | null;
  labels?: string[];
  created?: string;
  updated?: string;
  project?: { key?: string };
  issuelinks?: IssueLink[];
  parent?: { key?: string };
  attachment?: Attachment[];
}

export const ISSUE_FIELDS = [
  'summary',
  'status',
  'assignee',
  'reporter',
  'issuetype',
  'priority',
  'labels',
  'created',
  'updated',
  'project',
  'issuelinks',
  'parent',
  'attachment',
];
export const SEARCH_FIELDS = ['summary', 'status', 'assignee', 'issuetype', 'priority', 'updated', 'project'];

export const fieldsOf = (issue: Issue) => (issue.fields ?? {}) as IssueFields;

/** What the tools ask of Jira, whichever edition answers (Cloud: Jira; Data Center / Server: JiraDataCenter). */
export type JiraApi = { [K in keyof Jira]: Jira[K] };

export class Jira {
  readonly #client: ClientFor;

  constructor(client: ClientFor) {
    this.#client = client;
  }

  async #run<T>(what: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw toToolError(error, what);
    }
  }

  search(
    jql: string,
    page: { maxResults: number; nextPageToken?: string | undefined },
    signal: AbortSignal,
    fields: string[] = SEARCH_FIELDS,
  ) {
    return this.#run('searching issues', () =>
      searchAndReconsileIssuesUsingJql(this.#client(signal), {
        jql,
        maxResults: page.maxResults,
        nextPageToken: page.nextPageToken,
        fields,
      }),
    );
  }

  sprint(sprintId: number, signal: AbortSignal) {
    return this.#run(`reading sprint ${sprintId}`, () => getSprint(this.#client(signal), { sprintId }));
  }

  /** The board's active sprint, or undefined when none is active. */
  activeSprint(boardId: number, signal: AbortSignal) {
    return this.#run(`reading the sprints of board ${boardId}`, async () => {
      const page = await getAllSprints(this.#client(signal), { boardId, state: 'active', maxResults: 1 });
      return page.values?.[0];
    });
  }

  getIssue(key: string, signal: AbortSignal, fields: string[] = [...ISSUE_FIELDS, 'description']) {
    return this.#run(`reading ${key}`, () => getIssue(this.#client(signal), { issueIdOrKey: key, fields }));
  }

  comments(
    key: string,
    page: { startAt: number; maxResults: number; newestFirst?: boolean },
    signal: AbortSignal,
  ) {
    return this.#run(`reading the comments of ${key}`, () =>
      getComments(this.#client(signal), {
        issueIdOrKey: key,
        startAt: page.startAt,
        maxResults: page.maxResults,
        orderBy: page.newestFirst ? '-created' : 'created',
      }),
    );
  }

  remoteLinks(key: string, signal: AbortSignal): Promise<RemoteIssueLink[]> {
    return this.#run(`reading the links of ${key}`, async () => {
      const links = await getRemoteIssueLinks(this.#client(signal), { issueIdOrKey: key });
      return Array.isArray(links) ? links : [links];
    });
  }

  projects(keys: readonly string[], page: { startAt: number; maxResults: number }, signal: AbortSignal) {
    return this.#run('listing projects', () =>
      searchProjects(this.#client(signal), {
        keys: [...keys],
        startAt: page.startAt,
        maxResults: page.maxResults,
      }),
    );
  }

  statuses(project: string, signal: AbortSignal) {
    return this.#run(`reading the statuses of ${project}`, () =>
      getAllStatuses(this.#client(signal), { projectIdOrKey: project }),
    );
  }

  transitions(key: string, signal: AbortSignal) {
    return this.#run(`reading the transitions of ${key}`, () =>
      getTransitions(this.#client(signal), { issueIdOrKey: key }),
    );
  }

  transition(key: string, transitionId: string, signal: AbortSignal) {
    return this.#run(`transitioning ${key}`, () =>
      doTransition(this.#client(signal), { issueIdOrKey: key, transition: { id: transitionId } }),
    );
  }

  addComment(key: string, body: AdfDoc, signal: AbortSignal) {
    return this.#run(`commenting on ${key}`, () =>
      addComment(this.#client(signal), { issueIdOrKey: key, body: { ...body } }),
    );
  }

  createMetaIssueTypes(project: string, signal: AbortSignal) {
    return this.#run(`reading the issue types of ${project}`, () =>
      getCreateIssueMetaIssueTypes(this.#client(signal), { projectIdOrKey: project, maxResults: 50 }),
    );
  }

  createMetaFields(project: string, issueTypeId: string, signal: AbortSignal) {
    return this.#run(`reading the fields of ${project}`, () =>
      getCreateIssueMetaIssueTypeId(this.#client(signal), {
        projectIdOrKey: project,
        issueTypeId,
        maxResults: 200,
      }),
    );
  }

  createIssue(fields: Record<string, unknown>, signal: AbortSignal) {
    return this.#run('creating the issue', () => createIssue(this.#client(signal), { fields }));
  }

  editIssue(key: string, fields: Record<string, unknown>, signal: AbortSignal) {
    return this.#run(`updating ${key}`, () => editIssue(this.#client(signal), { issueIdOrKey: key, fields }));
  }

  assign(key: string, accountId: string | null, signal: AbortSignal) {
    return this.#run(`assigning ${key}`, () =>
      assignIssue(this.#client(signal), { issueIdOrKey: key, accountId: accountId ?? undefined }),
    );
  }
}
