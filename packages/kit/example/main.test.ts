import { fileURLToPath } from 'node:url';
import { runToExit, startServerProcess } from '@gatehouse/kit/testing';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { describe, expect, it } from 'vitest';

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
    const server = await startServerProcess(main, {}, 15_000);
    try {
      // The key is printed before the serving line.
      const key = /(gh_dev_\S+)/.exec(server.stderr())?.[1];
      expect(key).toBeDefined();
      const url = server.url;
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
      await server.stop();
    }
  });

  it('refuses to start on a bad setting, naming it', async () => {
    const { code, stderr } = await runToExit(main, { GATEHOUSE_PORT: 'eighty' });
    expect(code).toBe(78);
    expect(stderr).toContain('GATEHOUSE_PORT');
  });
});
