import type { ServerResponse } from 'node:http';
import type {
  Attachment,
  Comment,
  Fields,
  Issue,
  IssueLink,
  PageOfComments,
  Project,
  SearchResults,
  Transitions,
  UserDetails,
} from 'jira-js-5/version2/models';
import {
  CREATE_FIELDS,
  type FakeContext,
  type FakeIssue,
  ISSUE_TYPES,
  PROJECTS,
  type Route,
  STATUSES,
  send,
  WORKFLOW,
} from './fake-jira.ts';
import { JqlError } from './fake-jql.ts';

/*
 * The Data Center / Server (REST v2) routes of the fake, as Atlassian's Jira Data Center REST reference gives
 * them: /rest/api/2/..., rich text as wiki markup strings, `startAt`/`maxResults`/`total` search paging, users
 * by `name` and `key` (no account ids), create metadata as `values` pages keyed by `fieldId` (8.4+), projects
 * read one by one (no project search). Bodies are typed against jira.js 5's REST v2 models, the newest jira.js
 * types of v2 (jira.js 6 dropped them; routes whose answer is the same on both editions are fake-jira.ts's
 * sharedRoutes); where jira.js's v2 model differs from the Data Center reference (a
 * comment's text is `body`, not `comment`; an issue holds only the fields asked for), the type says so.
 */

/** A v2 issue as Jira sends it: only the fields asked for. */
type DcIssue = Omit<Issue, 'fields'> & {
  fields: Partial<Omit<Fields, 'issuelinks'>> & { issuelinks?: DcIssueLink[] };
};
/** A linked issue inside a link: its key and the few fields Jira adds (summary, status). */
type DcIssueLink = Omit<IssueLink, 'inwardIssue' | 'outwardIssue'> &
  Partial<
    Record<
      'inwardIssue' | 'outwardIssue',
      { id?: string; key: string; self: string; fields: Partial<Fields> }
    >
  >;
/** The Data Center comment: its text is `body` (wiki markup). */
type DcComment = Omit<Comment, 'comment'> & { body: string };

const DC_USERS: Record<string, UserDetails> = {
  ada: { name: 'ada', key: 'JIRAUSER10100', displayName: 'Ada Lovelace', active: true, timeZone: 'UTC' },
  bob: { name: 'bob', key: 'JIRAUSER10101', displayName: 'Bob Builder', active: true, timeZone: 'UTC' },
};

interface ValuesPage<T> {
  self: string;
  maxResults: number;
  startAt: number;
  total: number;
  isLast: boolean;
  values: T[];
}

export function dataCenterRoutes(fake: FakeContext): Route[] {
  const api = () => `${fake.base()}/rest/api/2`;
  const user = (name: string | undefined) =>
    name && DC_USERS[name] ? { ...DC_USERS[name], self: `${api()}/user?username=${name}` } : undefined;
  const projectOf = (key: string) => key.split('-')[0] as string;

  const linkOf = (link: FakeIssue['links'][number], n: number): DcIssueLink => {
    const other = fake.find(link.key);
    const linked = {
      id: other?.id,
      key: link.key,
      self: `${api()}/issue/${other?.id}`,
      fields: { summary: other?.summary, status: STATUSES[other?.status ?? 'To Do'] },
    };
    return {
      id: String(30000 + n),
      type: {
        id: link.type === 'Blocks' ? '10000' : '10003',
        name: link.type,
        inward: link.type === 'Blocks' ? 'is blocked by' : 'relates to',
        outward: link.type === 'Blocks' ? 'blocks' : 'relates to',
      },
      ...(link.direction === 'outward' ? { outwardIssue: linked } : { inwardIssue: linked }),
    };
  };

  const issueJson = (issue: FakeIssue, fields: string[]): DcIssue => {
    const project = PROJECTS.find((p) => p.key === projectOf(issue.key));
    const all: DcIssue['fields'] = {
      summary: issue.summary,
      description: issue.descriptionWiki,
      status: STATUSES[issue.status],
      issuetype: ISSUE_TYPES.find((t) => t.name === issue.type),
      priority: issue.priority ? { id: '3', name: issue.priority } : undefined,
      assignee: user(issue.assignee),
      reporter: user(issue.reporter),
      labels: issue.labels,
      created: issue.created,
      updated: issue.updated,
      issuelinks: issue.links.map(linkOf),
      attachment: (issue.attachments ?? []).map(
        (a): Attachment => ({
          id: a.id,
          self: `${api()}/attachment/${a.id}`,
          filename: a.filename,
          author: user(a.author),
          created: issue.created,
          size: a.size,
          mimeType: a.mimeType,
          content: `${fake.base()}/secure/attachment/${a.id}/${a.filename}`,
        }),
      ),
    };
    const withProject = {
      ...all,
      project: project && { ...project, self: `${api()}/project/${project.id}` },
    };
    const wanted = fields.length > 0 && !fields.includes('*all') ? fields : Object.keys(withProject);
    return {
      id: issue.id,
      key: issue.key,
      self: `${api()}/issue/${issue.id}`,
      fields: Object.fromEntries(
        wanted
          .filter((f) => f in withProject)
          .map((f) => [f, withProject[f as keyof typeof withProject] ?? null]),
      ),
    };
  };

  const commentJson = (key: string, c: FakeIssue['comments'][number]): DcComment => ({
    id: c.id,
    self: `${api()}/issue/${key}/comment/${c.id}`,
    author: user(c.author),
    updateAuthor: user(c.author),
    body: c.bodyWiki ?? '',
    created: c.created,
    updated: c.created,
  });

  const fieldsOf = (q: URLSearchParams) => q.getAll('fields').flatMap((f) => f.split(','));
  const withIssue = (
    handler: (issue: FakeIssue, q: URLSearchParams, body: unknown, res: ServerResponse) => void,
  ) =>
    ((m, q, body, res) => {
      const issue = fake.find(m[1] as string);
      if (!issue) return fake.notFound(res);
      handler(issue, q, body, res);
    }) satisfies Route[2];

  return [
    [
      'GET',
      /^\/rest\/api\/2\/search$/,
      (_m, q, _b, res) => {
        let matched: FakeIssue[];
        try {
          matched = fake.match(q.get('jql') ?? '');
        } catch (e) {
          if (e instanceof JqlError) return fake.error(res, 400, { errorMessages: [e.message], errors: {} });
          throw e;
        }
        const startAt = Number(q.get('startAt') ?? 0);
        const maxResults = Math.min(Number(q.get('maxResults') ?? 50), 1000);
        const body: Omit<SearchResults, 'issues'> & { issues: DcIssue[] } = {
          expand: 'schema,names',
          startAt,
          maxResults,
          total: matched.length,
          issues: matched.slice(startAt, startAt + maxResults).map((i) => issueJson(i, fieldsOf(q))),
        };
        send(res, 200, body);
      },
    ],
    [
      'GET',
      /^\/rest\/api\/2\/issue\/([^/]+)$/,
      withIssue((issue, q, _b, res) => send(res, 200, issueJson(issue, fieldsOf(q)))),
    ],
    [
      'GET',
      /^\/rest\/api\/2\/issue\/([^/]+)\/comment$/,
      withIssue((issue, q, _b, res) => {
        const all = [...issue.comments];
        if (q.get('orderBy') === '-created') all.reverse();
        const startAt = Number(q.get('startAt') ?? 0);
        const maxResults = Number(q.get('maxResults') ?? 5000);
        const body: Omit<PageOfComments, 'comments'> & { comments: DcComment[] } = {
          startAt,
          maxResults,
          total: all.length,
          comments: all.slice(startAt, startAt + maxResults).map((c) => commentJson(issue.key, c)),
        };
        send(res, 200, body);
      }),
    ],
    [
      'POST',
      /^\/rest\/api\/2\/issue\/([^/]+)\/comment$/,
      withIssue((issue, _q, body, res) => {
        const text = (body as { body?: unknown }).body;
        if (typeof text !== 'string' || text.trim() === '')
          return fake.error(res, 400, {
            errorMessages: [],
            errors: { comment: 'Comment body can not be empty!' },
          });
        const comment = {
          id: fake.nextId(),
          author: 'bob',
          body: { type: 'doc' as const, version: 1 as const, content: [] },
          bodyWiki: text,
          created: '2026-12-07T12:00:00.000+0000',
        };
        issue.comments.push(comment);
        send(res, 201, commentJson(issue.key, comment));
      }),
    ],
    [
      'GET',
      /^\/rest\/api\/2\/issue\/([^/]+)\/transitions$/,
      withIssue((issue, _q, _b, res) => {
        const body: Transitions = {
          expand: 'transitions',
          transitions: (WORKFLOW[issue.status] ?? []).map((t) => ({
            id: t.id,
            name: t.name,
            to: STATUSES[t.to],
          })),
        };
        send(res, 200, body);
      }),
    ],
    [
      'PUT',
      /^\/rest\/api\/2\/issue\/([^/]+)$/,
      withIssue((issue, _q, body, res) => {
        const fields = (body as { fields?: Record<string, unknown> }).fields ?? {};
        const errors: Record<string, string> = {};
        for (const f of Object.keys(fields))
          if (!['summary', 'description', 'labels', 'priority'].includes(f))
            errors[f] = `Field '${f}' cannot be set. It is not on the appropriate screen, or unknown.`;
        if (fields.description !== undefined && typeof fields.description !== 'string')
          errors.description = 'Operation value must be a string';
        if (Object.keys(errors).length > 0) return fake.error(res, 400, { errorMessages: [], errors });
        if (typeof fields.summary === 'string') issue.summary = fields.summary;
        if (typeof fields.description === 'string') issue.descriptionWiki = fields.description;
        if (Array.isArray(fields.labels)) issue.labels = fields.labels as string[];
        if (fields.priority) issue.priority = (fields.priority as { name: string }).name;
        send(res, 204, undefined);
      }),
    ],
    [
      'PUT',
      /^\/rest\/api\/2\/issue\/([^/]+)\/assignee$/,
      withIssue((issue, _q, body, res) => {
        const name = (body as { name?: unknown }).name;
        if (typeof name !== 'string' || !DC_USERS[name])
          return fake.error(res, 400, {
            errorMessages: [],
            errors: { assignee: `User '${String(name)}' does not exist.` },
          });
        issue.assignee = name;
        send(res, 204, undefined);
      }),
    ],
    [
      'GET',
      /^\/rest\/api\/2\/project\/([^/]+)$/,
      (m, _q, _b, res) => {
        const project = PROJECTS.find((p) => p.key === m[1] || p.id === m[1]);
        if (!project)
          return fake.error(res, 404, {
            errorMessages: [`No project could be found with key '${m[1]}'.`],
            errors: {},
          });
        const body: Project = {
          ...project,
          self: `${api()}/project/${project.id}`,
          projectTypeKey: 'software',
          archived: false,
        };
        send(res, 200, body);
      },
    ],
    [
      'GET',
      /^\/rest\/api\/2\/issue\/createmeta\/([^/]+)\/issuetypes$/,
      (_m, _q, _b, res) => {
        const body: ValuesPage<(typeof ISSUE_TYPES)[number] & { self: string }> = {
          self: `${api()}/issue/createmeta`,
          maxResults: 50,
          startAt: 0,
          total: ISSUE_TYPES.length,
          isLast: true,
          values: ISSUE_TYPES.map((t) => ({ ...t, self: `${api()}/issuetype/${t.id}` })),
        };
        send(res, 200, body);
      },
    ],
    [
      'GET',
      /^\/rest\/api\/2\/issue\/createmeta\/([^/]+)\/issuetypes\/([^/]+)$/,
      (_m, _q, _b, res) => {
        // Data Center names a field by fieldId; Cloud's `key` is not in its create metadata.
        const body: ValuesPage<Omit<(typeof CREATE_FIELDS)[number], 'key'>> = {
          self: `${api()}/issue/createmeta`,
          maxResults: 200,
          startAt: 0,
          total: CREATE_FIELDS.length,
          isLast: true,
          values: CREATE_FIELDS.map(({ key: _key, ...field }) => ({ ...field, hasDefaultValue: false })),
        };
        send(res, 200, body);
      },
    ],
    [
      'POST',
      /^\/rest\/api\/2\/issue$/,
      (_m, _q, body, res) =>
        fake.create(body, res, '2', (description) =>
          typeof description === 'string'
            ? { descriptionWiki: description }
            : 'Operation value must be a string',
        ),
    ],
  ];
}
