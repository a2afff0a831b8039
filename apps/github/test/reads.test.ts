import { describe, expect, it } from 'vitest';
import { base64, data, errorCodeOf, type Json, OCTO_ONLY, SECRET_TOKEN, textOf } from './fixtures.ts';
import { useFakeGitHub } from './harness.ts';

const gh = useFakeGitHub();

describe('get_file', () => {
  it('reads a line range of a text file with the server token, never the client one', async () => {
    const text = Array.from({ length: 40 }, (_, i) => `line ${i + 1}`).join('\n');
    gh.fake.on('repos/get-content', {
      patch: (f) => ({ ...(f as Json), path: 'src/app.ts', content: base64(text) }),
    });
    const { client: c } = await gh.connect();
    const result = await c.callTool({
      name: 'get_file',
      arguments: { repo: 'octocat/Hello-World', path: 'src/app.ts', ref: 'main', startLine: 10, endLine: 12 },
    });
    expect(data(result)).toMatchObject({
      path: 'src/app.ts',
      totalLines: 40,
      startLine: 10,
      endLine: 12,
      text: 'line 10\nline 11\nline 12',
    });
    const [request] = gh.fake.requests;
    expect(request?.path).toBe('/repos/octocat/Hello-World/contents/src/app.ts');
    expect(request?.query.get('ref')).toBe('main');
    expect(request?.headers.authorization).toBe(`token ${SECRET_TOKEN}`);
    expect(JSON.stringify(result)).not.toContain(SECRET_TOKEN);
  });

  it('cuts a large file at a line boundary and says where to read on', async () => {
    const text = Array.from({ length: 3000 }, (_, i) => `const value${i} = ${i}; // some padding text`).join(
      '\n',
    );
    gh.fake.on('repos/get-content', { patch: (f) => ({ ...(f as Json), content: base64(text) }) });
    const { client: c } = await gh.connect();
    const result = data<{ endLine: number; nextStartLine: number; text: string }>(
      await c.callTool({ name: 'get_file', arguments: { repo: 'octocat/Hello-World', path: 'big.ts' } }),
    );
    expect(result.nextStartLine).toBe(result.endLine + 1);
    expect(result.text.split('\n')).toHaveLength(result.endLine);
    expect(Buffer.byteLength(result.text)).toBeLessThanOrEqual(16_000);
  });

  it('answers a whole file with a compact header: no line range, no base64, the text once', async () => {
    const text = 'export const a = 1;\nexport const b = 2;\n';
    gh.fake.on('repos/get-content', {
      patch: (f) => ({ ...(f as Json), path: 'src/ab.ts', content: base64(text) }),
    });
    const { client: c } = await gh.connect();
    const result = await c.callTool({
      name: 'get_file',
      arguments: { repo: 'octocat/Hello-World', path: 'src/ab.ts' },
    });
    expect(data(result)).toEqual({
      path: 'src/ab.ts',
      sha: '3d21ec53a331',
      totalLines: 2,
      text: 'export const a = 1;\nexport const b = 2;',
    });
    const shown = textOf(result);
    // The server's fields first; the path and the text (third-party) in the answer's one fence, the text a block.
    expect(shown).toBe(
      [
        'sha: 3d21ec53a331',
        'totalLines: 2',
        '<untrusted-data source="get_file">',
        'path: src/ab.ts',
        'text: |',
        '  export const a = 1;',
        '  export const b = 2;',
        '</untrusted-data>',
      ].join('\n'),
    );
    expect(shown).not.toMatch(/startLine|endLine/);
    expect(shown.split('export const a = 1;')).toHaveLength(2);
    expect(shown).not.toContain(base64(text).slice(0, 16));
  });

  it('lists a directory', async () => {
    gh.fake.on('repos/get-content', { example: 'response-if-content-is-a-directory' });
    const { client: c } = await gh.connect();
    const result = data<{ entries: string[] }>(
      await c.callTool({ name: 'get_file', arguments: { repo: 'octocat/Hello-World', path: 'lib' } }),
    );
    expect(result.entries).toEqual(['octokit.rb', 'octokit/']);
  });
});

describe('the repository allowlist', () => {
  it('refuses a repository outside it before any request reaches GitHub', async () => {
    const { client: c, audit } = await gh.connect();
    for (const [name, args] of [
      ['get_file', { repo: 'evil/secrets', path: 'x' }],
      ['list_commits', { repo: 'acme/web' }],
      ['get_pull_request', { repo: 'evil/secrets', number: 1 }],
      ['search_code', { query: 'password', repo: 'evil/secrets' }],
    ] as const) {
      const result = await c.callTool({ name, arguments: args });
      expect(errorCodeOf(result), name).toBe('forbidden');
      expect(textOf(result)).toContain(
        `is outside this server's boundary: it is not in GATEHOUSE_GITHUB_ALLOWLIST`,
      );
    }
    expect(gh.fake.requests).toEqual([]);
    // The kit's policy step refused each one: audited as denied, with the repository it named.
    expect(audit.records.map((r) => [r.name, r.decision, r.target, r.code, r.outcome])).toEqual([
      ['get_file', 'denied', 'repo:evil/secrets', 'forbidden', 'not_run'],
      ['list_commits', 'denied', 'repo:acme/web', 'forbidden', 'not_run'],
      ['get_pull_request', 'denied', 'repo:evil/secrets', 'forbidden', 'not_run'],
      ['search_code', 'denied', 'repo:evil/secrets', 'forbidden', 'not_run'],
    ]);
  });

  it('applies the caller policy target first: a role limited to octocat/* cannot read acme/api', async () => {
    const { client: c, audit } = await gh.connect({ identity: OCTO_ONLY });
    const result = await c.callTool({ name: 'list_commits', arguments: { repo: 'acme/api' } });
    expect(errorCodeOf(result)).toBe('forbidden');
    expect(gh.fake.requests).toEqual([]);
    expect(audit.records.at(-1)).toMatchObject({ decision: 'denied', target: 'repo:acme/api' });
  });
});

describe('search', () => {
  it('scopes code search to the allowlist and drops results outside it', async () => {
    gh.fake.on('search/code', {
      patch: (body) => {
        const b = body as { items: { repository: Json; path: string }[] };
        const [item] = b.items;
        const allowed = {
          ...item,
          path: 'src/invoice.ts',
          repository: { ...item?.repository, full_name: 'acme/api' },
        };
        return { ...b, items: [item, allowed] };
      },
    });
    const { client: c } = await gh.connect();
    const result = await c.callTool({
      name: 'search_code',
      arguments: { query: 'createInvoice repo:evil/x' },
    });
    expect(data(result)).toEqual({ total: 7, results: [{ repo: 'acme/api', path: 'src/invoice.ts' }] });
    expect(JSON.stringify(result)).not.toContain('jquery');
    expect(gh.fake.requests[0]?.query.get('q')).toBe('createInvoice org:octocat repo:acme/api');
  });

  it('searches issues of one repository, filters by the repository in each result, and pages', async () => {
    gh.fake.on('search/issues-and-pull-requests', {
      pages: 2,
      patch: (body) => {
        const b = body as { items: Json[] };
        const [item] = b.items;
        return {
          ...b,
          items: [item, { ...item, number: 7, repository_url: 'https://api.github.com/repos/acme/api' }],
        };
      },
    });
    const { client: c } = await gh.connect();
    const result = data<{ results: { repo: string; number: number }[]; nextPage?: number }>(
      await c.callTool({ name: 'search_issues', arguments: { query: 'timeout is:open', repo: 'acme/api' } }),
    );
    expect(result.results.map((r) => `${r.repo}#${r.number}`)).toEqual(['acme/api#7']);
    expect(result.results[0]).toMatchObject({
      labels: ['bug'],
      url: 'https://github.com/batterseapower/pinyin-toolkit/issues/132',
    });
    expect(result.nextPage).toBe(2);
    expect(gh.fake.requests[0]?.query.get('q')).toBe('timeout is:open repo:acme/api');
    const last = data<{ nextPage?: number }>(
      await c.callTool({
        name: 'search_issues',
        arguments: { query: 'timeout is:open', repo: 'acme/api', page: 2 },
      }),
    );
    expect(last.nextPage).toBeUndefined();
    expect(gh.fake.requests[1]?.query.get('page')).toBe('2');
  });
});

describe('pagination', () => {
  it('follows GitHub Link pages with the kit cursor', async () => {
    gh.fake.on('repos/list-commits', {
      pages: 3,
      // GitHub fills every page but the last; so does this list.
      patch: (list, req) =>
        Array.from({ length: Number(req.query.get('per_page')) }, (_, i) => ({
          ...(list as Json[])[0],
          sha: `${req.query.get('page')}${i}`.padEnd(40, '0'),
        })),
    });
    const { client: c } = await gh.connect();
    const first = await c.callTool({ name: 'list_commits', arguments: { repo: 'octocat/Hello-World' } });
    const page1 = data<{ commits: { sha: string; message: string }[]; nextCursor: string }>(first);
    expect(page1.commits).toHaveLength(30);
    expect(page1.commits[0]).toEqual({
      sha: '100000000000',
      message: 'Fix all the bugs',
      author: 'octocat',
      date: '2011-04-14T16:00:49Z',
    });
    expect(page1.nextCursor).toBeTruthy();
    // The text names the cursor once, in one footer that says why (issue 13: an empty reason, the cursor twice).
    const shown = textOf(first);
    expect(shown.split(page1.nextCursor)).toHaveLength(2);
    expect(
      shown.endsWith(
        `[More results. Call again with the same arguments and cursor="${page1.nextCursor}" for more.]`,
      ),
    ).toBe(true);
    expect(shown).not.toContain('Output budget: .');
    const second = data<{ commits: { sha: string }[]; nextCursor?: string }>(
      await c.callTool({
        name: 'list_commits',
        arguments: { repo: 'octocat/Hello-World', cursor: page1.nextCursor },
      }),
    );
    expect(gh.fake.requests.map((r) => r.query.get('page'))).toEqual(['1', '2']);
    expect(gh.fake.requests.map((r) => r.query.get('per_page'))).toEqual(['30', '30']);
    expect(second.commits[0]?.sha).toBe('200000000000');
    const third = data<{ nextCursor?: string }>(
      await c.callTool({
        name: 'list_commits',
        arguments: { repo: 'octocat/Hello-World', cursor: second.nextCursor },
      }),
    );
    expect(third.nextCursor).toBeUndefined();
  });
});

describe('pull requests', () => {
  it('lists pull requests compactly', async () => {
    const { client: c } = await gh.connect();
    const result = data<{ pullRequests: Json[] }>(
      await c.callTool({ name: 'list_pull_requests', arguments: { repo: 'octocat/Hello-World' } }),
    );
    // What a reviewer acts on: who, which commit, when, where to click.
    expect(result.pullRequests[0]).toEqual({
      number: 1347,
      title: 'Amazing new feature',
      author: 'octocat',
      state: 'merged',
      draft: false,
      base: 'master',
      head: 'new-topic',
      headSha: '6dcb09b5b578',
      labels: ['bug'],
      assignees: ['octocat', 'hubot'],
      createdAt: '2011-01-26T19:01:12Z',
      updatedAt: '2011-01-26T19:01:12Z',
      url: 'https://github.com/octocat/Hello-World/pull/1347',
    });
    expect(gh.fake.requests[0]?.query.get('state')).toBe('open');
  });

  it('summarizes a PR: areas, size, risk markers, checks and reviews', async () => {
    gh.fake.on('pulls/list-files', {
      patch: (files) => {
        const [f] = files as Json[];
        return [
          { ...f, filename: 'db/migrations/20261101_invoices.sql', additions: 40, deletions: 0 },
          { ...f, filename: 'src/auth/session.ts', additions: 30, deletions: 10 },
          { ...f, filename: 'src/invoices/total.ts', additions: 20, deletions: 5 },
          { ...f, filename: 'pnpm-lock.yaml', additions: 10, deletions: 3 },
        ];
      },
    });
    gh.fake.on('checks/list-for-ref', {
      patch: (body) => {
        const b = body as { check_runs: Json[] };
        const [run] = b.check_runs;
        return { ...b, check_runs: [run, { ...run, name: 'unit tests', conclusion: 'failure' }] };
      },
    });
    const { client: c } = await gh.connect();
    const result = await c.callTool({
      name: 'get_pull_request',
      arguments: { repo: 'octocat/Hello-World', number: 1347 },
    });
    expect(data(result)).toEqual({
      number: 1347,
      title: 'Amazing new feature',
      state: 'merged',
      author: 'octocat',
      branches: 'new-topic -> master',
      headSha: '6dcb09b5b578',
      labels: ['bug'],
      assignees: ['octocat', 'hubot'],
      createdAt: '2011-01-26T19:01:12Z',
      updatedAt: '2011-01-26T19:01:12Z',
      mergedAt: '2011-01-26T19:01:12Z',
      url: 'https://github.com/octocat/Hello-World/pull/1347',
      size: 'M: 5 files, +100/-3',
      areas: ['src: 2 files, +50/-15', 'db: 1 files, +40/-0', '(root): 1 files, +10/-3'],
      risks: [
        'migrations: db/migrations/20261101_invoices.sql',
        'auth: src/auth/session.ts',
        'lockfiles: pnpm-lock.yaml',
      ],
      checks: 'failing (2 checks; failed: unit tests)',
      reviews: 'approved; approved by octocat; waiting for other_user, team:justice-league',
      body: 'Please pull these awesome changes in!',
    });
    expect(gh.fake.requests.find((r) => r.operationId === 'checks/list-for-ref')?.path).toBe(
      '/repos/octocat/Hello-World/commits/6dcb09b5b57875f334f61aebed695e2e4193db5e/check-runs',
    );
    expect(textOf(result)).toContain('untrusted');
  });

  it('pages the diff per file and cuts oversized patches', async () => {
    gh.fake.on('pulls/list-files', {
      pages: 2,
      patch: (files, req) =>
        Array.from({ length: Number(req.query.get('per_page')) }, (_, i) => ({
          ...(files as Json[])[0],
          filename: `page${req.query.get('page')}-${i}.ts`,
          patch: `@@ -1 +1 @@\n${'+x\n'.repeat(i === 0 ? 5000 : 10)}`,
        })),
    });
    const { client: c } = await gh.connect();
    const first = data<{ files: { path: string; patch: string; patchCut?: boolean }[]; nextCursor: string }>(
      await c.callTool({
        name: 'get_pull_request_diff',
        arguments: { repo: 'octocat/Hello-World', number: 1347 },
      }),
    );
    expect(first.files).toHaveLength(10);
    expect(first.files[0]).toMatchObject({ path: 'page1-0.ts', patchCut: true });
    expect(first.files[0]?.patch.length).toBe(8000);
    expect(first.files[1]?.patchCut).toBeUndefined();
    const second = data<{ files: { path: string }[] }>(
      await c.callTool({
        name: 'get_pull_request_diff',
        arguments: { repo: 'octocat/Hello-World', number: 1347, cursor: first.nextCursor },
      }),
    );
    expect(second.files[0]?.path).toBe('page2-0.ts');
    expect(gh.fake.requests.map((r) => r.query.get('page'))).toEqual(['1', '2']);
  });
});
