import { startHttp, testApiKey } from '@gatehouse/kit/testing';
import { describe, expect, it } from 'vitest';
import { makeCollection, makeServer } from './fixtures.ts';

describe('docs server over real HTTP', () => {
  it('answers both protocol eras through the kit pipeline', async () => {
    const { root } = await makeCollection();
    const server = await makeServer(root);
    const ana = testApiKey('ana', ['reader']);
    const harness = await startHttp(server.definition, { ...server.options, apiKeys: [ana.entry] });
    try {
      for (const era of ['legacy', 'modern'] as const) {
        const client = await harness.connect(ana.key, { era });
        const tools = (await client.listTools()).tools.map((t) => t.name).sort();
        expect(tools).toEqual(['list_docs', 'read_doc', 'related_docs', 'search_docs']);
        const result = await client.callTool({
          name: 'search_docs',
          arguments: { query: 'skip locked queue' },
        });
        const top = (result.structuredContent as { results: { path: string }[] }).results[0];
        expect(top?.path, era).toBe('adr/0002-postgres-queue.md');
      }
      expect(server.audit.records.filter((r) => r.name === 'search_docs' && r.outcome === 'ok')).toHaveLength(
        2,
      );
    } finally {
      await harness.close();
      server.library.close();
    }
  });
});
