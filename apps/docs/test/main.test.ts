import { fileURLToPath } from 'node:url';
import { runToExit } from '@gatehouse/kit/testing';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { describe, expect, it } from 'vitest';
import { makeCollection } from './fixtures.ts';

const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));

describe('docs server process', () => {
  it('serves folders from config over stdio', async () => {
    const { root } = await makeCollection();
    const client = new Client({ name: 'docs-stdio-test', version: '1.0.0' });
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [main],
        env: {
          ...process.env,
          GATEHOUSE_TRANSPORT: 'stdio',
          GATEHOUSE_DOCS_COLLECTIONS: JSON.stringify([{ name: 'team', path: root }]),
        } as Record<string, string>,
        stderr: 'pipe',
      }),
    );
    try {
      const result = await client.callTool({
        name: 'search_docs',
        arguments: { query: 'vacuum bloated tables' },
      });
      const top = (result.structuredContent as { results: { collection: string; path: string }[] })
        .results[0];
      expect(top).toMatchObject({ collection: 'team', path: 'runbooks/disk-space-low.md' });
    } finally {
      await client.close();
    }
  });

  it('refuses to start on a missing folder, naming the setting', async () => {
    const { code, stderr } = await runToExit(main, {
      GATEHOUSE_DOCS_COLLECTIONS: '[{"name":"gone","path":"/nonexistent/docs"}]',
    });
    expect(code).toBe(78);
    expect(stderr).toContain('GATEHOUSE_DOCS_COLLECTIONS');
    expect(stderr).toContain('/nonexistent/docs');
  });
});
