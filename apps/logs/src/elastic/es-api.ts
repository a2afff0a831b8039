import type { Client, estypes } from '@elastic/elasticsearch';
import { type ClusterApi, type HistogramRequest, type SearchRequest, shardProblems } from './cluster-api.ts';
import type { Clause } from './query.ts';

type Doc = Record<string, unknown>;
/** How far a total is counted exactly; beyond it the cluster says "at least" (relation gte) and stops counting. */
const TRACK_TOTAL = 10_000;

/** The ClusterApi over the official Elasticsearch client (8.x and 9.x servers). */
export function elasticsearchApi(client: Client): ClusterApi {
  return {
    async indices(signal) {
      const rows: estypes.CatIndicesResponse = await client.cat.indices(
        { format: 'json', bytes: 'b', h: ['index', 'docs.count', 'store.size'], expand_wildcards: 'all' },
        { signal },
      );
      return rows.flatMap((row) =>
        row.index
          ? [
              {
                index: row.index,
                ...numberOf('docs', row['docs.count']),
                ...numberOf('bytes', row['store.size']),
              },
            ]
          : [],
      );
    },
    async dataStreams(signal) {
      const answer: estypes.IndicesGetDataStreamResponse = await client.indices.getDataStream(
        { name: '*', expand_wildcards: 'open' },
        { signal },
      );
      return answer.data_streams.map((s) => ({ name: s.name, indices: s.indices.map((i) => i.index_name) }));
    },
    async count(index, query, signal) {
      const answer: estypes.CountResponse = await client.count(
        { index: [...index], query: query as estypes.QueryDslQueryContainer, ignore_unavailable: true },
        { signal },
      );
      return answer.count;
    },
    async search(request: SearchRequest, signal) {
      const answer: estypes.SearchResponse<Doc> = await client.search<Doc>(
        {
          index: [...request.index],
          query: request.query as estypes.QueryDslQueryContainer,
          size: request.size,
          ...(request.from ? { from: request.from } : {}),
          sort: request.sort as estypes.Sort,
          ...(request.searchAfter ? { search_after: [...request.searchAfter] as estypes.SortResults } : {}),
          _source: [...request.source],
          track_total_hits: TRACK_TOTAL,
          ignore_unavailable: true,
        },
        { signal },
      );
      const total = answer.hits.total;
      return {
        hits: answer.hits.hits.map((hit) => ({
          index: hit._index,
          source: hit._source ?? {},
          ...(hit.sort ? { sort: hit.sort } : {}),
        })),
        total: typeof total === 'number' ? total : (total?.value ?? answer.hits.hits.length),
        totalIsLowerBound: typeof total === 'object' && total.relation === 'gte',
        problems: shardProblems(answer._shards, answer.timed_out),
      };
    },
    async histogram(request: HistogramRequest, signal) {
      const answer: estypes.SearchResponse<
        Doc,
        Record<'timeline', estypes.AggregationsDateHistogramAggregate>
      > = await client.search<Doc, Record<'timeline', estypes.AggregationsDateHistogramAggregate>>(
        {
          index: [...request.index],
          query: request.query as estypes.QueryDslQueryContainer,
          size: 0,
          aggs: { timeline: { date_histogram: histogramOf(request) } },
          ignore_unavailable: true,
        },
        { signal },
      );
      const buckets = answer.aggregations?.timeline.buckets;
      const list = Array.isArray(buckets) ? buckets : Object.values(buckets ?? {});
      return {
        buckets: list.map((b) => ({ key: Number(b.key), count: b.doc_count })),
        problems: shardProblems(answer._shards, answer.timed_out),
      };
    },
    pipedLanguage: 'esql',
    async piped(query, filter, signal) {
      const answer: estypes.EsqlQueryResponse = await client.esql.query(
        { query, filter: filter as estypes.QueryDslQueryContainer },
        { signal },
      );
      return {
        columns: answer.columns.map((c) => c.name),
        rows: answer.values,
        problems: answer.is_partial ? ['the cluster answered with partial results'] : [],
      };
    },
    async rawSearch(index, body, signal) {
      const answer: estypes.SearchResponse<Doc> = await client.search<Doc>(
        { index: [...index], ignore_unavailable: true, ...(body as estypes.SearchRequest) },
        { signal },
      );
      return {
        hits: answer.hits.hits.map((hit) => ({ index: hit._index, source: hit._source ?? {} })),
        ...(answer.aggregations ? { aggregations: answer.aggregations } : {}),
        problems: shardProblems(answer._shards, answer.timed_out),
      };
    },
    close: () => client.close(),
  };
}

/** The date_histogram both clusters take: fixed interval, aligned to `from`, empty buckets kept. */
export function histogramOf(request: HistogramRequest): Clause & { field: string } {
  return {
    field: request.field,
    fixed_interval: `${request.intervalMs}ms`,
    offset: `${request.offsetMs}ms`,
    min_doc_count: 0,
    extended_bounds: { min: request.min, max: request.max },
  };
}

function numberOf<K extends string>(
  key: K,
  value: string | number | null | undefined,
): Partial<Record<K, number>> {
  const n = typeof value === 'number' ? value : value ? Number(value) : Number.NaN;
  return Number.isFinite(n) ? ({ [key]: n } as Record<K, number>) : {};
}

export { numberOf };
