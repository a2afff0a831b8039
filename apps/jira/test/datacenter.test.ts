import { fileURLToPath } from 'node:url';
import {
  approvalIdOf,
  connectHttpClient,
  errorCodeOf,
  runToExit,
  startServerProcess,
  structuredOf,
  testApiKey,
  textOf,
} from '@gatehouse/kit/testing';
import { describe, expect, it } from 'vitest';
import { jiraAccessFrom } from '../src/setup.ts';
import { FAKE_AUTH, FAKE_PAT, startFakeJira } from './fake-jira.ts';
import { DATA_CENTER, data, settingsFor, useFakeJira } from './fixtures.ts';
import { JQL_TRICKS } from './jql-tricks.ts';

// The same tools against Jira Data Center / Server: REST v2 paths, the personal access token as Bearer, wiki
// markup in and out, startAt paging, users by name, create metadata as values pages.
const jira = useFakeJira({ edition: 'datacenter' });
type Rows = { issues: { key: string }[]; nextPageToken?: string };

async function approved(name: string, args: Record<string, unknown>) {
  const connection = await jira.connect();
  const asked = await connection.client.callTool({ name, arguments: args });
  expect(errorCodeOf(asked)).toBe('approval_required');
  await connection.grant(approvalIdOf(asked));
  return connection.client.callTool({ name, arguments: args });
}
const writes = () => jira.fake.requests.filter((r) => r.method !== 'GET');

describe('Jira Data Center (REST v2)', () => {
  it('searches /rest/api/2/search inside the projects, with the PAT, paging by startAt', async () => {
    for (let n = 3; n <= 25; n++)
      jira.fake.issues.set(`API-${n}`, {
        ...(jira.fake.issues.get('API-2') as NonNullable<ReturnType<typeof jira.fake.issues.get>>),
        id: String(11000 + n),
        key: `API-${n}`,
      });
    const { client } = await jira.connect();
    const first = data<Rows>(
      await client.callTool({
        name: 'search_issues',
        arguments: { jql: 'status = "To Do" OR project = API' },
      }),
    );
    expect(first.issues).toHaveLength(20);
    expect(first.nextPageToken).toBe('startAt:20');
    const sent = jira.fake.requests[0];
    expect(sent?.path).toBe('/rest/api/2/search');
    expect(sent?.query.get('jql')).toBe(
      'project in ("API", "WEB") AND (status = "To Do" OR project = API) ORDER BY updated DESC',
    );
    const second = data<Rows>(
      await client.callTool({
        name: 'search_issues',
        arguments: { jql: 'status = "To Do" OR project = API', pageToken: first.nextPageToken },
      }),
    );
    expect(second.issues.length).toBe(6);
    expect(second.nextPageToken).toBeUndefined();
    expect(jira.fake.requests[1]?.query.get('startAt')).toBe('20');
    expect(new Set(jira.fake.requests.map((r) => r.authorization))).toEqual(new Set([`Bearer ${FAKE_PAT}`]));
    const forged = await client.callTool({ name: 'search_issues', arguments: { pageToken: 'startAt:x' } });
    expect(errorCodeOf(forged)).toBe('invalid_input');
  });

  it('reads an issue: wiki markup as Markdown, criteria, links inside the boundary, attachments, comments', async () => {
    const { client } = await jira.connect();
    const issue = data<Record<string, unknown>>(
      await client.callTool({ name: 'get_issue', arguments: { key: 'API-1' } }),
    );
    expect(issue).toMatchObject({
      key: 'API-1',
      assignee: 'Ada Lovelace',
      acceptanceCriteria: '- At most 5 attempts per minute per account\n- A 429 carries Retry-After',
      links: ['blocks WEB-1 (To Do): Login form shows the rate limit message'],
      hiddenLinks: 1,
      remoteLinks: ['acme/api#42: throttle login <https://github.com/acme/api/pull/42>'],
      attachments: [
        { id: '50001', name: 'login-flow.png', type: 'image/png', bytes: 48213 },
        { id: '50002', name: 'attempts.csv', type: 'text/csv', bytes: 1204 },
      ],
      commentCount: 7,
    });
    expect(issue.description).toContain('## Acceptance criteria');
    expect(issue.description).toContain('```sh\ncurl -X POST /login\n```');
    expect((issue.latestComments as { body: string }[]).at(-1)?.body).toBe('Comment 7');
    expect(jira.fake.requests.map((r) => r.path).every((p) => p.startsWith('/rest/api/2/'))).toBe(true);
    expect(JSON.stringify(issue)).not.toContain('SECRET');
  });

  it("pages comments over v2's startAt and lists only the allowed projects, read one by one", async () => {
    const { client } = await jira.connect();
    const page = data<{ total: number; comments: { body: string; author: string }[] }>(
      await client.callTool({ name: 'list_comments', arguments: { key: 'API-1' } }),
    );
    expect(page.total).toBe(7);
    expect(page.comments[0]).toMatchObject({ body: 'Comment 1', author: 'Ada Lovelace' });
    jira.fake.requests.length = 0;
    const projects = data<{ projects: { key: string; name: string }[] }>(
      await client.callTool({ name: 'list_projects', arguments: {} }),
    );
    expect(projects.projects.map((p) => p.key)).toEqual(['API', 'WEB']);
    expect(jira.fake.requests.map((r) => r.path).sort()).toEqual([
      '/rest/api/2/project/API',
      '/rest/api/2/project/WEB',
    ]);
  });

  it('posts a Markdown comment as wiki markup, after approval', async () => {
    const body =
      'Fixed in **acme/api#42** with `limit(5)`:\n\n```ts\nlimit(5)\n```\n\n- see [the PR](https://e.com/pr)';
    const result = await approved('add_comment', { key: 'API-1', body });
    expect(data<{ commentId: string }>(result).commentId).toMatch(/^\d+$/);
    expect(writes().map((r) => [r.path, r.body])).toEqual([
      [
        '/rest/api/2/issue/API-1/comment',
        {
          body: 'Fixed in *acme/api\\#42* with {{limit(5)}}:\n\n{code:ts}\nlimit(5)\n{code}\n\n* see [the PR|https://e.com/pr]',
        },
      ],
    ]);
  });

  it('refuses Markdown wiki markup cannot hold, naming it, and writes nothing', async () => {
    const result = await approved('add_comment', { key: 'API-1', body: '3. starts at three\n4. four' });
    expect(errorCodeOf(result)).toBe('unsupported_markdown');
    expect(textOf(result)).toContain('orderedList:start');
    expect(writes()).toHaveLength(0);
  });

  it('creates an issue from v2 create metadata (fields by fieldId), the description as wiki markup', async () => {
    const missing = await approved('create_issue', { project: 'API', type: 'Bug', summary: 'Crash' });
    expect(errorCodeOf(missing)).toBe('missing_required_fields');
    expect(textOf(missing)).toContain('"Team"');
    const input = {
      project: 'API',
      type: 'Bug',
      summary: 'Crash on login',
      description: '## Steps\n1. open *login*',
      fields: { Team: 'Identity', 'Story Points': 3 },
    };
    const created = await approved('create_issue', input);
    expect(data<{ key: string }>(created).key).toBe('API-3');
    const post = writes().find((r) => r.path === '/rest/api/2/issue')?.body as
      | { fields: unknown }
      | undefined;
    expect(post?.fields).toMatchObject({
      description: 'h2. Steps\n\n# open _login_',
      customfield_10030: 'Identity',
      customfield_10016: 3,
      issuetype: { id: '10002' },
    });
  });

  it('transitions and assigns by username', async () => {
    const moved = await approved('transition_issue', { key: 'API-2', to: 'In Progress' });
    expect(data<{ status: string }>(moved).status).toBe('In Progress');
    const assigned = await approved('assign_issue', { key: 'API-2', accountId: 'ada' });
    expect(data<{ accountId: string }>(assigned).accountId).toBe('ada');
    expect(writes().map((r) => [r.method, r.path, r.body])).toEqual([
      ['POST', '/rest/api/2/issue/API-2/transitions', { transition: { id: '11' } }],
      ['PUT', '/rest/api/2/issue/API-2/assignee', { name: 'ada' }],
    ]);
    expect(jira.fake.issues.get('API-2')).toMatchObject({ status: 'In Progress', assignee: 'ada' });
  });

  it("surfaces Data Center's field errors and refuses a key outside the allowlist before asking", async () => {
    const bad = await approved('assign_issue', { key: 'API-2', accountId: 'nobody' });
    expect(errorCodeOf(bad)).toBe('jira_rejected');
    expect(textOf(bad)).toContain("assignee: User 'nobody' does not exist.");
    const { client } = await jira.connect();
    const refused = await client.callTool({ name: 'get_issue', arguments: { key: 'SECRET-1' } });
    expect(errorCodeOf(refused)).toBe('forbidden');
  });
});

describe('Data Center boundaries and sprints', () => {
  it('keeps every JQL trick of the corpus inside the projects on v2 search too', async () => {
    const { client } = await jira.connect();
    for (const jql of JQL_TRICKS) {
      const text = JSON.stringify(await client.callTool({ name: 'search_issues', arguments: { jql } }));
      expect(text, jql).not.toContain('SECRET-1');
      expect(text, jql).not.toContain('acquisition');
    }
    const searches = jira.fake.requests.filter((r) => r.path === '/rest/api/2/search');
    expect(searches.length).toBeGreaterThan(0);
    for (const r of searches)
      expect(r.query.get('jql')).toMatch(/^project in \("API", "WEB"\)( AND \(| ORDER BY )/);
  });

  it("reads a board's active sprint through the agile API and its issues through v2 search", async () => {
    const { client } = await jira.connect();
    const sprint = data<{ name: string; progress: object; issues: { key: string }[] }>(
      await client.callTool({ name: 'get_sprint', arguments: { boardId: 3 } }),
    );
    expect(sprint.name).toBe('Sprint 7');
    expect(sprint.progress).toEqual({ todo: 2, inProgress: 1, done: 0 });
    expect(sprint.issues.map((i) => i.key)).toEqual(['API-1', 'API-2', 'WEB-1']);
    expect(jira.fake.requests.map((r) => r.path)).toContain('/rest/api/2/search');
  });
});

describe('Data Center settings', () => {
  it('asks for a personal access token, and refuses email + API token or OAuth with datacenter', () => {
    const fake = { url: 'http://127.0.0.1:9' } as Parameters<typeof settingsFor>[0];
    const none = jiraAccessFrom(settingsFor(fake, { ...DATA_CENTER, token: undefined }));
    expect(() => none.get()).toThrow(/set GATEHOUSE_JIRA_TOKEN to a personal access token/);
    expect(() => jiraAccessFrom(settingsFor(fake, { deployment: 'datacenter' }))).toThrow(
      /GATEHOUSE_JIRA_DEPLOYMENT=datacenter authenticates with a personal access token: set GATEHOUSE_JIRA_TOKEN, not GATEHOUSE_JIRA_EMAIL/,
    );
  });
});

const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));

describe('Data Center server process', () => {
  it('serves over HTTP with only its PAT going upstream, to v2 paths', async () => {
    const fake = await startFakeJira({ edition: 'datacenter' });
    const { key, entry } = testApiKey('rita', ['reader']);
    const server = await startServerProcess(main, {
      GATEHOUSE_API_KEYS: JSON.stringify([entry]),
      GATEHOUSE_JIRA_DEPLOYMENT: 'datacenter',
      GATEHOUSE_JIRA_BASE_URL: fake.url,
      GATEHOUSE_JIRA_TOKEN: FAKE_PAT,
      GATEHOUSE_JIRA_PROJECTS: 'API,WEB',
    });
    try {
      const client = await connectHttpClient(server.url, key);
      const result = await client.callTool({ name: 'get_issue', arguments: { key: 'API-2' } });
      expect(structuredOf<{ description: string }>(result).description).toBe(
        'The audit log needs a reference page.',
      );
      await client.close();
      expect(new Set(fake.requests.map((r) => r.authorization))).toEqual(new Set([`Bearer ${FAKE_PAT}`]));
      expect(JSON.stringify(fake.requests)).not.toContain(key);
    } finally {
      await server.stop();
      await fake.close();
    }
    expect(server.stderr()).not.toContain(FAKE_PAT);
  });

  it('refuses to start with datacenter and an email + API token (exit 78)', async () => {
    const { code, stderr } = await runToExit(main, {
      GATEHOUSE_JIRA_DEPLOYMENT: 'datacenter',
      GATEHOUSE_JIRA_EMAIL: FAKE_AUTH.email,
      GATEHOUSE_JIRA_API_TOKEN: FAKE_AUTH.apiToken,
      GATEHOUSE_JIRA_PROJECTS: 'API',
    });
    expect(code).toBe(78);
    expect(stderr).toContain('personal access token');
    expect(stderr).not.toContain(FAKE_AUTH.apiToken);
  });
});
