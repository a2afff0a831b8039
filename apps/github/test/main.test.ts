import { fileURLToPath } from 'node:url';
import { runToExit } from '@gatehouse/kit/testing';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { describe, expect, it } from 'vitest';
import { SECRET_TOKEN } from './fixtures.ts';
import { useFakeGitHub } from './harness.ts';

const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));

// A clean environment: none of the developer's own GATEHOUSE_GITHUB_* settings leak into these processes.
const baseEnv = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !k.startsWith('GATEHOUSE_')),
) as Record<string, string>;

async function stdioClient(env: Record<string, string>) {
  const client = new Client({ name: 'github-stdio-test', version: '1.0.0' });
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [main],
    env: { ...baseEnv, GATEHOUSE_TRANSPORT: 'stdio', ...env },
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  await client.connect(transport);
  return { client, stderr: () => stderr };
}

const gh = useFakeGitHub();

describe('github server process', () => {
  it('starts without credentials, lists its read tools, and explains what to set', async () => {
    const { client } = await stdioClient({});
    try {
      const tools = (await client.listTools()).tools.map((t) => t.name);
      expect(tools).toHaveLength(13);
      expect(tools).not.toContain('create_issue'); // writes are off by default
      const result = await client.callTool({
        name: 'list_pull_requests',
        arguments: { repo: 'acme/api' },
      });
      expect(result.isError).toBe(true);
      expect(JSON.stringify(result.content)).toContain('GATEHOUSE_GITHUB_TOKEN');
    } finally {
      await client.close();
    }
  });

  it('serves GitHub from env settings, and its token reaches neither the client nor stderr', async () => {
    const { client, stderr } = await stdioClient({
      GATEHOUSE_GITHUB_TOKEN: SECRET_TOKEN,
      GATEHOUSE_GITHUB_BASE_URL: gh.fake.url,
      GATEHOUSE_GITHUB_ALLOWLIST: 'octocat/*',
      GATEHOUSE_GITHUB_TOOLSETS: 'repos,pull_requests',
    });
    try {
      const tools = (await client.listTools()).tools.map((t) => t.name);
      expect(tools).toEqual([
        'get_file',
        'search_code',
        'list_commits',
        'get_ownership',
        'list_pull_requests',
        'get_pull_request',
        'get_pull_request_diff',
      ]);
      const ok = await client.callTool({
        name: 'list_pull_requests',
        arguments: { repo: 'octocat/Hello-World' },
      });
      expect(JSON.stringify(ok.structuredContent)).toContain('Amazing new feature');
      // The allowlist reaches the kit as a boundary: refused by the policy step, before any request.
      const requestsBefore = gh.fake.requests.length;
      const outside = await client.callTool({ name: 'list_pull_requests', arguments: { repo: 'acme/api' } });
      expect(JSON.stringify(outside.content)).toContain('not in GATEHOUSE_GITHUB_ALLOWLIST');
      expect(gh.fake.requests).toHaveLength(requestsBefore);
      gh.fake.on('pulls/get', { status: 404 });
      const failed = await client.callTool({
        name: 'get_pull_request',
        arguments: { repo: 'octocat/Hello-World', number: 9 },
      });
      expect(failed.isError).toBe(true);
      expect(JSON.stringify([ok, failed])).not.toContain(SECRET_TOKEN);
    } finally {
      await client.close();
    }
    expect(stderr()).toContain('"name":"get_pull_request"'); // the audit log went to stderr...
    expect(stderr()).not.toContain(SECRET_TOKEN); // ...without the credential
  });

  it('refuses to start on a bad setting, naming it', async () => {
    const { code, stderr } = await runToExit(main, {
      ...baseEnv,
      GATEHOUSE_GITHUB_TOOLSETS: 'repos,everything',
    });
    expect(code).toBe(78);
    expect(stderr).toContain('GATEHOUSE_GITHUB_TOOLSETS');
    const key = await runToExit(main, {
      ...baseEnv,
      GATEHOUSE_GITHUB_PRIVATE_KEY_FILE: '/nonexistent/key.pem',
    });
    expect(key.code).toBe(78);
    expect(key.stderr).toContain('GATEHOUSE_GITHUB_PRIVATE_KEY_FILE');
  });
});
