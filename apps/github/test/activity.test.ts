import { describe, expect, it } from 'vitest';
import { base64, data, type Json } from './fixtures.ts';
import { useFakeGitHub } from './harness.ts';

const gh = useFakeGitHub();

describe('issues', () => {
  it('summarizes the discussion from the last page of comments', async () => {
    gh.fake.on('issues/get', { patch: (issue) => ({ ...(issue as Json), comments: 12 }) });
    gh.fake.on('issues/list-comments', {
      patch: (list, req) =>
        (list as Json[]).map((c) => ({
          ...c,
          user: { ...(c.user as Json), login: `user${req.query.get('page')}` },
          body: `comment on page ${req.query.get('page')} ${'words '.repeat(200)}`,
          created_at: `2026-01-0${req.query.get('page')}T00:00:00Z`,
        })),
    });
    const { client: c } = await gh.connect();
    const result = data<{
      url: string;
      createdAt: string;
      closedAt?: string;
      commentCount: number;
      participants: string[];
      lastActivity: string;
      latestComments: { author: string; body: string }[];
    }>(await c.callTool({ name: 'get_issue', arguments: { repo: 'octocat/Hello-World', number: 1347 } }));
    // 12 comments, 5 a page: the newest are on pages 2 and 3.
    expect(
      gh.fake.requests
        .filter((r) => r.operationId === 'issues/list-comments')
        .map((r) => r.query.get('page'))
        .sort(),
    ).toEqual(['2', '3']);
    expect(result.url).toBe('https://github.com/octocat/Hello-World/issues/1347');
    expect(result.createdAt).toBe('2011-04-22T13:33:48Z');
    // An open issue has no closing time; a closed one says when.
    expect(result.closedAt).toBeUndefined();
    expect(result.commentCount).toBe(12);
    expect(result.participants).toEqual(['octocat', 'user2', 'user3']);
    expect(result.lastActivity).toBe('2026-01-03T00:00:00Z');
    expect(result.latestComments.map((c) => c.author)).toEqual(['user2', 'user3']);
    expect(result.latestComments[0]?.body.length).toBeLessThanOrEqual(601);
  });
});

describe('a closed issue', () => {
  it('says when it was closed', async () => {
    gh.fake.on('issues/get', {
      patch: (issue) => ({ ...(issue as Json), state: 'closed', closed_at: '2011-05-01T10:00:00Z' }),
    });
    const { client: c } = await gh.connect();
    const result = data<{ state: string; closedAt?: string }>(
      await c.callTool({ name: 'get_issue', arguments: { repo: 'octocat/Hello-World', number: 1347 } }),
    );
    expect(result).toMatchObject({ state: 'closed', closedAt: '2011-05-01T10:00:00Z' });
  });
});

describe('actions, deployments and releases', () => {
  const LOG = [
    '2026-11-20T10:00:00.0000000Z ##[group]Run npm test',
    ...Array.from({ length: 500 }, (_, i) => `2026-11-20T10:00:01.0000000Z ok ${i}`),
    '2026-11-20T10:00:02.0000000Z FAIL src/invoices.test.ts: rounding',
    '2026-11-20T10:00:03.0000000Z ##[error]Process completed with exit code 1.',
  ].join('\n');

  it('lists workflow runs', async () => {
    const { client: c } = await gh.connect();
    const result = data<{ runs: Json[] }>(
      await c.callTool({
        name: 'list_workflow_runs',
        arguments: { repo: 'octocat/Hello-World', status: 'failure' },
      }),
    );
    expect(result.runs[0]).toMatchObject({
      id: 30433642,
      workflow: 'Build',
      title: 'Update README.md',
      status: 'queued',
      sha: 'acb5820ced9479c074f688cc328bf03f341a511d'.slice(0, 12),
      createdAt: '2020-01-22T19:33:08Z',
      url: 'https://github.com/octo-org/octo-repo/actions/runs/30433642',
    });
    expect(gh.fake.requests[0]?.query.get('status')).toBe('failure');
  });

  it("finds the run's failed job and returns the log around the error, following GitHub's redirect", async () => {
    gh.fake.on('actions/list-jobs-for-workflow-run', {
      patch: (body) => {
        const b = body as { jobs: Json[] };
        const job = b.jobs[0] as Json;
        const steps = (job.steps as Json[]).map((s) =>
          s.name === 'Run Tests' ? { ...s, conclusion: 'failure' } : s,
        );
        return {
          ...b,
          jobs: [
            { ...job, id: 1, name: 'lint' },
            { ...job, conclusion: 'failure', steps },
          ],
        };
      },
    });
    gh.fake.on('actions/download-job-logs-for-workflow-run', { download: LOG });
    const { client: c } = await gh.connect();
    const result = data<{
      job: Json;
      failedStep: string;
      lines: string[];
      errors: string[];
      totalLines: number;
    }>(
      await c.callTool({
        name: 'get_failed_job_log',
        arguments: { repo: 'octocat/Hello-World', runId: 30433642, maxLines: 20 },
      }),
    );
    expect(result.job).toEqual({ id: 399444496, name: 'build', conclusion: 'failure' });
    expect(result.failedStep).toBe('Run Tests');
    expect(result.lines).toHaveLength(20);
    expect(result.lines.at(-2)).toBe('FAIL src/invoices.test.ts: rounding');
    expect(result.errors).toEqual(['Process completed with exit code 1.']);
    expect(result.totalLines).toBe(503);
    expect(gh.fake.requests.at(-1)?.path).toBe('/repos/octocat/Hello-World/actions/jobs/399444496/logs');
  });

  it('lists deployments with their latest status, and releases', async () => {
    const { client: c } = await gh.connect();
    const deployments = data<{ deployments: Json[] }>(
      await c.callTool({
        name: 'list_deployments',
        arguments: { repo: 'octocat/Hello-World', environment: 'production' },
      }),
    );
    expect(deployments.deployments).toEqual([
      {
        id: 1,
        environment: 'production',
        ref: 'topic-branch',
        sha: 'a84d88e7554f',
        creator: 'octocat',
        createdAt: '2012-07-20T01:19:13Z',
        status: 'success',
        statusAt: '2012-07-20T01:19:13Z',
        description: 'Deployment finished successfully.',
      },
    ]);
    const releases = data<{ releases: Json[] }>(
      await c.callTool({ name: 'list_releases', arguments: { repo: 'octocat/Hello-World' } }),
    );
    expect(releases.releases[0]).toMatchObject({
      tag: 'v1.0.0',
      notes: 'Description of the release',
      author: 'octocat',
    });
  });
});

describe('get_ownership', () => {
  it('names the CODEOWNERS owners by the last matching rule, and the recent committers', async () => {
    const { client: c } = await gh.connect();
    // The first location GitHub reads (.github/CODEOWNERS) is missing: the description's 404 response.
    gh.fake.on('repos/get-content', { status: 404, times: 1 });
    gh.fake.on('repos/get-content', {
      patch: (file) => ({
        ...(file as Json),
        path: 'CODEOWNERS',
        content: base64('* @acme/everyone\n/db/ @acme/dba\n/db/**/*.sql @acme/sql\n'),
      }),
    });
    const result = await c.callTool({
      name: 'get_ownership',
      arguments: { repo: 'octocat/Hello-World', path: 'db/migrations/001.sql' },
    });
    expect(data(result)).toEqual({
      owners: ['@acme/sql'],
      rule: { file: 'CODEOWNERS', line: 3, pattern: '/db/**/*.sql' },
      recentCommitters: [{ author: 'octocat', commits: 1, last: '2011-04-14T16:00:49Z' }],
    });
    const contentPaths = gh.fake.requests
      .filter((r) => r.operationId === 'repos/get-content')
      .map((r) => r.path);
    expect(contentPaths).toEqual([
      '/repos/octocat/Hello-World/contents/.github/CODEOWNERS',
      '/repos/octocat/Hello-World/contents/CODEOWNERS',
    ]);
  });
});
