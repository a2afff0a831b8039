// biome-ignore-all lint/suspicious/noTemplateCurlyInString: host configs spell ${VAR} placeholders literally
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { memoryContext } from '../context.ts';
import { UsageError } from '../errors.ts';
import { writeLocalState } from '../local-state.ts';
import { KNOWN_SERVERS, REPOSITORY_ROOT } from '../servers.ts';
import { hostConfigCommand } from './host-config.ts';

async function run(...argv: string[]) {
  const io = memoryContext();
  const code = await hostConfigCommand(argv, io.context);
  return { code, stdout: io.stdout.join('\n'), stderr: io.stderr.join('\n') };
}

const json = async (...argv: string[]) => JSON.parse((await run(...argv)).stdout);

describe('gatehouse host-config', () => {
  it('enables just the chosen servers, stdio by default, through the checkout launcher (never a bare node)', async () => {
    const config = await json('--host', 'claude-code', '--servers', 'docs,notes');
    expect(Object.keys(config.mcpServers)).toEqual(['gatehouse-docs', 'gatehouse-notes']);
    expect(config.mcpServers['gatehouse-docs']).toEqual({
      type: 'stdio',
      command: `${REPOSITORY_ROOT}/gatehouse`,
      args: ['serve', 'docs'],
      env: { GATEHOUSE_TRANSPORT: 'stdio' },
    });
    expect(config.mcpServers['gatehouse-notes'].args).toEqual(['serve', 'notes']);
    const node = await json('--host', 'cursor', '--servers', 'notes', '--launcher', 'node');
    expect(node.mcpServers['gatehouse-notes']).toMatchObject({
      command: process.execPath,
      args: [`${REPOSITORY_ROOT}/packages/kit/example/main.ts`],
    });
  });

  it('uses a given checkout root, or pnpm --silent --filter', async () => {
    const rooted = await json('--host', 'cursor', '--servers', 'database', '--root', '/opt/gatehouse');
    expect(rooted.mcpServers['gatehouse-database']).toMatchObject({
      command: '/opt/gatehouse/gatehouse',
      args: ['serve', 'database'],
    });
    const pnpm = await json(
      '--host',
      'vscode',
      '--servers',
      'github',
      '--launcher',
      'pnpm',
      '--root',
      '/opt/gh',
    );
    expect(pnpm.servers['gatehouse-github']).toMatchObject({
      type: 'stdio',
      command: 'pnpm',
      args: ['--silent', '--dir', '/opt/gh', '--filter', '@gatehouse/github', 'start'],
    });
  });

  it('maps --url with --url-style path to <url>/<server>/mcp, keeping a base path', async () => {
    const config = await json(
      '--host',
      'cursor',
      '--servers',
      'docs,database',
      '--url',
      'https://mcp.example.com/',
      '--url-style',
      'path',
    );
    expect(config.mcpServers['gatehouse-docs'].url).toBe('https://mcp.example.com/docs/mcp');
    expect(config.mcpServers['gatehouse-database'].url).toBe('https://mcp.example.com/database/mcp');
    const prefixed = await json(
      '--host',
      'cursor',
      '--servers',
      'docs',
      '--url',
      'https://example.com/gatehouse',
      '--url-style',
      'path',
    );
    expect(prefixed.mcpServers['gatehouse-docs'].url).toBe('https://example.com/gatehouse/docs/mcp');
  });

  it('maps --url to each server’s own port by default, as the servers serve them', async () => {
    const config = await json(
      ...['--host', 'claude-code', '--servers', 'notes,github,database,docs'],
      ...['--url', 'http://127.0.0.1'],
    );
    expect(Object.values(config.mcpServers).map((s) => (s as { url: string }).url)).toEqual([
      'http://127.0.0.1:3100/mcp',
      'http://127.0.0.1:3101/mcp',
      'http://127.0.0.1:3102/mcp',
      'http://127.0.0.1:3103/mcp',
    ]);
  });

  it('warns when a key would travel over plain HTTP to another machine', async () => {
    const remote = await run('--host', 'cursor', '--servers', 'docs', '--url', 'http://mcp.internal');
    expect(remote.code).toBe(0);
    expect(remote.stderr).toMatch(/plain HTTP: the API key would cross the network unencrypted/);
    const local = await run('--host', 'cursor', '--servers', 'docs', '--url', 'http://localhost');
    expect(local.stderr).not.toMatch(/plain HTTP/);
  });

  it('prints claude mcp add lines for Claude Code on request', async () => {
    const { stdout } = await run(
      '--host',
      'claude-code',
      '--servers',
      'docs',
      '--url',
      'https://h.example',
      '--format',
      'commands',
    );
    expect(stdout).toBe(
      "claude mcp add gatehouse-docs https://h.example:3103/mcp --scope project --transport http --header 'Authorization: Bearer ${GATEHOUSE_API_KEY}'",
    );
  });

  it('refuses unknown hosts and servers, listing the valid ones', async () => {
    await expect(run('--host', 'emacs', '--servers', 'docs')).rejects.toThrow(
      'unknown host "emacs"; valid hosts: claude-desktop, claude-code, vscode, cursor',
    );
    await expect(run('--host', 'vscode', '--servers', 'docs,no-such,nor-this')).rejects.toThrow(
      `unknown servers no-such, nor-this; valid servers: ${KNOWN_SERVERS.map((s) => s.name).join(', ')}`,
    );
    await expect(run('--servers', 'docs')).rejects.toThrow(/--host is required/);
    await expect(run('--host', 'vscode')).rejects.toThrow(/--servers is required/);
  });

  it('refuses options that do not fit together or bad URLs', async () => {
    const refusals: string[][] = [
      ['--format', 'commands'],
      ['--url', 'https://x.example', '--launcher', 'pnpm'],
      ['--url-style', 'port'],
      ['--url', 'ftp://x.example'],
      ['--url', 'not a url'],
      ['--url', 'https://user:pw@x.example'],
      ['--url', 'http://127.0.0.1:8080'],
      ['--url', 'local', '--url-style', 'path'],
      ['--launcher', 'bun'],
    ];
    for (const extra of refusals) {
      await expect(run('--host', 'vscode', '--servers', 'docs', ...extra), extra.join(' ')).rejects.toThrow(
        UsageError,
      );
    }
  });

  it('takes the URLs of a running ./gatehouse start with --url local, and says when none runs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gatehouse-state-'));
    const io = memoryContext({ GATEHOUSE_STATE_DIR: dir });
    const args = ['--host', 'vscode', '--servers', 'docs,notes', '--url', 'local'];
    await expect(hostConfigCommand(args, io.context)).rejects.toThrow(
      `--url local: no ./gatehouse start is running from ${dir}; start it, or give --url <base>`,
    );
    const servers = { notes: 'http://127.0.0.1:41000/mcp', docs: 'http://127.0.0.1:41003/mcp' };
    writeLocalState(dir, {
      version: 1,
      postgres: { superuserPassword: 's', gatehousePassword: 'g' },
      key: { hash: 'sha256:x', actor: 'local-dev', roles: ['writer'], createdAt: 'now' },
      signingKey: 'k',
      running: {
        pid: process.pid,
        startedAt: 'now',
        databaseUrl: 'postgres://x',
        servers,
        approvalCommand: 'g',
      },
    });
    expect(await hostConfigCommand(args, io.context)).toBe(0);
    const config = JSON.parse(io.stdout.join('\n'));
    expect(config.servers['gatehouse-docs'].url).toBe(servers.docs);
    expect(config.servers['gatehouse-notes'].url).toBe(servers.notes);
  });

  // The host's PATH finds Node 20 first when the machine has one (/usr/bin/node here): a bare `node` would die on
  // the .ts entry (ERR_UNKNOWN_FILE_EXTENSION) and the host would only say "connection closed".
  const hostPath = ['/usr/bin', '/bin', dirname(process.execPath)].join(':');
  it.each([
    ['gatehouse', [], hostPath],
    ['node', ['--launcher', 'node'], '/usr/bin:/bin'],
    ['pnpm', ['--launcher', 'pnpm'], process.env.PATH ?? ''],
  ])(
    'produces a stdio entry (%s) that starts a server answering MCP initialize',
    async (_name, extra, path) => {
      const config = await json('--host', 'claude-code', '--servers', 'notes', ...extra);
      const entry = config.mcpServers['gatehouse-notes'];
      const child = spawn(entry.command, entry.args, {
        env: { ...process.env, PATH: path, GATEHOUSE_STATE_DIR: '/nonexistent/state', ...entry.env },
        stdio: ['pipe', 'pipe', 'ignore'],
      });
      try {
        const firstLine = new Promise<string>((resolve) => {
          createInterface({ input: child.stdout }).once('line', resolve);
        });
        child.stdin.write(
          `${JSON.stringify({
            jsonrpc: '2.0',
            id: 1,
            method: 'initialize',
            params: {
              protocolVersion: '2025-06-18',
              capabilities: {},
              clientInfo: { name: 'cli-test', version: '1' },
            },
          })}\n`,
        );
        // The first line on stdout must be the answer: nothing else (no launcher banner) may reach the MCP stream.
        const answer = JSON.parse(await firstLine);
        expect(answer).toMatchObject({
          jsonrpc: '2.0',
          id: 1,
          result: { serverInfo: { name: 'gatehouse-notes' } },
        });
      } finally {
        child.kill('SIGTERM');
      }
    },
  );
});
