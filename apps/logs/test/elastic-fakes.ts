// Fake cluster answers for the Elasticsearch and OpenSearch tests, each typed against the official client's own
// response types (estypes for Elasticsearch, API.*_ResponseBody for OpenSearch), so the compiler holds every
// fake to the vendor's published shape.
import type { estypes } from '@elastic/elasticsearch';
import type { API } from '@opensearch-project/opensearch';

export type Doc = Record<string, unknown>;

export const T0 = Date.UTC(2026, 11, 7, 10, 0, 0);
export const iso = (ms: number) => new Date(ms).toISOString();

/** An ECS document as Filebeat / Elastic Agent write it. */
export function ecsDoc(time: number, service: string, level: string, message: string, extra: Doc = {}): Doc {
  return { '@timestamp': iso(time), log: { level }, service: { name: service }, message, ...extra };
}

export const esCatIndices: estypes.CatIndicesResponse = [
  { index: '.ds-logs-billing-2026.12.07-000001', 'docs.count': '120000', 'store.size': '52428800' },
  { index: '.ds-logs-billing-2026.12.06-000002', 'docs.count': '80000', 'store.size': '31457280' },
  { index: 'app-legacy', 'docs.count': '1500', 'store.size': '1048576' },
  { index: 'secrets-audit', 'docs.count': '10', 'store.size': '4096' },
  { index: '.kibana_1', 'docs.count': '5', 'store.size': '2048' },
];

export const esDataStreams: estypes.IndicesGetDataStreamResponse = {
  data_streams: [
    {
      name: 'logs-billing',
      timestamp_field: { name: '@timestamp' },
      indices: [
        {
          index_name: '.ds-logs-billing-2026.12.06-000002',
          index_uuid: 'u2',
          prefer_ilm: true,
          managed_by: 'Index Lifecycle Management',
        },
        {
          index_name: '.ds-logs-billing-2026.12.07-000001',
          index_uuid: 'u1',
          prefer_ilm: true,
          managed_by: 'Index Lifecycle Management',
        },
      ],
      generation: 2,
      status: 'green',
      template: 'logs',
      hidden: false,
      system: false,
      allow_custom_routing: false,
      replicated: false,
      next_generation_managed_by: 'Index Lifecycle Management',
      prefer_ilm: true,
      rollover_on_write: false,
      settings: {},
    },
  ],
};

export function esSearch(
  docs: { index: string; doc: Doc }[],
  options: { total?: number; relation?: 'eq' | 'gte'; failedShards?: number; timedOut?: boolean } = {},
): estypes.SearchResponse<Doc> {
  const failed = options.failedShards ?? 0;
  return {
    took: 3,
    timed_out: options.timedOut ?? false,
    _shards: {
      total: 5,
      successful: 5 - failed,
      skipped: 0,
      failed,
      ...(failed > 0
        ? {
            failures: [
              {
                shard: 2,
                index: '.ds-logs-billing-2026.12.07-000001',
                node: 'n1',
                reason: { type: 'node_not_connected_exception', reason: '[n1] Node not connected' },
              },
            ],
          }
        : {}),
    },
    hits: {
      total: { value: options.total ?? docs.length, relation: options.relation ?? 'eq' },
      max_score: null,
      hits: docs.map(({ index, doc }, i) => ({
        _index: index,
        _id: `id${i}`,
        _score: null,
        _source: doc,
        sort: [Date.parse(String(doc['@timestamp'])), i],
      })),
    },
  };
}

export function esCount(count: number): estypes.CountResponse {
  return { count, _shards: { total: 5, successful: 5, skipped: 0, failed: 0 } };
}

export function esHistogram(
  buckets: { key: number; count: number }[],
): estypes.SearchResponse<Doc, Record<'timeline', estypes.AggregationsDateHistogramAggregate>> {
  return {
    took: 2,
    timed_out: false,
    _shards: { total: 5, successful: 5, skipped: 0, failed: 0 },
    hits: {
      total: { value: buckets.reduce((s, b) => s + b.count, 0), relation: 'eq' },
      max_score: null,
      hits: [],
    },
    aggregations: {
      timeline: {
        buckets: buckets.map((b) => ({ key: b.key, key_as_string: iso(b.key), doc_count: b.count })),
      },
    },
  };
}

/** The error bodies the clusters send (same shape on both). */
export const errorBody = (status: number, type: string, reason: string) => ({
  error: { root_cause: [{ type, reason }], type, reason },
  status,
});

export const osCatIndices: API.Cat_Indices_ResponseBody = [
  { index: 'logs-checkout-2026.12.07', 'docs.count': '4200', 'store.size': '2097152' },
  { index: 'security-auditlog-2026.12.07', 'docs.count': '99', 'store.size': '65536' },
];

export const osDataStreams: API.Indices_GetDataStream_ResponseBody = { data_streams: [] };

export function osSearch(
  docs: { index: string; doc: Doc }[],
  options: { failedShards?: number } = {},
): API.Search_ResponseBody {
  const failed = options.failedShards ?? 0;
  return {
    took: 4,
    timed_out: false,
    _shards: {
      total: 3,
      successful: 3 - failed,
      skipped: 0,
      failed,
      ...(failed > 0
        ? {
            failures: [
              {
                shard: 1,
                index: 'logs-checkout-2026.12.07',
                reason: { type: 'circuit_breaking_exception', reason: 'data too large' },
              },
            ],
          }
        : {}),
    },
    hits: {
      total: { value: docs.length, relation: 'eq' },
      max_score: 0,
      hits: docs.map(({ index, doc }, i) => ({
        _index: index,
        _id: `o${i}`,
        _source: doc,
        sort: [Date.parse(String(doc['@timestamp'])), i],
      })),
    },
  };
}

export function osCount(count: number): API.Count_ResponseBody {
  return { count, _shards: { total: 3, successful: 3, skipped: 0, failed: 0 } };
}

/** An ES|QL answer (POST /_query): the columns once, then rows of values in their order. */
export function esEsql(
  columns: estypes.EsqlEsqlColumnInfo[],
  values: estypes.FieldValue[][],
): estypes.EsqlQueryResponse {
  return { took: 3, is_partial: false, columns, values };
}

/** A PPL answer (POST /_plugins/_ppl, the default jdbc format). */
export function osPpl(
  schema: { name: string; type: string }[],
  datarows: unknown[][],
): API.Ppl_Query_ResponseBody {
  return { schema, datarows, total: datarows.length, size: datarows.length, status: 200 };
}
