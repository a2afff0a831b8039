import { describe, expect, it } from 'vitest';
import { githubAdapter } from '../../test/fixtures.ts';
import { useFakeGitHub } from '../../test/harness.ts';

const gh = useFakeGitHub();
const adapter = (allowlist: string[], requestTimeoutMs: number) =>
  githubAdapter(allowlist, { baseUrl: gh.fake.url, requestTimeoutMs });

describe('the GitHub adapter', () => {
  it('checks the allowlist itself, whatever the caller checked, before any request', async () => {
    const github = adapter(['acme/api'], 1000);
    const signal = new AbortController().signal;
    await expect(github.getContent('acme/web', 'README.md', undefined, signal)).rejects.toMatchObject({
      code: 'repo_not_allowed',
    });
    await expect(github.createIssue('Acme/API/../web', { title: 'x' }, signal)).rejects.toMatchObject({
      code: 'invalid_input',
    });
    await expect(github.addComment('evil/x', 1, 'hi', signal)).rejects.toMatchObject({
      code: 'repo_not_allowed',
    });
    expect(gh.fake.requests).toEqual([]);
    await expect(github.listReleases('ACME/api', { page: 1, perPage: 5 }, signal)).resolves.toMatchObject({
      hasNext: false,
    });
    expect(gh.fake.requests.map((r) => r.path)).toEqual(['/repos/ACME/api/releases']);
  });

  it('passes the caller signal to the request: a cancelled call stops the request', async () => {
    gh.fake.on('repos/list-releases', { delayMs: 1500 });
    const github = adapter(['acme/*'], 5000);
    const controller = new AbortController();
    const reason = new Error('client cancelled');
    setTimeout(() => controller.abort(reason), 100);
    const started = Date.now();
    await expect(github.listReleases('acme/api', { page: 1, perPage: 5 }, controller.signal)).rejects.toBe(
      reason,
    );
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
