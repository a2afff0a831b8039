import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { describe, expect, it } from 'vitest';
import { runToExit } from '../src/testing/index.ts';

// The README's start command serves this entry: drive it as a user's client would, over stdio and over HTTP.
const main = fileURLToPath(new URL('./main.ts', import.meta.url));

describe('example server process', () => {
  it('serves stdio to the official SDK client', async () => {
    const client = new Client({ name: 'stdio-test', version: '1.0.0' });
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [main],
        env: { ...process.env, GATEHOUSE_TRANSPORT: 'stdio', GATEHOUSE_ACTOR: 'dana' } as Record<
          string,
          string
        >,
        stderr: 'pipe',
      }),
    );
    try {
      const tools = (await client.listTools()).tools.map((t) => t.name);
      expect(tools).toContain('list_notes');
      const result = await client.callTool({ name: 'get_note', arguments: { id: 'n2' } });
      expect((result.structuredContent as { title: string }).title).toBe('Release checklist');
    } finally {
      await client.close();
    }
  });

  it('serves HTTP with a printed development key when none is configured', async () => {
    const child = spawn(process.execPath, [main], {
      env: { ...process.env, GATEHOUSE_PORT: '0', GATEHOUSE_TRANSPORT: 'http' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    try {
      let stderr = '';
      const { key, url } = await new Promise<{ key: string; url: string }>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`server did not start: ${stderr}`)), 15_000);
        child.stderr.on('data', (chunk) => {
          stderr += chunk;
          const key = /(gh_dev_\S+)/.exec(stderr)?.[1];
          const url = /serving MCP at (\S+)/.exec(stderr)?.[1];
          if (key && url) {
            clearTimeout(timer);
            resolve({ key, url });
          }
        });
      });
      const client = new Client({ name: 'http-test', version: '1.0.0' });
      await client.connect(
        new StreamableHTTPClientTransport(new URL(url), {
          requestInit: { headers: { authorization: `Bearer ${key}` } },
        }),
      );
      expect((await client.listTools()).tools.length).toBeGreaterThan(0);
      const result = await client.callTool({ name: 'list_notes', arguments: {} });
      expect((result.structuredContent as { notes: unknown[] }).notes).toHaveLength(3);
      await client.close();
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('refuses to start on a bad setting, naming it', async () => {
    const { code, stderr } = await runToExit(main, { GATEHOUSE_PORT: 'eighty' });
    expect(code).toBe(78);
    expect(stderr).toContain('GATEHOUSE_PORT');
  });
});
