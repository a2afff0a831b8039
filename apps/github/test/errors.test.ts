import { describe, expect, it } from 'vitest';
import { GitHubSettingsSchema } from '../src/config.ts';
import { githubAccessFrom } from '../src/setup.ts';
import { startFakeGitHub } from './fake-github.ts';
import { data, errorCodeOf, errorMetaOf, SECRET_TOKEN, textOf } from './fixtures.ts';
import { useFakeGitHub } from './harness.ts';

// Whatever went wrong, the server's credential reached neither the caller nor the audit log.
const gh = useFakeGitHub({
  afterEachConnection: (connection) =>
    expect(JSON.stringify(connection.audit.records)).not.toContain(SECRET_TOKEN),
});

async function call(name: string, args: Record<string, unknown>, settings = {}) {
  const connection = await gh.connect({ settings });
  const result = await connection.client.callTool({ name, arguments: args });
  expect(JSON.stringify(result)).not.toContain(SECRET_TOKEN);
  return { result, audit: connection.audit };
}

const FILE = { repo: 'octocat/Hello-World', path: 'README.md' };
const basicError =
  (message: string, docs = 'https://docs.github.com/rest/repos/contents#get-repository-content') =>
  (body: unknown) => ({ ...(body as object), message, documentation_url: docs });

describe('GitHub failures become clear, stable errors', () => {
  it('bad credentials (401)', async () => {
    gh.fake.on('search/issues-and-pull-requests', { status: 401, patch: basicError('Bad credentials') });
    const { result, audit } = await call('search_issues', { query: 'bug' });
    expect(errorCodeOf(result)).toBe('github_bad_credentials');
    expect(textOf(result)).toMatch(/GATEHOUSE_GITHUB_TOKEN/);
    expect(audit.records.at(-1)).toMatchObject({ outcome: 'error', code: 'github_bad_credentials' });
  });

  it('missing permission (403 without rate-limit headers)', async () => {
    gh.fake.on('repos/get-content', {
      status: 403,
      patch: basicError('Resource not accessible by personal access token'),
    });
    const { result } = await call('get_file', FILE);
    expect(errorCodeOf(result)).toBe('github_permission_denied');
    expect(textOf(result)).toContain('Resource not accessible by personal access token');
  });

  it('not found (404)', async () => {
    gh.fake.on('repos/get-content', { status: 404, patch: basicError('Not Found') });
    const { result } = await call('get_file', FILE);
    expect(errorCodeOf(result)).toBe('not_found');
    expect(textOf(result)).toContain('octocat/Hello-World/README.md');
  });

  it('primary rate limit: retry after the reset GitHub announces', async () => {
    const reset = Math.floor(Date.now() / 1000) + 120;
    gh.fake.on('repos/get-content', {
      status: 403,
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) },
      patch: basicError('API rate limit exceeded for user ID 1.'),
    });
    const { result } = await call('get_file', FILE);
    expect(errorCodeOf(result)).toBe('github_rate_limited');
    const meta = errorMetaOf(result);
    expect(meta?.details).toEqual({ limit: 'primary' });
    expect(meta?.retryAfterSeconds).toBeGreaterThanOrEqual(118);
    expect(meta?.retryAfterSeconds).toBeLessThanOrEqual(121);
    expect(gh.fake.requests).toHaveLength(1); // not retried
  });

  it('secondary rate limit (403 or 429 with retry-after)', async () => {
    gh.fake.on('search/code', {
      status: 403,
      headers: { 'retry-after': '30' },
      patch: basicError(
        'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
      ),
    });
    const first = await call('search_code', { query: 'x' });
    expect(errorCodeOf(first.result)).toBe('github_rate_limited');
    expect(errorMetaOf(first.result)).toMatchObject({
      retryAfterSeconds: 30,
      details: { limit: 'secondary' },
    });
    gh.fake.on('repos/get-content', { status: 429, headers: { 'retry-after': '7' } });
    const second = await call('get_file', FILE);
    expect(errorMetaOf(second.result)).toMatchObject({
      retryAfterSeconds: 7,
      details: { limit: 'secondary' },
    });
    expect(gh.fake.requests).toHaveLength(2); // neither retried
  });

  it('retries a 5xx once and then succeeds', async () => {
    gh.fake.on('repos/list-commits', { status: 500, times: 1 });
    const { result } = await call('list_commits', { repo: 'octocat/Hello-World' });
    expect(result.isError).toBeFalsy();
    expect(gh.fake.requests).toHaveLength(2);
  });

  it('a request GitHub does not answer in time ends with timeout, not a hung call', async () => {
    gh.fake.on('repos/get-content', { delayMs: 2000 });
    const started = Date.now();
    const { result, audit } = await call('get_file', FILE, { requestTimeoutMs: 200 });
    expect(errorCodeOf(result)).toBe('timeout');
    expect(textOf(result)).toMatch(/GitHub did not answer within 200 ms/);
    expect(Date.now() - started).toBeLessThan(1500);
    expect(audit.records.at(-1)).toMatchObject({ outcome: 'timeout' });
  });

  it('an unreachable GitHub is upstream_unavailable', async () => {
    const { result } = await call('get_file', FILE, { baseUrl: 'http://127.0.0.1:9' });
    expect(errorCodeOf(result)).toBe('upstream_unavailable');
  });
});

describe('GitHub Enterprise Server', () => {
  it('says an endpoint is not available on an older server, and still reports plain 404s as not found', async () => {
    // The 3.17 description with the deployments route removed stands in for a release that lacks it.
    const ghes = await startFakeGitHub({
      spec: 'ghes-3.17',
      enterpriseVersion: '3.17',
      without: ['/repos/{owner}/{repo}/deployments'],
    });
    try {
      const connection = await gh.connect({}, ghes);
      const missing = await connection.client.callTool({
        name: 'list_deployments',
        arguments: { repo: 'octocat/Hello-World' },
      });
      expect(errorCodeOf(missing)).toBe('github_not_available');
      expect(textOf(missing)).toContain('not available on this GitHub Enterprise Server version (3.17)');
      expect(ghes.requests[0]?.path).toBe('/api/v3/repos/octocat/Hello-World/deployments');
      ghes.on('repos/get-content', { status: 404, patch: basicError('Not Found') });
      const gone = await connection.client.callTool({ name: 'get_file', arguments: FILE });
      expect(errorCodeOf(gone)).toBe('not_found');
      const works = await connection.client.callTool({
        name: 'list_releases',
        arguments: { repo: 'octocat/Hello-World' },
      });
      expect(data<{ releases: unknown[] }>(works).releases).toHaveLength(1);
    } finally {
      await ghes.close();
    }
  });
});

describe('without configuration', () => {
  it('lists its tools and explains what to set on every call', async () => {
    const access = await githubAccessFrom(GitHubSettingsSchema.parse({}));
    const connection = await gh.connect({ access });
    const tools = (await connection.client.listTools()).tools.map((t) => t.name);
    expect(tools).toContain('get_pull_request');
    const result = await connection.client.callTool({ name: 'get_file', arguments: FILE });
    expect(errorCodeOf(result)).toBe('not_configured');
    expect(textOf(result)).toContain('GATEHOUSE_GITHUB_TOKEN');
    expect(textOf(result)).toContain('GATEHOUSE_GITHUB_APP_ID');
    expect(textOf(result)).toContain('GATEHOUSE_GITHUB_ALLOWLIST');
    expect(gh.fake.requests).toEqual([]);
  });

  it('names the missing parts of an incomplete GitHub App setup', async () => {
    const access = await githubAccessFrom(GitHubSettingsSchema.parse({ appId: 12, allowlist: ['acme/*'] }));
    const connection = await gh.connect({ access });
    const result = await connection.client.callTool({
      name: 'list_releases',
      arguments: { repo: 'acme/api' },
    });
    expect(errorCodeOf(result)).toBe('not_configured');
    expect(textOf(result)).toContain('GATEHOUSE_GITHUB_PRIVATE_KEY');
    expect(textOf(result)).toContain('GATEHOUSE_GITHUB_INSTALLATION_ID');
    expect(textOf(result)).not.toContain('GATEHOUSE_GITHUB_ALLOWLIST');
  });
});
