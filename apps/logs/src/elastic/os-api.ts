import type { API, Client } from '@opensearch-project/opensearch';
import { type ClusterApi, type HistogramRequest, type SearchRequest, shardProblems } from './cluster-api.ts';
import { histogramOf, numberOf } from './es-api.ts';

const TRACK_TOTAL = 10_000;

/**
 * The ClusterApi over the official OpenSearch client (2.x and 3.x servers). Its calls answer `{ body }` and take no
 * AbortSignal: the request's own abort() is wired to the signal.
 */
export function openSearchApi(client: Client): ClusterApi {
  const abortable = async <T>(request: Promise<T> & { abort(): void }, signal: AbortSignal): Promise<T> => {
    const abort = () => request.abort();
    signal.addEventListener('abort', abort, { once: true });
    try {
      return await request;
    } finally {
      signal.removeEventListener('abort', abort);
    }
  };
  return {
    async indices(signal) {
      const { body }: { body: API.Cat_Indices_ResponseBody } = await abortable(
        client.cat.indices({
          format: 'json',
          bytes: 'b',
          h: ['index', 'docs.count', 'store.size'],
          expand_wildcards: 'all',
        }),
        signal,
      );
      return body.flatMap((row) =>
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
      const { body }: { body: API.Indices_GetDataStream_ResponseBody } = await abortable(
        client.indices.getDataStream({ name: '*' }),
        signal,
      );
      return body.data_streams.map((s) => ({ name: s.name, indices: s.indices.map((i) => i.index_name) }));
    },
    async count(index, query, signal) {
      const { body }: { body: API.Count_ResponseBody } = await abortable(
        client.count({ index: [...index], ignore_unavailable: true, body: { query } }),
        signal,
      );
      return body.count;
    },
    async search(request: SearchRequest, signal) {
      const { body }: { body: API.Search_ResponseBody } = await abortable(
        client.search({
          index: [...request.index],
          ignore_unavailable: true,
          body: {
            query: request.query,
            size: request.size,
            ...(request.from ? { from: request.from } : {}),
            sort: request.sort,
            ...(request.searchAfter ? { search_after: [...request.searchAfter] } : {}),
            _source: [...request.source],
            track_total_hits: TRACK_TOTAL,
          },
        } as API.Search_Request),
        signal,
      );
      const total = body.hits.total;
      return {
        hits: body.hits.hits.map((hit) => ({
          index: hit._index ?? '',
          source: (hit._source ?? {}) as Record<string, unknown>,
          ...(hit.sort ? { sort: hit.sort } : {}),
        })),
        total: typeof total === 'number' ? total : (total?.value ?? body.hits.hits.length),
        totalIsLowerBound: typeof total === 'object' && total?.relation === 'gte',
        problems: shardProblems(body._shards, body.timed_out),
      };
    },
    async histogram(request: HistogramRequest, signal) {
      const { body }: { body: API.Search_ResponseBody } = await abortable(
        client.search({
          index: [...request.index],
          ignore_unavailable: true,
          body: {
            query: request.query,
            size: 0,
            aggs: { timeline: { date_histogram: histogramOf(request) } },
          },
        } as API.Search_Request),
        signal,
      );
      const timeline = body.aggregations?.timeline as
        | { buckets?: { key: number | string; doc_count: number }[] }
        | undefined;
      return {
        buckets: (timeline?.buckets ?? []).map((b) => ({ key: Number(b.key), count: b.doc_count })),
        problems: shardProblems(body._shards, body.timed_out),
      };
    },
    pipedLanguage: 'ppl',
    async piped(query, filter, signal) {
      const { body }: { body: API.Ppl_Query_ResponseBody } = await abortable(
        client.ppl.query({ body: { query, filter } }),
        signal,
      );
      return {
        columns: (body.schema ?? []).map((c) => String(c.name)),
        rows: body.datarows ?? [],
        problems: [],
      };
    },
    async rawSearch(index, body, signal) {
      const { body: answer }: { body: API.Search_ResponseBody } = await abortable(
        client.search({ index: [...index], ignore_unavailable: true, body } as API.Search_Request),
        signal,
      );
      return {
        hits: answer.hits.hits.map((hit) => ({
          index: hit._index ?? '',
          source: (hit._source ?? {}) as Record<string, unknown>,
        })),
        ...(answer.aggregations ? { aggregations: answer.aggregations } : {}),
        problems: shardProblems(answer._shards, answer.timed_out),
      };
    },
    close: () => client.close(),
  };
}
