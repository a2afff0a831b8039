import { errorCodeOf, structuredOf } from '@gatehouse/kit/testing';
import { describe, expect, it } from 'vitest';
import { connectCluster, elasticMock, esErrors } from '../../test/cluster.ts';
import {
  type Doc,
  ecsDoc,
  errorBody,
  esCatIndices,
  esCount,
  esDataStreams,
  esHistogram,
  esSearch,
  iso,
  T0,
} from '../../test/elastic-fakes.ts';

const HOUR = 3_600_000;
const BACKING = '.ds-logs-billing-2026.12.07-000001';
type Params = { path: string; body?: Doc };

/** A mocked cluster with its listing, a count, and whatever search answers the test gives. */
function cluster(search: (params: Params) => unknown, count = 1000) {
  const { mock, client } = elasticMock();
  const seen: Params[] = [];
  mock.add({ method: 'GET', path: '/_cat/indices' }, () => esCatIndices);
  mock.add({ method: 'GET', path: '/_data_stream/:name' }, () => esDataStreams);
  mock.add({ method: ['POST', 'GET'], path: '/:index/_count' }, (p) => {
    seen.push(p as Params);
    return typeof count === 'number' ? esCount(count) : count;
  });
  mock.add({ method: ['POST', 'GET'], path: '/:index/_search' }, (p) => {
    seen.push(p as Params);
    return search(p as Params) as Record<string, unknown>;
  });
  return { client, seen };
}

const range = { since: iso(T0 - HOUR), until: iso(T0) };

describe('Elasticsearch through the official client', () => {
  it('list_sources: data streams and indices inside the allowlist; backing, system and other indices hidden', async () => {
    const { client } = cluster(() => esSearch([]));
    const { client: mcp, close } = await connectCluster('elasticsearch', client);
    try {
      const out = structuredOf<{ origins: { name: string; kind: string; docs?: number }[] }>(
        await mcp.callTool({ name: 'list_sources', arguments: {} }),
      );
      expect(out.origins.map((o) => [o.name, o.kind, o.docs])).toEqual([
        ['app-legacy', 'index', 1500],
        ['logs-billing', 'data_stream', 200000],
      ]);
    } finally {
      await close();
    }
  });

  it('search_logs: one bool query over the allowed origins only, rows from the hits, "at least" past the count', async () => {
    const { client, seen } = cluster(() =>
      esSearch(
        [
          {
            index: BACKING,
            doc: ecsDoc(T0 - 60_000, 'billing-api', 'error', 'payment failed', { trace: { id: 'abc' } }),
          },
          { index: 'app-legacy', doc: ecsDoc(T0 - 120_000, 'legacy', 'ERROR', 'db timeout') },
        ],
        { total: 10_000, relation: 'gte' },
      ),
    );
    const { client: mcp, close } = await connectCluster('elasticsearch', client);
    try {
      const result = await mcp.callTool({
        name: 'search_logs',
        arguments: { ...range, level: 'error', service: 'billing-api', text: 'payment failed' },
      });
      const out = structuredOf<{
        lines: { service: string; level: string; traceId?: string }[];
        matched: string;
      }>(result);
      expect(out.lines.map((l) => [l.service, l.level, l.traceId])).toEqual([
        ['billing-api', 'error', 'abc'],
        ['legacy', 'error', undefined],
      ]);
      expect(out.matched).toBe('at least 10000');
      const search = seen.find((p) => p.path.endsWith('/_search'));
      expect(decodeURIComponent(search?.path ?? '')).toBe('/app-legacy,logs-billing/_search');
      const filter = (search?.body?.query as { bool: { filter: Doc[] } } | undefined)?.bool.filter;
      expect(filter).toContainEqual({ terms: { 'service.name': ['billing-api'] } });
      expect(filter).toContainEqual({ match: { message: { query: 'payment failed', operator: 'and' } } });
      expect(JSON.stringify(filter)).toContain('"ERROR"');
      expect(search?.body?.sort).toEqual([{ '@timestamp': { order: 'desc' } }]);
    } finally {
      await close();
    }
  });

  it('refuses an index outside the allowlist before any request reaches the cluster', async () => {
    const { client, seen } = cluster(() => esSearch([]));
    const { client: mcp, close, audit } = await connectCluster('elasticsearch', client);
    try {
      const refused = await mcp.callTool({
        name: 'search_logs',
        arguments: { ...range, origin: 'secrets-audit' },
      });
      expect(errorCodeOf(refused)).toBe('forbidden');
      expect(JSON.stringify(refused.content)).toContain('GATEHOUSE_LOGS_SOURCES[0] (prod) allow/deny');
      expect(seen).toEqual([]);
      expect(audit.records.at(-1)).toMatchObject({ decision: 'denied', target: 'logs:prod/secrets-audit' });
    } finally {
      await close();
    }
  });

  it('cost guard: refuses when _count says too many documents are in range, naming the setting', async () => {
    const { client, seen } = cluster(() => esSearch([]), 60_000_000);
    const { client: mcp, close } = await connectCluster('elasticsearch', client);
    try {
      const result = await mcp.callTool({ name: 'search_logs', arguments: range });
      expect(errorCodeOf(result)).toBe('scan_too_large');
      expect(JSON.stringify(result.content)).toContain('GATEHOUSE_LOGS_MAX_SCAN_DOCUMENTS');
      expect(seen.map((p) => p.path.split('/').at(-1))).toEqual(['_count']);
    } finally {
      await close();
    }
  });

  it('find_recent_errors: window and baseline searched apart, grouped here, new vs steady', async () => {
    const { client } = cluster((p) => {
      const gte = JSON.stringify(p.body).match(/"gte":"([^"]+)"/)?.[1] ?? '';
      const window = Date.parse(gte) >= T0 - HOUR;
      const docs = window
        ? [
            ecsDoc(T0 - 5_000, 'billing-api', 'error', 'charge 7781 failed: card_declined', {
              error: { type: 'PaymentError' },
            }),
            ecsDoc(T0 - 9_000, 'billing-api', 'error', 'charge 1203 failed: card_declined', {
              error: { type: 'PaymentError' },
            }),
            ecsDoc(T0 - 20_000, 'worker', 'error', 'queue lag 3200ms'),
          ]
        : [
            ecsDoc(T0 - HOUR - 50_000, 'worker', 'error', 'queue lag 900ms'),
            ecsDoc(T0 - HOUR - 60_000, 'worker', 'error', 'queue lag 2s'),
          ];
      return esSearch(docs.map((doc) => ({ index: BACKING, doc })));
    });
    const { client: mcp, close } = await connectCluster('elasticsearch', client);
    try {
      const out = structuredOf<{
        errors: number;
        patterns: { trend: string; count: number; before: number; pattern: string }[];
      }>(await mcp.callTool({ name: 'find_recent_errors', arguments: range }));
      expect(out.patterns.map((p) => [p.trend, p.pattern, p.count, p.before])).toEqual([
        ['new', 'PaymentError: charge <n> failed: card_declined', 2, 0],
        ['falling', 'queue lag <duration>', 1, 2],
      ]);
      expect(out.errors).toBe(3);
    } finally {
      await close();
    }
  });

  it('error_timeline: a date_histogram aligned to the range, with deploy markers from a term query', async () => {
    const { client, seen } = cluster((p) =>
      p.body?.aggs
        ? esHistogram([
            { key: T0 - HOUR, count: 1 },
            { key: T0 - HOUR / 2, count: 40 },
          ])
        : esSearch([
            {
              index: BACKING,
              doc: ecsDoc(T0 - HOUR / 2 - 60_000, 'billing-api', 'info', 'deploy finished', {
                event: { action: 'deploy' },
              }),
            },
          ]),
    );
    const { client: mcp, close } = await connectCluster('elasticsearch', client);
    try {
      const out = structuredOf<{
        buckets: { start: string; count: number }[];
        deploys: { message: string }[];
      }>(await mcp.callTool({ name: 'error_timeline', arguments: { ...range, interval: '15m' } }));
      expect(out.buckets.map((b) => b.count)).toEqual([1, 0, 40, 0]);
      expect(out.deploys.map((d) => d.message)).toEqual(['deploy finished']);
      const histogram = seen.find((p) => p.body?.aggs)?.body?.aggs as { timeline: { date_histogram: Doc } };
      expect(histogram.timeline.date_histogram).toMatchObject({
        field: '@timestamp',
        fixed_interval: '900000ms',
        min_doc_count: 0,
      });
      expect(JSON.stringify(seen.at(-1)?.body)).toContain('{"term":{"event.action":"deploy"}}');
    } finally {
      await close();
    }
  });

  it('partial shard failures and a timed-out search are said in the answer, not hidden', async () => {
    const { client } = cluster(() =>
      esSearch([{ index: BACKING, doc: ecsDoc(T0 - 1000, 'a', 'info', 'x') }], {
        failedShards: 2,
        timedOut: true,
      }),
    );
    const { client: mcp, close } = await connectCluster('elasticsearch', client);
    try {
      const out = structuredOf<{ warnings: string[] }>(
        await mcp.callTool({ name: 'search_logs', arguments: range }),
      );
      expect(out.warnings).toEqual([
        '2 of 5 shards failed (.ds-logs-billing-2026.12.07-000001: node_not_connected_exception); results are partial',
        'the search timed out on the cluster; results are partial',
      ]);
    } finally {
      await close();
    }
  });

  it.each([
    [401, 'security_exception', 'unable to authenticate user', 'upstream_auth_failed', '.auth'],
    [
      403,
      'security_exception',
      'action [indices:data/read/search] is unauthorized',
      'upstream_forbidden',
      'grant it read',
    ],
    [
      404,
      'index_not_found_exception',
      'no such index [logs-billing]',
      'not_found',
      'index_not_found_exception',
    ],
    [429, 'es_rejected_execution_exception', 'rejected execution of search', 'upstream_busy', 'try again'],
    [500, 'search_phase_execution_exception', 'all shards failed', 'upstream_error', '500'],
  ])(
    'a %i (%s) from the cluster is answered with a stable code and what to do',
    async (status, type, reason, code, hint) => {
      const { client } = cluster(
        () =>
          new esErrors.ResponseError({
            body: errorBody(status, type, reason),
            statusCode: status,
            warnings: null,
            meta: {} as never,
          }),
      );
      const { client: mcp, close } = await connectCluster('elasticsearch', client);
      try {
        const result = await mcp.callTool({ name: 'search_logs', arguments: range });
        expect(errorCodeOf(result)).toBe(code);
        expect(JSON.stringify(result.content)).toContain(hint);
      } finally {
        await close();
      }
    },
  );

  it('a request timeout is a timeout naming the setting', async () => {
    const { client } = cluster(() => new esErrors.TimeoutError('Request timed out'));
    const { client: mcp, close } = await connectCluster('elasticsearch', client);
    try {
      const result = await mcp.callTool({ name: 'search_logs', arguments: range });
      expect(errorCodeOf(result)).toBe('timeout');
      expect(JSON.stringify(result.content)).toContain('requestTimeoutMs');
    } finally {
      await close();
    }
  });
});
