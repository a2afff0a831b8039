import { approvalIdOf, errorCodeOf, textOf } from '@gatehouse/kit/testing';
import { describe, expect, it } from 'vitest';
import { data, useFakeJira } from './fixtures.ts';

const jira = useFakeJira();
const writesTo = (path: RegExp) => jira.fake.requests.filter((r) => r.method !== 'GET' && path.test(r.path));

/** A write called once (answered approval_required), granted by a person, then called again with the same input. */
async function approved(name: string, args: Record<string, unknown>) {
  const connection = await jira.connect();
  const asked = await connection.client.callTool({ name, arguments: args });
  expect(errorCodeOf(asked)).toBe('approval_required');
  expect(jira.fake.requests.filter((r) => r.method !== 'GET')).toHaveLength(0);
  await connection.grant(approvalIdOf(asked));
  const result = await connection.client.callTool({ name, arguments: args });
  return { ...connection, result };
}

describe('add_comment', () => {
  it('posts Markdown as ADF only after a person approved, with the intent audited first', async () => {
    const body = 'Fixed in **acme/api#42**:\n\n```ts\nlimit(5)\n```\n\n> [!WARNING]\n> deploy after WEB-1';
    const { result, audit } = await approved('add_comment', { key: 'API-1', body });
    expect(data<{ commentId: string }>(result).commentId).toMatch(/^\d+$/);
    const [post] = writesTo(/\/comment$/);
    expect((post?.body as { body: { content: unknown[] } } | undefined)?.body.content).toEqual([
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'Fixed in ' },
          { type: 'text', text: 'acme/api#42', marks: [{ type: 'strong' }] },
          { type: 'text', text: ':' },
        ],
      },
      { type: 'codeBlock', attrs: { language: 'ts' }, content: [{ type: 'text', text: 'limit(5)' }] },
      {
        type: 'panel',
        attrs: { panelType: 'warning' },
        content: [{ type: 'paragraph', content: [{ type: 'text', text: 'deploy after WEB-1' }] }],
      },
    ]);
    expect(audit.records.map((r) => [r.decision, r.phase ?? r.outcome])).toEqual([
      ['approval_required', 'not_run'],
      ['approved', 'intent'],
      ['approved', 'ok'],
    ]);
  });

  it('refuses a comment on an issue outside the allowlist before asking for approval', async () => {
    const { client } = await jira.connect();
    const result = await client.callTool({ name: 'add_comment', arguments: { key: 'SECRET-1', body: 'hi' } });
    expect(errorCodeOf(result)).toBe('forbidden');
    expect(jira.fake.requests).toHaveLength(0);
  });

  it('refuses, after approval, an issue that moved out of the allowlist, and writes nothing', async () => {
    jira.fake.move('API-2', 'SECRET-2');
    const { result } = await approved('add_comment', { key: 'API-2', body: 'hi' });
    expect(errorCodeOf(result)).toBe('forbidden');
    expect(writesTo(/comment/)).toHaveLength(0);
  });

  it('refuses Markdown that ADF cannot hold, naming it, instead of dropping it', async () => {
    const { result } = await approved('add_comment', { key: 'API-1', body: 'see ![x](https://e.com/x.png)' });
    expect(errorCodeOf(result)).toBe('unsupported_markdown');
    expect(textOf(result)).toContain('body: Jira text cannot hold image');
  });
});

describe('transition_issue', () => {
  it('moves an issue by status name, checked against the transitions of its current status', async () => {
    const { result } = await approved('transition_issue', { key: 'API-2', to: 'in progress' });
    expect(data(result)).toEqual({ key: 'API-2', status: 'In Progress' });
    expect(writesTo(/transitions$/)[0]?.body).toEqual({ transition: { id: '11' } });
    expect(jira.fake.issues.get('API-2')?.status).toBe('In Progress');
  });

  it('names the transitions that exist when the target cannot be reached from the current status', async () => {
    const { result } = await approved('transition_issue', { key: 'API-2', to: 'Reopen' });
    expect(errorCodeOf(result)).toBe('unknown_transition');
    expect(textOf(result)).toContain('it can: Start progress → In Progress; Done → Done');
    expect(writesTo(/transitions$/)).toHaveLength(0);
  });
});

describe('create_issue', () => {
  it('checks required fields against the create metadata before the call, naming them', async () => {
    const { result } = await approved('create_issue', { project: 'API', type: 'task', summary: 'New thing' });
    expect(errorCodeOf(result)).toBe('missing_required_fields');
    expect(textOf(result)).toContain('API Task also needs "Team"');
    expect(writesTo(/\/issue$/)).toHaveLength(0);
  });

  it('creates an issue with custom fields by name and a Markdown description', async () => {
    const args = {
      project: 'API',
      type: 'Bug',
      summary: 'Login 500s',
      description: '- step one\n- step two',
      fields: { team: 'Platform', 'Story Points': 3 },
    };
    const { result } = await approved('create_issue', args);
    expect(data(result)).toEqual({ key: 'API-3' });
    const fields = (writesTo(/\/issue$/)[0]?.body as { fields?: Record<string, unknown> } | undefined)
      ?.fields;
    expect(fields).toMatchObject({
      project: { key: 'API' },
      issuetype: { id: '10002' },
      customfield_10030: 'Platform',
      customfield_10016: 3,
      description: { type: 'doc', version: 1 },
    });
  });

  it('refuses a project outside the allowlist', async () => {
    const { client } = await jira.connect();
    const result = await client.callTool({
      name: 'create_issue',
      arguments: { project: 'SECRET', type: 'Task', summary: 'x' },
    });
    expect(errorCodeOf(result)).toBe('forbidden');
  });
});

describe('update_issue and assign_issue', () => {
  it('updates the named fields only', async () => {
    const { result } = await approved('update_issue', {
      key: 'API-2',
      summary: 'Document the audit format',
      labels: ['docs'],
    });
    expect(data(result)).toEqual({ key: 'API-2', updated: ['summary', 'labels'] });
    expect(jira.fake.issues.get('API-2')).toMatchObject({
      summary: 'Document the audit format',
      labels: ['docs'],
    });
  });

  it("surfaces Jira's field errors clearly", async () => {
    const { result } = await approved('assign_issue', { key: 'API-2', accountId: '557058:nobody' });
    expect(errorCodeOf(result)).toBe('jira_rejected');
    expect(textOf(result)).toContain("assignee: User '557058:nobody' does not exist.");
  });

  it('assigns to an account', async () => {
    const { result } = await approved('assign_issue', { key: 'API-2', accountId: '557058:ada' });
    expect(data(result)).toEqual({ key: 'API-2', accountId: '557058:ada' });
    expect(jira.fake.issues.get('API-2')?.assignee).toBe('ada');
  });
});
