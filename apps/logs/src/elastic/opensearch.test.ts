import { errorCodeOf, structuredOf } from '@gatehouse/kit/testing';
import { describe, expect, it } from 'vitest';
import { connectCluster, openSearchMock, osErrors } from '../../test/cluster.ts';
import {
  ecsDoc,
  errorBody,
  iso,
  osCatIndices,
  osCount,
  osDataStreams,
  osSearch,
  T0,
} from '../../test/elastic-fakes.ts';

const HOUR = 3_600_000;
const INDEX = 'logs-checkout-2026.12.07';
const range = { since: iso(T0 - HOUR), until: iso(T0) };

function cluster(search: () => { statusCode?: number; body: unknown } | Error) {
  const { mock, client } = openSearchMock();
  mock.add('GET', '/_cat/indices', () => ({ body: osCatIndices }));
  mock.add('GET', '/_data_stream/:name', () => ({ body: osDataStreams }));
  mock.add('POST', '/:index/_count', () => ({ body: osCount(4200) }));
  mock.add('POST', '/:index/_search', search);
  return { mock, client };
}

describe('OpenSearch through the official client', () => {
  it('search_logs and get_trace over the allowed indices, the query in the request body', async () => {
    const { mock, client } = cluster(() => ({
      body: osSearch([
        { index: INDEX, doc: ecsDoc(T0 - 2000, 'checkout', 'info', 'cart loaded', { trace: { id: 't-9' } }) },
        {
          index: INDEX,
          doc: ecsDoc(T0 - 1000, 'payments', 'error', 'card processor 503', {
            trace: { id: 't-9' },
            error: { stack_trace: 'at charge (pay.js:10)' },
          }),
        },
      ]),
    }));
    const { client: mcp, close } = await connectCluster('opensearch', client, { allow: ['logs-*'] });
    try {
      const sources = structuredOf<{ origins: { name: string }[] }>(
        await mcp.callTool({ name: 'list_sources', arguments: {} }),
      );
      expect(sources.origins.map((o) => o.name)).toEqual([INDEX]);
      const trace = structuredOf<{ lines: { service: string; stack?: string }[] }>(
        await mcp.callTool({ name: 'get_trace', arguments: { traceId: 't-9', ...range } }),
      );
      expect(trace.lines.map((l) => [l.service, l.stack])).toEqual([
        ['checkout', undefined],
        ['payments', 'at charge (pay.js:10)'],
      ]);
      const search = mock.calls.find((c) => c.path.endsWith('/_search'));
      expect(search?.path).toBe(`/${INDEX}/_search`);
      expect(JSON.stringify(search?.body)).toContain('{"term":{"trace.id":"t-9"}}');
      expect((search?.body as { sort: unknown } | undefined)?.sort).toEqual([
        { '@timestamp': { order: 'asc' } },
      ]);
    } finally {
      await close();
    }
  });

  it('a partial shard failure is said in the answer', async () => {
    const { client } = cluster(() => ({
      body: osSearch([{ index: INDEX, doc: ecsDoc(T0 - 1000, 'checkout', 'info', 'ok') }], {
        failedShards: 1,
      }),
    }));
    const { client: mcp, close } = await connectCluster('opensearch', client, { allow: ['logs-*'] });
    try {
      const out = structuredOf<{ warnings: string[] }>(
        await mcp.callTool({ name: 'search_logs', arguments: range }),
      );
      expect(out.warnings).toEqual([
        '1 of 3 shards failed (logs-checkout-2026.12.07: circuit_breaking_exception); results are partial',
      ]);
    } finally {
      await close();
    }
  });

  it.each([
    [401, 'security_exception', 'upstream_auth_failed'],
    [403, 'security_exception', 'upstream_forbidden'],
    [404, 'index_not_found_exception', 'not_found'],
    [429, 'rejected_execution_exception', 'upstream_busy'],
  ])('a %i (%s) is answered as %s', async (status, type, code) => {
    const { client } = cluster(() => ({ statusCode: status, body: errorBody(status, type, 'refused') }));
    const { client: mcp, close } = await connectCluster('opensearch', client, { allow: ['logs-*'] });
    try {
      expect(errorCodeOf(await mcp.callTool({ name: 'search_logs', arguments: range }))).toBe(code);
    } finally {
      await close();
    }
  });

  it('a request timeout is a timeout naming the setting', async () => {
    // What the client's own Connection raises when requestTimeout passes: its TimeoutError, through its transport.
    const { mock, client } = cluster(() => new osErrors.TimeoutError('Request timed out', null as never));
    const { client: mcp, close } = await connectCluster('opensearch', client, { allow: ['logs-*'] });
    try {
      const result = await mcp.callTool({ name: 'search_logs', arguments: range });
      expect(errorCodeOf(result)).toBe('timeout');
      expect(JSON.stringify(result.content)).toContain('requestTimeoutMs');
      expect(mock.calls.filter((c) => c.path.endsWith('/_search'))).toHaveLength(1);
    } finally {
      await close();
    }
  });
});
