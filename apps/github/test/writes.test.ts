import { describe, expect, it } from 'vitest';
import { data, errorCodeOf } from './fixtures.ts';
import { useFakeGitHub } from './harness.ts';

const gh = useFakeGitHub();

const approvalIdOf = (result: unknown) =>
  (result as { _meta: Record<string, { details: { approvalId: string } }> })._meta['dev.gatehouse/error']
    ?.details.approvalId as string;

const writesOf = () => gh.fake.requests.filter((r) => r.method === 'POST');

describe('create_issue', () => {
  it('asks for approval, sends nothing until a person grants it, then creates the issue once', async () => {
    const connection = await gh.connect();
    const args = {
      name: 'create_issue',
      arguments: {
        repo: 'octocat/Hello-World',
        title: 'Rounding error in invoices',
        body: 'Totals are off by a cent.',
        labels: ['bug'],
      },
    };
    const first = await connection.client.callTool(args);
    expect(errorCodeOf(first)).toBe('approval_required');
    expect(writesOf()).toEqual([]);

    await connection.kit.gate.approvals.grant(approvalIdOf(first), { by: 'carol', via: 'cli' });
    const approved = await connection.client.callTool(args);
    expect(data(approved)).toEqual({
      number: 1347,
      url: 'https://github.com/octocat/Hello-World/issues/1347',
    });
    expect(writesOf()).toHaveLength(1);
    expect(writesOf()[0]).toMatchObject({
      path: '/repos/octocat/Hello-World/issues',
      body: { title: 'Rounding error in invoices', body: 'Totals are off by a cent.', labels: ['bug'] },
    });

    const replay = await connection.client.callTool(args);
    expect(errorCodeOf(replay)).toBe('approval_required');
    expect(writesOf()).toHaveLength(1);
    // The approved call stored its intent before it ran, then its outcome.
    expect(connection.audit.records.map((r) => (r.phase === 'intent' ? 'intent' : r.decision))).toEqual([
      'approval_required',
      'intent',
      'approved',
      'approval_required',
    ]);
  });

  it('refuses a repository outside the allowlist before asking anyone', async () => {
    const connection = await gh.connect();
    const result = await connection.client.callTool({
      name: 'create_issue',
      arguments: { repo: 'evil/elsewhere', title: 'x' },
    });
    expect(errorCodeOf(result)).toBe('forbidden');
    expect(await connection.kit.gate.approvals.list({ status: 'pending' })).toEqual([]);
    expect(gh.fake.requests).toEqual([]);
    expect(connection.audit.records.at(-1)).toMatchObject({
      decision: 'denied',
      target: 'repo:evil/elsewhere',
    });
  });

  it('is not served when the writes toolset is off', async () => {
    const connection = await gh.connect({ toolsets: ['repos', 'issues'] });
    const names = (await connection.client.listTools()).tools.map((t) => t.name);
    expect(names).not.toContain('create_issue');
    expect(names).not.toContain('add_comment');
    expect(names).toContain('get_issue');
  });
});

describe('add_comment', () => {
  it('runs on a yes through elicitation, showing the person the comment', async () => {
    const connection = await gh.connect({ clientCapabilities: { elicitation: { form: {} } } });
    const asked: string[] = [];
    connection.client.setRequestHandler('elicitation/create', async (request) => {
      asked.push(String(request.params.message));
      return { action: 'accept', content: { approve: true } };
    });
    const result = await connection.client.callTool({
      name: 'add_comment',
      arguments: { repo: 'acme/api', number: 1347, body: 'Fixed in #1350.' },
    });
    expect(data(result)).toEqual({
      id: 1,
      url: 'https://github.com/octocat/Hello-World/issues/1347#issuecomment-1',
    });
    expect(asked[0]).toContain('add_comment');
    expect(asked[0]).toContain('Fixed in #1350.');
    expect(writesOf()).toMatchObject([
      { path: '/repos/acme/api/issues/1347/comments', body: { body: 'Fixed in #1350.' } },
    ]);
  });

  it('sends nothing when the person declines', async () => {
    const connection = await gh.connect({ clientCapabilities: { elicitation: { form: {} } } });
    connection.client.setRequestHandler('elicitation/create', async () => ({ action: 'decline' }));
    const result = await connection.client.callTool({
      name: 'add_comment',
      arguments: { repo: 'acme/api', number: 1347, body: 'LGTM' },
    });
    expect(errorCodeOf(result)).toBe('approval_rejected');
    expect(gh.fake.requests).toEqual([]);
    expect(connection.audit.records.at(-1)).toMatchObject({ decision: 'rejected', outcome: 'not_run' });
  });
});
