import type { Identity } from '@gatehouse/kit';
import { errorCodeOf, structuredOf } from '@gatehouse/kit/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { connectCluster, elasticMock, esErrors, openSearchMock } from '../../test/cluster.ts';
import { connectFiles } from '../../test/connect.ts';
import {
  ecsDoc,
  esCatIndices,
  esCount,
  esDataStreams,
  esEsql,
  esSearch,
  iso,
  osCatIndices,
  osCount,
  osDataStreams,
  osPpl,
  T0,
} from '../../test/elastic-fakes.ts';
import { logFolder } from '../../test/fixtures.ts';

// query_logs, the opt-in raw query, through the official SDK client, the kit's pipeline and the clients' mock
// layers: off unless the operator enables it, then bounded (indices checked against the allowlist, time range as a
// filter, rows capped, scan estimated first), and audited with every index it read.
const HOUR = 3_600_000;
const range = { since: iso(T0 - HOUR), until: iso(T0) };
const operator: Identity = { actor: 'olga', roles: ['approver'], scopes: [], via: 'stdio' };
const on = { limits: { rawQueries: true }, identity: operator };
type Body = Record<string, unknown>;

/** An Elasticsearch cluster answering ES|QL with `esql`, and recording every request that reached it. */
function elastic(esql: (body: Body) => unknown = () => esEsql([{ name: 'n', type: 'long' }], [[3]])) {
  const { mock, client } = elasticMock();
  const seen: { path: string; body?: Body }[] = [];
  const record = (p: unknown) => seen.push(p as { path: string; body?: Body });
  mock.add({ method: 'GET', path: '/_cat/indices' }, () => esCatIndices);
  mock.add({ method: 'GET', path: '/_data_stream/:name' }, () => esDataStreams);
  mock.add({ method: ['POST', 'GET'], path: '/:index/_count' }, (p) => {
    record(p);
    return esCount(1000);
  });
  mock.add({ method: 'POST', path: '/_query' }, (p) => {
    record(p);
    return esql((p as { body: Body }).body) as Body;
  });
  mock.add({ method: ['POST', 'GET'], path: '/:index/_search' }, (p) => {
    record(p);
    return esSearch([
      { index: '.ds-logs-billing-2026.12.07-000001', doc: ecsDoc(T0 - 1000, 'billing', 'error', 'boom') },
    ]) as unknown as Body;
  });
  return { client, seen, queries: () => seen.filter((s) => !s.path.endsWith('/_count')) };
}

const call = (mcp: Awaited<ReturnType<typeof connectCluster>>['client'], query: string) =>
  mcp.callTool({ name: 'query_logs', arguments: { query, ...range } });

describe('query_logs (raw queries, opt-in)', () => {
  it('is not offered unless the operator enables it, and needs logs:query even then', async () => {
    const { client } = elastic();
    const off = await connectCluster('elasticsearch', client, { identity: operator });
    try {
      expect((await off.client.listTools()).tools.map((t) => t.name)).not.toContain('query_logs');
      await expect(call(off.client, 'FROM logs-billing')).rejects.toThrow('Unknown tool: query_logs');
    } finally {
      await off.close();
    }
    const reader = await connectCluster('elasticsearch', client, { limits: { rawQueries: true } });
    try {
      expect((await reader.client.listTools()).tools.map((t) => t.name)).not.toContain('query_logs');
      const refused = await call(reader.client, 'FROM logs-billing');
      expect(errorCodeOf(refused)).toBe('forbidden');
      expect(JSON.stringify(refused.content)).toContain('logs:query');
    } finally {
      await reader.close();
    }
  });

  it('ES|QL: the source command names the checked indices, the range is a filter, rows capped, audited', async () => {
    const { client, queries } = elastic(() =>
      esEsql(
        [
          { name: 'service.name', type: 'keyword' },
          { name: 'n', type: 'long' },
        ],
        [
          ['billing', 41],
          ['invoices', ['a', 'b'] as never],
        ],
      ),
    );
    const { client: mcp, close, audit } = await connectCluster('elasticsearch', client, on);
    try {
      const out = structuredOf<{ columns: string[]; rows: unknown[][] }>(
        await call(mcp, 'from logs-*, app-legacy METADATA _index | STATS n = COUNT(*) BY service.name'),
      );
      expect(out).toEqual({
        columns: ['service.name', 'n'],
        rows: [
          ['billing', 41],
          ['invoices', '["a","b"]'],
        ],
      });
      const sent = queries()[0]?.body as { query: string; filter: unknown };
      expect(sent.query).toBe(
        'FROM logs-billing, app-legacy METADATA _index | STATS n = COUNT(*) BY service.name | LIMIT 100',
      );
      expect(sent.filter).toEqual({
        range: { '@timestamp': { gte: range.since, lt: range.until, format: 'strict_date_optional_time' } },
      });
      const record = audit.records.at(-1);
      expect(record).toMatchObject({ name: 'query_logs', decision: 'allowed', outcome: 'ok' });
      expect(record?.targets).toEqual(
        expect.arrayContaining(['logs:prod/logs-billing', 'logs:prod/app-legacy']),
      );
    } finally {
      await close();
    }
  });

  it('refuses an index outside the allowlist, an alias or backing index, and commands that reach elsewhere, before the cluster sees the query', async () => {
    const { client, queries } = elastic();
    const { client: mcp, close, audit } = await connectCluster('elasticsearch', client, on);
    try {
      const outside = await call(mcp, 'FROM logs-billing, secrets-audit');
      expect(errorCodeOf(outside)).toBe('forbidden');
      expect(audit.records.at(-1)).toMatchObject({ decision: 'denied', target: 'logs:prod/secrets-audit' });
      expect(errorCodeOf(await call(mcp, 'FROM .ds-logs-billing-2026.12.07-000001'))).toBe('forbidden');
      expect(errorCodeOf(await call(mcp, 'FROM app-*-alias'))).toBe('not_found');
      for (const query of [
        'FROM logs-billing | ENRICH users-policy ON user.id',
        'FROM logs-billing | LOOKUP JOIN secrets-audit ON user.id',
        'FROM logs-billing | FORK (WHERE true) (WHERE false)',
        'FROM remote:logs-billing',
        'FROM logs-billing::failures',
        'FROM logs-billing // | ENRICH x',
        'FROM "logs-billing | ENRICH x',
        'ROW a = 1',
        'FROM logs-billing | EVAL s = "a | ENRICH b" | ENRICH x',
      ]) {
        const refused = await call(mcp, query);
        expect([query, errorCodeOf(refused)]).toEqual([query, 'invalid_input']);
      }
      // A pipe inside a string is not a command: this one is fine.
      await call(mcp, 'FROM logs-billing | WHERE message == "a | ENRICH b"');
      expect(queries().map((q) => (q.body as { query: string }).query)).toEqual([
        'FROM logs-billing | WHERE message == "a | ENRICH b" | LIMIT 100',
      ]);
    } finally {
      await close();
    }
  });

  it('query DSL: the body runs inside a bool filter on the range, size capped; scripts and index names refused', async () => {
    const { client, queries } = elastic();
    const { client: mcp, close } = await connectCluster('elasticsearch', client, on);
    try {
      const out = structuredOf<{ columns: string[]; rows: unknown[][] }>(
        await call(mcp, JSON.stringify({ query: { match: { message: 'boom' } }, size: 5000 })),
      );
      expect(out.columns.slice(0, 3)).toEqual(['_index', '@timestamp', 'log.level']);
      expect(out.rows[0]?.[0]).toBe('logs-billing');
      const search = queries()[0];
      expect(search?.path).toBe('/app-legacy,logs-billing/_search');
      expect(search?.body).toMatchObject({
        size: 100,
        timeout: '20s',
        query: {
          bool: {
            must: [{ match: { message: 'boom' } }],
            filter: [{ range: { '@timestamp': { gte: range.since, lt: range.until } } }],
          },
        },
      });
      for (const body of [
        { query: { script: { script: 'true' } } },
        { runtime_mappings: { x: { type: 'keyword' } } },
        { query: { terms: { user: { index: 'secrets-audit', id: '1', path: 'u' } } } },
        { pit: { id: 'x' } },
        [1],
      ]) {
        expect(errorCodeOf(await call(mcp, JSON.stringify(body)))).toBe('invalid_input');
      }
      expect(errorCodeOf(await call(mcp, '{"query": '))).toBe('invalid_input');
      expect(queries()).toHaveLength(1);
    } finally {
      await close();
    }
  });

  it('the scan estimate and the client timeout bound it as they bound every tool', async () => {
    const big = elastic();
    const { client: mcp, close } = await connectCluster('elasticsearch', big.client, {
      ...on,
      limits: { rawQueries: true, maxScanDocuments: 10 },
    });
    try {
      const refused = await call(mcp, 'FROM logs-billing');
      expect(errorCodeOf(refused)).toBe('scan_too_large');
      expect(big.queries()).toEqual([]);
    } finally {
      await close();
    }
    const slow = elastic(() => new esErrors.TimeoutError('Request timed out'));
    const timed = await connectCluster('elasticsearch', slow.client, on);
    try {
      const result = await call(timed.client, 'FROM logs-billing');
      expect(errorCodeOf(result)).toBe('timeout');
      expect(JSON.stringify(result.content)).toContain('requestTimeoutMs');
    } finally {
      await timed.close();
    }
  });

  it('OpenSearch PPL: source rewritten to the checked indices, the range as the request filter, head capped', async () => {
    const { mock, client } = openSearchMock();
    mock.add('GET', '/_cat/indices', () => ({ body: osCatIndices }));
    mock.add('GET', '/_data_stream/:name', () => ({ body: osDataStreams }));
    mock.add('POST', '/:index/_count', () => ({ body: osCount(10) }));
    mock.add('POST', '/_plugins/_ppl', () => ({
      body: osPpl([{ name: 'count()', type: 'integer' }], [[7]]),
    }));
    const { client: mcp, close } = await connectCluster('opensearch', client, { ...on, allow: ['logs-*'] });
    try {
      const out = structuredOf<{ columns: string[]; rows: unknown[][] }>(
        await call(mcp, 'source=logs-* | where status >= 500 | stats count()'),
      );
      expect(out).toEqual({ columns: ['count()'], rows: [[7]] });
      const sent = mock.calls.find((c) => c.path === '/_plugins/_ppl')?.body as {
        query: string;
        filter: unknown;
      };
      expect(sent.query).toBe(
        'source=logs-checkout-2026.12.07 | where status >= 500 | stats count() | head 100',
      );
      expect(JSON.stringify(sent.filter)).toContain(range.since);
      for (const query of [
        'source=security-auditlog-2026.12.07',
        'source=logs-* | join left=l right=r ON l.id = r.id security-auditlog-2026.12.07',
        'source=logs-* | where id in [ source=security-auditlog-2026.12.07 | fields id ]',
        'source=logs-* | lookup security-auditlog-2026.12.07 id',
      ]) {
        expect([query, errorCodeOf(await call(mcp, query))]).toEqual([
          query,
          query === 'source=security-auditlog-2026.12.07' ? 'forbidden' : 'invalid_input',
        ]);
      }
    } finally {
      await close();
    }
  });
});

describe('query_logs on a files source', async () => {
  const folder = await logFolder({ 'a.log': `${iso(T0)} ERROR [x] boom\n` });
  afterAll(() => folder.remove());

  it('is refused naming the source kind: raw queries are for clusters', async () => {
    const { client, close } = await connectFiles(folder.root, {
      limits: { rawQueries: true },
      identity: operator,
    });
    try {
      const result = await client.callTool({ name: 'query_logs', arguments: { query: 'FROM a' } });
      expect(errorCodeOf(result)).toBe('invalid_input');
      expect(JSON.stringify(result.content)).toContain('files');
    } finally {
      await close();
    }
  });
});
