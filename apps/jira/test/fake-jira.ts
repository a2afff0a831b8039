import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GetAllSprints, Sprint } from 'jira.js/agile';
import type {
  Attachment,
  Comment,
  CreatedIssue,
  ErrorCollection,
  Issue,
  IssueLink,
  IssueTypeWithStatus,
  PageOfComments,
  PageOfCreateMetaIssueTypes,
  PageOfCreateMetaIssueTypeWithField,
  PageProject,
  RemoteIssueLink,
  SearchAndReconcileResults,
  StatusDetails,
  Transitions,
  UserDetails,
} from 'jira.js/cloud';
import type {
  CreatedIssue as V2CreatedIssue,
  IssueTypeWithStatus as V2IssueTypeWithStatus,
  RemoteIssueLink as V2RemoteIssueLink,
} from 'jira-js-5/version2/models';
import type { AdfDoc } from '../src/adf/types.ts';
import { dataCenterRoutes } from './fake-jira-dc.ts';
import { compileJql, JqlError } from './fake-jql.ts';

/*
 * A fake Jira Cloud (REST v3) on loopback, for the routes this server calls, answering with the shapes
 * Atlassian's REST v3 description gives: every response body is typed against jira.js's own models (so the
 * compiler checks the shapes) and the tests' client validates it against jira.js's schemas at run time
 * (`onSchemaMismatch: 'throw'`). Pagination is Jira's: `nextPageToken`/`isLast` for /search/jql, `startAt`/
 * `maxResults`/`total` for comments and the project search. Errors are Jira's `ErrorCollection`. Basic auth is
 * checked and every request recorded, so a test can prove what reached "Jira" and with which credential.
 * `startFakeJira({ edition: 'datacenter' })` serves Jira Data Center's REST v2 instead (fake-jira-dc.ts), with a
 * personal access token; the agile routes are the same on both.
 */

export const FAKE_AUTH = { email: 'bot@acme.test', apiToken: 'jira-api-token-for-tests' };
const BASIC = `Basic ${Buffer.from(`${FAKE_AUTH.email}:${FAKE_AUTH.apiToken}`).toString('base64')}`;

/** The OAuth 2.0 (3LO) app and grant the fake knows: its first refresh token, and the site's cloud id. */
export const FAKE_OAUTH = {
  clientId: 'gatehouse-test-app',
  clientSecret: 'oauth-client-secret-for-tests',
  refreshToken: 'oauth-refresh-0-for-tests',
  cloudId: '1324a887-45db-1bf4-1e99-ef0ff456d421',
};

export interface FakeIssue {
  id: string;
  key: string;
  summary: string;
  description?: AdfDoc;
  status: string;
  type: string;
  priority?: string;
  assignee?: string;
  reporter?: string;
  labels: string[];
  created: string;
  updated: string;
  links: { type: 'Blocks' | 'Relates'; direction: 'inward' | 'outward'; key: string }[];
  remoteLinks: { title: string; url: string }[];
  comments: { id: string; author: string; body: AdfDoc; bodyWiki?: string; created: string }[];
  /** The description as Data Center holds it (wiki markup); Cloud serves `description`. */
  descriptionWiki?: string;
  attachments?: { id: string; filename: string; mimeType: string; size: number; author: string }[];
  sprint?: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  authorization: string | undefined;
  body: unknown;
}

export interface Fault {
  method?: string;
  path: RegExp;
  /** Answer with this Jira error; absent: answer normally, after `delayMs`. */
  status?: number;
  delayMs?: number;
  body?: ErrorCollection;
  headers?: Record<string, string>;
  times?: number;
}

export const USERS: Record<string, UserDetails> = {
  ada: { accountId: '557058:ada', displayName: 'Ada Lovelace', active: true, accountType: 'atlassian' },
  bob: { accountId: '557058:bob', displayName: 'Bob Builder', active: true, accountType: 'atlassian' },
};

export const STATUSES: Record<string, StatusDetails> = {
  'To Do': {
    id: '10000',
    name: 'To Do',
    statusCategory: { id: 2, key: 'new', name: 'To Do', colorName: 'blue-gray' },
  },
  'In Progress': {
    id: '3',
    name: 'In Progress',
    statusCategory: { id: 4, key: 'indeterminate', name: 'In Progress', colorName: 'yellow' },
  },
  Done: {
    id: '10001',
    name: 'Done',
    statusCategory: { id: 3, key: 'done', name: 'Done', colorName: 'green' },
  },
};

/** The workflow: from each status, the transitions Jira offers (id, name, target status). */
export const WORKFLOW: Record<string, { id: string; name: string; to: string }[]> = {
  'To Do': [
    { id: '11', name: 'Start progress', to: 'In Progress' },
    { id: '31', name: 'Done', to: 'Done' },
  ],
  'In Progress': [
    { id: '21', name: 'Stop progress', to: 'To Do' },
    { id: '31', name: 'Done', to: 'Done' },
  ],
  Done: [{ id: '41', name: 'Reopen', to: 'To Do' }],
};

export const PROJECTS = [
  { id: '10000', key: 'API', name: 'Gatehouse API' },
  { id: '10001', key: 'WEB', name: 'Web app' },
  { id: '10002', key: 'SECRET', name: 'Secret project' },
];

export const ISSUE_TYPES = [
  { id: '10001', name: 'Task', subtask: false },
  { id: '10002', name: 'Bug', subtask: false },
];

const doc = (...content: AdfDoc['content']): AdfDoc => ({ type: 'doc', version: 1, content });
const para = (text: string) => ({ type: 'paragraph', content: [{ type: 'text', text }] });

export function seedIssues(): FakeIssue[] {
  const base = { labels: [], links: [], remoteLinks: [], comments: [], type: 'Task', priority: 'Medium' };
  return [
    {
      ...base,
      id: '10100',
      key: 'API-1',
      sprint: 7,
      summary: 'Rate limit the login endpoint',
      status: 'In Progress',
      assignee: 'ada',
      reporter: 'bob',
      labels: ['security'],
      created: '2026-11-02T09:00:00.000+0000',
      updated: '2026-12-01T10:00:00.000+0000',
      description: doc(
        para('Brute force attempts reach the login endpoint unthrottled.'),
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Acceptance criteria' }] },
        {
          type: 'bulletList',
          content: [
            { type: 'listItem', content: [para('At most 5 attempts per minute per account')] },
            { type: 'listItem', content: [para('A 429 carries Retry-After')] },
          ],
        },
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Notes' }] },
        {
          type: 'codeBlock',
          attrs: { language: 'sh' },
          content: [{ type: 'text', text: 'curl -X POST /login' }],
        },
      ),
      descriptionWiki: [
        'Brute force attempts reach the login endpoint unthrottled.',
        '',
        'h2. Acceptance criteria',
        '* At most 5 attempts per minute per account',
        '* A 429 carries Retry-After',
        '',
        'h2. Notes',
        '{code:sh}',
        'curl -X POST /login',
        '{code}',
      ].join('\n'),
      links: [
        { type: 'Blocks', direction: 'outward', key: 'WEB-1' },
        { type: 'Relates', direction: 'inward', key: 'SECRET-1' },
      ],
      remoteLinks: [{ title: 'acme/api#42: throttle login', url: 'https://github.com/acme/api/pull/42' }],
      attachments: [
        { id: '50001', filename: 'login-flow.png', mimeType: 'image/png', size: 48213, author: 'ada' },
        { id: '50002', filename: 'attempts.csv', mimeType: 'text/csv', size: 1204, author: 'bob' },
      ],
      comments: Array.from({ length: 7 }, (_, n) => ({
        id: String(20000 + n),
        author: n % 2 === 0 ? 'ada' : 'bob',
        body: doc(para(`Comment ${n + 1}`)),
        bodyWiki: `Comment ${n + 1}`,
        created: `2026-11-${String(10 + n).padStart(2, '0')}T12:00:00.000+0000`,
      })),
    },
    {
      ...base,
      id: '10101',
      key: 'API-2',
      sprint: 7,
      summary: 'Document the audit log format',
      status: 'To Do',
      created: '2026-11-03T09:00:00.000+0000',
      updated: '2026-11-20T10:00:00.000+0000',
      description: doc(para('The audit log needs a reference page.')),
      descriptionWiki: 'The audit log needs a reference page.',
    },
    {
      ...base,
      id: '10200',
      key: 'WEB-1',
      sprint: 7,
      summary: 'Login form shows the rate limit message',
      status: 'To Do',
      type: 'Bug',
      assignee: 'bob',
      created: '2026-11-04T09:00:00.000+0000',
      updated: '2026-11-25T10:00:00.000+0000',
    },
    {
      ...base,
      id: '10300',
      key: 'SECRET-1',
      sprint: 7,
      summary: 'Confidential: acquisition of login vendor',
      status: 'To Do',
      created: '2026-11-05T09:00:00.000+0000',
      updated: '2026-12-02T10:00:00.000+0000',
    },
  ];
}

/**
 * Atlassian's OAuth 2.0 side, as its 3LO documentation describes it: `POST /oauth/token` with
 * `grant_type=refresh_token` answers a new access token and a ROTATED refresh token (the one sent stops working);
 * API calls carry the access token through the gateway path `/ex/jira/{cloudId}/rest/...`, never the site's own.
 */
export interface FakeOAuth {
  /** Lifetime, in seconds, of the access tokens it mints. */
  expiresIn: number;
  /** The refresh token that works now (each refresh replaces it). */
  readonly refreshToken: string;
  /** Access tokens minted so far, oldest first. */
  readonly minted: string[];
  /** Every token request's body, as sent. */
  readonly tokenRequests: Record<string, unknown>[];
  /** Make every access token minted so far stop working (Jira answers 401 to it). */
  revokeAccessTokens(): void;
}

export interface FakeJira {
  readonly url: string;
  readonly oauth: FakeOAuth;
  readonly requests: RecordedRequest[];
  readonly issues: Map<string, FakeIssue>;
  /** Answer matching requests with a Jira error (`times` times, default always). */
  fail(fault: Fault): void;
  /** Move an issue to another project: the old key still resolves to it, as in Jira. */
  move(key: string, newKey: string): void;
  reset(): void;
  close(): Promise<void>;
}

/** The personal access token a fake Data Center accepts (Authorization: Bearer). */
export const FAKE_PAT = 'dc-personal-access-token-for-tests';

export type Handler = (m: RegExpExecArray, q: URLSearchParams, body: unknown, res: ServerResponse) => void;
export type Route = [string, RegExp, Handler];

/** What the edition-specific routes share with the fake: its issues and its JQL. */
export interface FakeContext {
  base(): string;
  readonly issues: Map<string, FakeIssue>;
  find(key: string): FakeIssue | undefined;
  /** The issues a JQL query matches, in its order (throws JqlError as Jira answers 400). */
  match(jql: string): FakeIssue[];
  nextId(): string;
  /** Jira's create (see startFakeJira), the description stored by `richText` or refused with its message. */
  create(
    body: unknown,
    res: ServerResponse,
    v: '2' | '3',
    richText: (description: unknown) => Partial<FakeIssue> | string,
  ): void;
  error(res: ServerResponse, status: number, body: ErrorCollection, headers?: Record<string, string>): void;
  notFound(res: ServerResponse): void;
}

export interface FakeOptions {
  /** cloud (default): REST v3 with ADF, Basic auth and OAuth; datacenter: REST v2 with wiki markup and a PAT. */
  edition?: 'cloud' | 'datacenter';
}

export async function startFakeJira(options: FakeOptions = {}): Promise<FakeJira> {
  const edition = options.edition ?? 'cloud';
  const issues = new Map<string, FakeIssue>();
  const aliases = new Map<string, string>();
  const requests: RecordedRequest[] = [];
  let faults: Fault[] = [];
  let nextId = 10500;
  let base = '';
  const oauthState = {
    expiresIn: 3600,
    refreshToken: FAKE_OAUTH.refreshToken,
    minted: [] as string[],
    live: new Map<string, number>(),
    tokenRequests: [] as Record<string, unknown>[],
  };
  const oauth: FakeOAuth = {
    get expiresIn() {
      return oauthState.expiresIn;
    },
    set expiresIn(seconds) {
      oauthState.expiresIn = seconds;
    },
    get refreshToken() {
      return oauthState.refreshToken;
    },
    minted: oauthState.minted,
    tokenRequests: oauthState.tokenRequests,
    revokeAccessTokens: () => oauthState.live.clear(),
  };
  const reset = () => {
    oauthState.expiresIn = 3600;
    oauthState.refreshToken = FAKE_OAUTH.refreshToken;
    oauthState.minted.length = 0;
    oauthState.tokenRequests.length = 0;
    oauthState.live.clear();
    issues.clear();
    aliases.clear();
    faults = [];
    requests.length = 0;
    for (const issue of seedIssues()) issues.set(issue.key, issue);
  };
  reset();

  const find = (key: string) => issues.get(aliases.get(key.toUpperCase()) ?? key.toUpperCase());
  const projectOf = (key: string) => key.split('-')[0] as string;
  const user = (name: string | undefined) => (name ? USERS[name] : undefined);

  const linkOf = (link: FakeIssue['links'][number], n: number): IssueLink => {
    const other = find(link.key);
    const linked = {
      id: other?.id,
      key: link.key,
      self: `${base}/rest/api/3/issue/${other?.id}`,
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

  const issueJson = (issue: FakeIssue, fields: string[] | undefined): Issue => {
    const all: Record<string, unknown> = {
      summary: issue.summary,
      description: issue.description ?? null,
      status: STATUSES[issue.status],
      issuetype: ISSUE_TYPES.find((t) => t.name === issue.type),
      priority: issue.priority ? { id: '3', name: issue.priority } : null,
      assignee: user(issue.assignee) ?? null,
      reporter: user(issue.reporter) ?? null,
      labels: issue.labels,
      created: issue.created,
      updated: issue.updated,
      project: PROJECTS.find((p) => p.key === projectOf(issue.key)),
      issuelinks: issue.links.map(linkOf),
      attachment: (issue.attachments ?? []).map(
        (a): Attachment => ({
          id: a.id,
          self: `${base}/rest/api/3/attachment/${a.id}`,
          filename: a.filename,
          author: user(a.author),
          created: new Date(issue.created),
          size: a.size,
          mimeType: a.mimeType,
          content: `${base}/rest/api/3/attachment/content/${a.id}`,
        }),
      ),
    };
    const wanted = fields && fields.length > 0 && !fields.includes('*all') ? fields : Object.keys(all);
    return {
      id: issue.id,
      key: issue.key,
      self: `${base}/rest/api/3/issue/${issue.id}`,
      fields: Object.fromEntries(wanted.filter((f) => f in all).map((f) => [f, all[f]])),
    };
  };

  const commentJson = (key: string, c: FakeIssue['comments'][number]): Comment => ({
    id: c.id,
    self: `${base}/rest/api/3/issue/${key}/comment/${c.id}`,
    author: user(c.author),
    updateAuthor: user(c.author),
    body: c.body,
    created: new Date(c.created),
    updated: new Date(c.created),
    jsdPublic: true,
  });

  const error = (
    res: ServerResponse,
    status: number,
    body: ErrorCollection,
    headers: Record<string, string> = {},
  ) => send(res, status, body, headers);

  const notFound = (res: ServerResponse) =>
    error(res, 404, {
      errorMessages: ['Issue does not exist or you do not have permission to see it.'],
      errors: {},
    });
  const sprint: Sprint = {
    id: 7,
    self: '',
    state: 'active',
    name: 'Sprint 7',
    goal: 'Ship login rate limiting',
    startDate: new Date('2026-11-30T09:00:00.000Z'),
    endDate: new Date('2026-12-14T17:00:00.000Z'),
    originBoardId: 3,
  };
  const match = (jql: string) => {
    const compiled = compileJql(jql);
    return [...issues.values()]
      .map((i) => ({
        issue: i,
        record: {
          key: i.key,
          project: projectOf(i.key),
          summary: i.summary,
          text: JSON.stringify(i.description ?? '') + (i.descriptionWiki ?? ''),
          status: i.status,
          assignee: i.assignee ? USERS[i.assignee]?.displayName : undefined,
          labels: i.labels,
          type: i.type,
          priority: i.priority,
          created: i.created,
          updated: i.updated,
          sprint: i.sprint === undefined ? undefined : String(i.sprint),
        },
      }))
      .filter((r) => compiled.where(r.record))
      .sort((a, b) => compiled.order(a.record, b.record))
      .map((r) => r.issue);
  };
  const agileRoutes: Route[] = [
    [
      'GET',
      /^\/rest\/agile\/1\.0\/sprint\/(\d+)$/,
      (m, _q, _b, res) => {
        if (Number(m[1]) !== sprint.id)
          return error(res, 404, { errorMessages: [`Sprint with id ${m[1]} does not exist`], errors: {} });
        send(res, 200, { ...sprint, self: `${base}/rest/agile/1.0/sprint/7` });
      },
    ],
    [
      'GET',
      /^\/rest\/agile\/1\.0\/board\/(\d+)\/sprint$/,
      (m, q, _b, res) => {
        const values =
          Number(m[1]) === sprint.originBoardId && (q.get('state') ?? 'active').includes('active')
            ? [sprint]
            : [];
        const body: GetAllSprints = {
          startAt: 0,
          maxResults: 1,
          isLast: true,
          values: values.map((v) => ({ ...v, self: `${base}/rest/agile/1.0/sprint/7` })),
        };
        send(res, 200, body);
      },
    ],
  ];
  /**
   * Jira's create: required fields and the project checked (field errors by field key), the next key of the
   * project. `richText` stores the description as the edition holds it, or says why Jira refuses it.
   */
  const create = (
    body: unknown,
    res: ServerResponse,
    v: '2' | '3',
    richText: (description: unknown) => Partial<FakeIssue> | string,
  ) => {
    const fields = (body as { fields?: Record<string, unknown> }).fields ?? {};
    const project = (fields.project as { key?: string } | undefined)?.key;
    const errors: Record<string, string> = {};
    for (const field of CREATE_FIELDS.filter((f) => f.required))
      if (fields[field.key] === undefined) errors[field.key] = `${field.name} is required.`;
    if (!PROJECTS.some((p) => p.key === project)) errors.project = 'valid project is required';
    const description = fields.description === undefined ? {} : richText(fields.description);
    if (typeof description === 'string') errors.description = description;
    if (Object.keys(errors).length > 0) return error(res, 400, { errorMessages: [], errors });
    const number = [...issues.keys()].filter((k) => k.startsWith(`${project}-`)).length + 1;
    const key = `${project}-${number}`;
    const id = String(nextId++);
    issues.set(key, {
      id,
      key,
      summary: String(fields.summary),
      ...(typeof description === 'string' ? {} : description),
      status: 'To Do',
      type: ISSUE_TYPES.find((t) => t.id === (fields.issuetype as { id?: string }).id)?.name ?? 'Task',
      labels: (fields.labels as string[] | undefined) ?? [],
      created: '2026-12-07T12:00:00.000+0000',
      updated: '2026-12-07T12:00:00.000+0000',
      links: [],
      remoteLinks: [],
      comments: [],
    });
    const created: CreatedIssue & V2CreatedIssue = { id, key, self: `${base}/rest/api/${v}/issue/${id}` };
    send(res, 201, created);
  };
  /** Routes whose answer is the same on both editions (v2 and v3), but for the version in their path. */
  const sharedRoutes = (v: '2' | '3'): Route[] => [
    [
      'GET',
      new RegExp(`^/rest/api/${v}/issue/([^/]+)/remotelink$`),
      (m, _q, _b, res) => {
        const issue = find(m[1] as string);
        if (!issue) return notFound(res);
        const body: (RemoteIssueLink & V2RemoteIssueLink)[] = issue.remoteLinks.map((l, n) => ({
          id: 40000 + n,
          self: `${base}/rest/api/${v}/issue/${issue.key}/remotelink/${40000 + n}`,
          globalId: l.url,
          application: { type: 'com.github', name: 'GitHub' },
          relationship: 'mentioned in',
          object: { url: l.url, title: l.title },
        }));
        send(res, 200, body);
      },
    ],
    [
      'POST',
      new RegExp(`^/rest/api/${v}/issue/([^/]+)/transitions$`),
      (m, _q, body, res) => {
        const issue = find(m[1] as string);
        if (!issue) return notFound(res);
        const id = (body as { transition?: { id?: string } }).transition?.id;
        const transition = (WORKFLOW[issue.status] ?? []).find((t) => t.id === id);
        if (!transition)
          return error(res, 400, {
            errorMessages: [`Transition id '${id}' is not valid for this issue.`],
            errors: {},
          });
        issue.status = transition.to;
        send(res, 204, undefined);
      },
    ],
    [
      'GET',
      new RegExp(`^/rest/api/${v}/project/([^/]+)/statuses$`),
      (m, _q, _b, res) => {
        if (!PROJECTS.some((p) => p.key === m[1]))
          return error(res, 404, {
            errorMessages: [`No project could be found with key '${m[1]}'.`],
            errors: {},
          });
        const body: (IssueTypeWithStatus & V2IssueTypeWithStatus)[] = ISSUE_TYPES.map((t) => ({
          ...t,
          self: `${base}/rest/api/${v}/issuetype/${t.id}`,
          statuses: Object.values(STATUSES),
        }));
        send(res, 200, body);
      },
    ],
  ];
  const cloudRoutes: Route[] = [
    [
      'GET',
      /^\/rest\/api\/3\/search\/jql$/,
      (_m, q, _b, res) => {
        let matched: FakeIssue[];
        try {
          matched = match(q.get('jql') ?? '');
        } catch (e) {
          if (e instanceof JqlError) return error(res, 400, { errorMessages: [e.message], errors: {} });
          throw e;
        }
        const max = Math.min(Number(q.get('maxResults') ?? 50), 5000);
        const start = q.get('nextPageToken')
          ? Number(Buffer.from(q.get('nextPageToken') as string, 'base64url').toString())
          : 0;
        const page = matched.slice(start, start + max);
        const more = start + max < matched.length;
        const fields = q.getAll('fields').flatMap((f) => f.split(','));
        const body: SearchAndReconcileResults = {
          issues: page.map((i) => issueJson(i, fields)),
          isLast: !more,
          ...(more ? { nextPageToken: Buffer.from(String(start + max)).toString('base64url') } : {}),
        };
        send(res, 200, body);
      },
    ],
    [
      'GET',
      /^\/rest\/api\/3\/issue\/([^/]+)$/,
      (m, q, _b, res) => {
        const issue = find(m[1] as string);
        if (!issue) return notFound(res);
        send(
          res,
          200,
          issueJson(
            issue,
            q.getAll('fields').flatMap((f) => f.split(',')),
          ),
        );
      },
    ],
    [
      'GET',
      /^\/rest\/api\/3\/issue\/([^/]+)\/comment$/,
      (m, q, _b, res) => {
        const issue = find(m[1] as string);
        if (!issue) return notFound(res);
        const all = [...issue.comments];
        if (q.get('orderBy') === '-created') all.reverse();
        const startAt = Number(q.get('startAt') ?? 0);
        const maxResults = Number(q.get('maxResults') ?? 5000);
        const body: PageOfComments = {
          startAt,
          maxResults,
          total: all.length,
          comments: all.slice(startAt, startAt + maxResults).map((c) => commentJson(issue.key, c)),
        };
        send(res, 200, body);
      },
    ],
    [
      'POST',
      /^\/rest\/api\/3\/issue\/([^/]+)\/comment$/,
      (m, _q, body, res) => {
        const issue = find(m[1] as string);
        if (!issue) return notFound(res);
        const adf = (body as { body?: AdfDoc }).body;
        if (adf?.type !== 'doc')
          return error(res, 400, {
            errorMessages: [],
            errors: { comment: 'Comment body can not be empty!' },
          });
        const comment = {
          id: String(nextId++),
          author: 'bob',
          body: adf,
          created: '2026-12-07T12:00:00.000+0000',
        };
        issue.comments.push(comment);
        send(res, 201, commentJson(issue.key, comment));
      },
    ],
    [
      'GET',
      /^\/rest\/api\/3\/issue\/([^/]+)\/transitions$/,
      (m, _q, _b, res) => {
        const issue = find(m[1] as string);
        if (!issue) return notFound(res);
        const body: Transitions = {
          transitions: (WORKFLOW[issue.status] ?? []).map((t) => ({
            id: t.id,
            name: t.name,
            to: STATUSES[t.to],
            hasScreen: false,
            isAvailable: true,
            isConditional: false,
            isGlobal: false,
            isInitial: false,
            isLooped: false,
          })),
        };
        send(res, 200, body);
      },
    ],
    [
      'PUT',
      /^\/rest\/api\/3\/issue\/([^/]+)$/,
      (m, _q, body, res) => {
        const issue = find(m[1] as string);
        if (!issue) return notFound(res);
        const fields = (body as { fields?: Record<string, unknown> }).fields ?? {};
        const unknown = Object.keys(fields).filter(
          (f) => !['summary', 'description', 'labels', 'priority'].includes(f),
        );
        if (unknown.length > 0)
          return error(res, 400, {
            errorMessages: [],
            errors: Object.fromEntries(
              unknown.map((f) => [
                f,
                `Field '${f}' cannot be set. It is not on the appropriate screen, or unknown.`,
              ]),
            ),
          });
        if (typeof fields.summary === 'string') issue.summary = fields.summary;
        if (fields.description) issue.description = fields.description as AdfDoc;
        if (Array.isArray(fields.labels)) issue.labels = fields.labels as string[];
        if (fields.priority) issue.priority = (fields.priority as { name: string }).name;
        send(res, 204, undefined);
      },
    ],
    [
      'PUT',
      /^\/rest\/api\/3\/issue\/([^/]+)\/assignee$/,
      (m, _q, body, res) => {
        const issue = find(m[1] as string);
        if (!issue) return notFound(res);
        const accountId = (body as { accountId?: string }).accountId;
        const name = Object.entries(USERS).find(([, u]) => u.accountId === accountId)?.[0];
        if (!name)
          return error(res, 400, {
            errorMessages: [],
            errors: { assignee: `User '${accountId}' does not exist.` },
          });
        issue.assignee = name;
        send(res, 204, undefined);
      },
    ],
    [
      'GET',
      /^\/rest\/api\/3\/project\/search$/,
      (_m, q, _b, res) => {
        const keys = q.getAll('keys').flatMap((k) => k.split(','));
        const all = PROJECTS.filter((p) => keys.length === 0 || keys.includes(p.key));
        const startAt = Number(q.get('startAt') ?? 0);
        const maxResults = Number(q.get('maxResults') ?? 50);
        const values = all.slice(startAt, startAt + maxResults);
        const body: PageProject = {
          self: `${base}/rest/api/3/project/search?startAt=${startAt}&maxResults=${maxResults}`,
          startAt,
          maxResults,
          total: all.length,
          isLast: startAt + maxResults >= all.length,
          values: values.map((p) => ({
            ...p,
            self: `${base}/rest/api/3/project/${p.id}`,
            projectTypeKey: 'software',
            simplified: false,
            style: 'classic',
            isPrivate: false,
          })),
        };
        send(res, 200, body);
      },
    ],
    [
      'GET',
      /^\/rest\/api\/3\/issue\/createmeta\/([^/]+)\/issuetypes$/,
      (_m, _q, _b, res) => {
        const body: PageOfCreateMetaIssueTypes = {
          startAt: 0,
          maxResults: 50,
          total: ISSUE_TYPES.length,
          issueTypes: ISSUE_TYPES.map((t) => ({ ...t, self: `${base}/rest/api/3/issuetype/${t.id}` })),
        };
        send(res, 200, body);
      },
    ],
    [
      'GET',
      /^\/rest\/api\/3\/issue\/createmeta\/([^/]+)\/issuetypes\/([^/]+)$/,
      (_m, _q, _b, res) => {
        const body: PageOfCreateMetaIssueTypeWithField = {
          startAt: 0,
          maxResults: 200,
          total: CREATE_FIELDS.length,
          fields: CREATE_FIELDS,
        };
        send(res, 200, body);
      },
    ],
    [
      'POST',
      /^\/rest\/api\/3\/issue$/,
      (_m, _q, body, res) =>
        create(body, res, '3', (description) => ({ description: description as AdfDoc })),
    ],
  ];
  const context: FakeContext = {
    base: () => base,
    create,
    issues,
    find,
    match,
    nextId: () => String(nextId++),
    error,
    notFound,
  };
  const routes = [
    ...agileRoutes,
    ...sharedRoutes(edition === 'datacenter' ? '2' : '3'),
    ...(edition === 'datacenter' ? dataCenterRoutes(context) : cloudRoutes),
  ];

  /** Atlassian's token endpoint (refresh grant): a wrong app is access_denied, a spent refresh token invalid_grant. */
  const tokenEndpoint = (body: Record<string, unknown>, res: ServerResponse) => {
    oauthState.tokenRequests.push(body);
    if (body.client_id !== FAKE_OAUTH.clientId || body.client_secret !== FAKE_OAUTH.clientSecret)
      return send(res, 401, { error: 'access_denied', error_description: 'Unauthorized' });
    if (body.grant_type !== 'refresh_token' || body.refresh_token !== oauthState.refreshToken)
      return send(res, 403, {
        error: 'invalid_grant',
        error_description: 'Unknown or invalid refresh token.',
      });
    const n = oauthState.minted.length + 1;
    const accessToken = `oauth-access-${n}-for-tests`;
    oauthState.minted.push(accessToken);
    oauthState.live.set(accessToken, Date.now() + oauthState.expiresIn * 1000);
    oauthState.refreshToken = `oauth-refresh-${n}-for-tests`;
    send(res, 200, {
      access_token: accessToken,
      refresh_token: oauthState.refreshToken,
      expires_in: oauthState.expiresIn,
      scope: 'read:jira-work write:jira-work offline_access',
      token_type: 'Bearer',
    });
  };

  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', base);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const body = text ? JSON.parse(text) : undefined;
    if (req.method === 'POST' && url.pathname === '/oauth/token') return tokenEndpoint(body ?? {}, res);
    // OAuth 2.0 requests come through the gateway: /ex/jira/{cloudId}/rest/..., with a live access token.
    const pathname = decodeURIComponent(url.pathname);
    const gateway = /^\/ex\/jira\/([^/]+)(\/.*)$/.exec(pathname);
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      path: gateway ? (gateway[2] as string) : pathname,
      query: url.searchParams,
      authorization: req.headers.authorization,
      body,
    };
    requests.push(recorded);
    if (gateway && gateway[1] !== FAKE_OAUTH.cloudId)
      return error(res, 404, { errorMessages: ['Site not found'], errors: {} });
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const authorized = gateway
      ? edition === 'cloud' && bearer !== undefined && (oauthState.live.get(bearer) ?? 0) > Date.now()
      : edition === 'cloud'
        ? req.headers.authorization === BASIC
        : bearer === FAKE_PAT;
    if (!authorized) {
      // Jira Cloud's answer to a wrong or missing API token.
      return error(res, 401, {
        errorMessages: ['Client must be authenticated to access this resource.'],
        errors: {},
      });
    }
    const fault = faults.find(
      (f) => f.path.test(recorded.path) && (!f.method || f.method === recorded.method),
    );
    if (fault) {
      if (fault.times !== undefined && --fault.times <= 0) faults = faults.filter((f) => f !== fault);
      if (fault.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
      if (res.destroyed) return;
      if (fault.status !== undefined)
        return error(res, fault.status, fault.body ?? { errorMessages: [], errors: {} }, fault.headers);
    }
    for (const [method, pattern, handler] of routes) {
      const match = method === recorded.method ? pattern.exec(recorded.path) : null;
      if (match) return handler(match, url.searchParams, recorded.body, res);
    }
    error(res, 404, { errorMessages: ['null for uri: ' + url.pathname], errors: {} });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    oauth,
    requests,
    issues,
    fail: (fault) => faults.push({ ...fault }),
    move(key, newKey) {
      const issue = issues.get(key);
      if (!issue) throw new Error(`no issue ${key}`);
      issues.delete(key);
      issue.key = newKey;
      issues.set(newKey, issue);
      aliases.set(key, newKey);
    },
    reset,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** The create screen of every project: summary, issue type and project required, a custom field by name. */
export const CREATE_FIELDS: PageOfCreateMetaIssueTypeWithField['fields'] & object = [
  {
    fieldId: 'summary',
    key: 'summary',
    name: 'Summary',
    required: true,
    operations: ['set'],
    schema: { type: 'string', system: 'summary' },
  },
  {
    fieldId: 'issuetype',
    key: 'issuetype',
    name: 'Issue Type',
    required: true,
    operations: [],
    schema: { type: 'issuetype', system: 'issuetype' },
  },
  {
    fieldId: 'project',
    key: 'project',
    name: 'Project',
    required: true,
    operations: ['set'],
    schema: { type: 'project', system: 'project' },
  },
  {
    fieldId: 'description',
    key: 'description',
    name: 'Description',
    required: false,
    operations: ['set'],
    schema: { type: 'string', system: 'description' },
  },
  {
    fieldId: 'labels',
    key: 'labels',
    name: 'Labels',
    required: false,
    operations: ['add', 'set', 'remove'],
    schema: { type: 'array', items: 'string', system: 'labels' },
  },
  {
    fieldId: 'customfield_10016',
    key: 'customfield_10016',
    name: 'Story Points',
    required: false,
    operations: ['set'],
    schema: {
      type: 'number',
      custom: 'com.atlassian.jira.plugin.system.customfieldtypes:float',
      customId: 10016,
    },
  },
  {
    fieldId: 'customfield_10030',
    key: 'customfield_10030',
    name: 'Team',
    required: true,
    operations: ['set'],
    schema: {
      type: 'string',
      custom: 'com.atlassian.jira.plugin.system.customfieldtypes:textfield',
      customId: 10030,
    },
  },
];

export function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  if (body === undefined) {
    res.writeHead(status, headers).end();
    return;
  }
  res
    .writeHead(status, { 'content-type': 'application/json;charset=UTF-8', ...headers })
    .end(JSON.stringify(body));
}
