import type {
  Bucket,
  LogBackend,
  LogQuery,
  OriginInfo,
  RawAnswer,
  RawLanguage,
  RawRequest,
  SampleResult,
  ScanEstimate,
  SearchPage,
} from '../backend.ts';
import type { LogEntry } from '../entry.ts';
import { entryFromDocument, type FieldMapping } from '../fields.ts';
import type { ClusterApi, Hit } from './cluster-api.ts';
import { upstreamError } from './errors.ts';
import { type Clause, queryClause, rangeClause, sourceFields } from './query.ts';
import { rowsOfHits } from './raw-rows.ts';

/** A search page the cluster answers at once; sampling for grouping pages with search_after beyond it. */
const PAGE = 5_000;
/** How long a raw DSL search may run on each shard before answering with what it has (said in warnings). */
const RAW_SEARCH_TIMEOUT = '20s';

/**
 * Logs in an Elasticsearch or OpenSearch cluster. Origins are data streams and plain indices (never aliases: an
 * alias can point anywhere, so it would bypass the allowlist); system and backing indices are not offered.
 */
export class ClusterBackend implements LogBackend {
  readonly kind;
  readonly rawLanguages: readonly RawLanguage[];
  readonly #api: ClusterApi;
  readonly #fields: FieldMapping;
  readonly #setting: string;
  /** Backing index → its data stream, from the last listing, so hits name the stream the caller asked for. */
  #streamOf = new Map<string, string>();

  constructor(kind: 'elasticsearch' | 'opensearch', api: ClusterApi, fields: FieldMapping, setting: string) {
    this.kind = kind;
    this.rawLanguages = [api.pipedLanguage, 'dsl'];
    this.#api = api;
    this.#fields = fields;
    this.#setting = setting;
  }

  async origins(signal: AbortSignal): Promise<OriginInfo[]> {
    const [indices, streams] = await this.#call(() =>
      Promise.all([this.#api.indices(signal), this.#api.dataStreams(signal)]),
    );
    const streamOf = new Map<string, string>();
    for (const stream of streams) for (const index of stream.indices) streamOf.set(index, stream.name);
    this.#streamOf = streamOf;
    const byStream = new Map<string, { docs: number; bytes: number }>(
      streams.map((s) => [s.name, { docs: 0, bytes: 0 }]),
    );
    const origins: OriginInfo[] = [];
    for (const index of indices) {
      const stream = streamOf.get(index.index);
      if (stream !== undefined) {
        const sum = byStream.get(stream) as { docs: number; bytes: number };
        sum.docs += index.docs ?? 0;
        sum.bytes += index.bytes ?? 0;
      } else if (!index.index.startsWith('.')) {
        origins.push({
          name: index.index,
          kind: 'index',
          ...(index.docs !== undefined ? { documents: index.docs } : {}),
          ...(index.bytes !== undefined ? { bytes: index.bytes } : {}),
        });
      }
    }
    for (const [name, sum] of byStream) {
      if (!name.startsWith('.'))
        origins.push({ name, kind: 'data_stream', documents: sum.docs, bytes: sum.bytes });
    }
    return origins.sort((a, b) => a.name.localeCompare(b.name));
  }

  async estimate(query: LogQuery, signal: AbortSignal): Promise<ScanEstimate> {
    const amount = await this.#call(() =>
      this.#api.count(query.origins, rangeClause(query, this.#fields), signal),
    );
    return { unit: 'documents', amount };
  }

  async search(
    query: LogQuery,
    page: { offset: number; limit: number; order: 'asc' | 'desc' },
    signal: AbortSignal,
  ): Promise<SearchPage> {
    const answer = await this.#call(() =>
      this.#api.search(
        {
          index: query.origins,
          query: queryClause(query, this.#fields),
          size: page.limit,
          from: page.offset,
          sort: [{ [this.#fields.timestamp]: { order: page.order } }],
          source: sourceFields(this.#fields, query),
        },
        signal,
      ),
    );
    return {
      entries: this.#entries(answer.hits, query),
      matched: answer.total,
      matchedIsLowerBound: answer.totalIsLowerBound,
      warnings: answer.problems,
    };
  }

  async sample(
    query: LogQuery,
    maxDocs: number,
    visit: (entry: LogEntry) => void,
    signal: AbortSignal,
  ): Promise<SampleResult> {
    let visited = 0;
    let matched = 0;
    let lowerBound = false;
    const warnings = new Set<string>();
    let after: readonly unknown[] | undefined;
    while (visited < maxDocs) {
      const size = Math.min(PAGE, maxDocs - visited);
      const answer = await this.#call(() =>
        this.#api.search(
          {
            index: query.origins,
            query: queryClause(query, this.#fields),
            size,
            sort: [{ [this.#fields.timestamp]: { order: 'desc' } }],
            ...(after ? { searchAfter: after } : {}),
            source: sourceFields(this.#fields, query),
          },
          signal,
        ),
      );
      if (after === undefined) {
        matched = answer.total;
        lowerBound = answer.totalIsLowerBound;
      }
      for (const problem of answer.problems) warnings.add(problem);
      for (const entry of this.#entries(answer.hits, query)) {
        visited++;
        visit(entry);
      }
      const last = answer.hits.at(-1);
      // A short page is the last one; otherwise go on after its last hit's sort values.
      if (answer.hits.length < size || last?.sort === undefined) break;
      after = last.sort;
    }
    if (lowerBound && matched <= visited) matched = visited + 1;
    return {
      visited,
      matched: Math.max(matched, visited),
      complete: !lowerBound && visited >= matched,
      warnings: [...warnings],
    };
  }

  async histogram(
    query: LogQuery,
    intervalMs: number,
    signal: AbortSignal,
  ): Promise<{ buckets: Bucket[]; warnings: string[] }> {
    const answer = await this.#call(() =>
      this.#api.histogram(
        {
          index: query.origins,
          query: queryClause(query, this.#fields),
          field: this.#fields.timestamp,
          intervalMs,
          offsetMs: ((query.from % intervalMs) + intervalMs) % intervalMs,
          min: query.from,
          max: query.to - 1,
        },
        signal,
      ),
    );
    const counts = new Array<number>(Math.max(1, Math.ceil((query.to - query.from) / intervalMs))).fill(0);
    for (const bucket of answer.buckets) {
      const at = Math.floor((bucket.key - query.from) / intervalMs);
      if (at >= 0 && at < counts.length) counts[at] = (counts[at] ?? 0) + bucket.count;
    }
    return {
      buckets: counts.map((count, i) => ({ start: query.from + i * intervalMs, count })),
      warnings: answer.problems,
    };
  }

  /**
   * A checked raw query. The time range is a filter outside the caller's query (ES|QL's and PPL's `filter`, a DSL
   * body's bool filter), so no part of the query can widen it; a DSL body's size is capped and its search bounded
   * by a shard-side timeout.
   */
  async raw(request: RawRequest, signal: AbortSignal): Promise<RawAnswer> {
    const range = rangeClause(request, this.#fields);
    if (request.language !== 'dsl') {
      const answer = await this.#call(() => this.#api.piped(request.query as string, range, signal));
      return { columns: answer.columns, rows: answer.rows, warnings: answer.problems };
    }
    const body = request.query as Clause;
    const size = Math.min(typeof body.size === 'number' ? body.size : 10, request.maxRows);
    const bounded: Clause = {
      ...body,
      query: { bool: { ...(body.query ? { must: [body.query] } : {}), filter: [range] } },
      size,
      timeout: RAW_SEARCH_TIMEOUT,
    };
    const answer = await this.#call(() => this.#api.rawSearch(request.indices, bounded, signal));
    const { columns, rows, dropped } = rowsOfHits(answer.hits, (index) => this.#streamOf.get(index) ?? index);
    return {
      columns,
      rows,
      ...(answer.aggregations !== undefined ? { aggregations: answer.aggregations } : {}),
      warnings: [
        ...answer.problems,
        ...(dropped ? [`${dropped} more fields not shown; pick fields with _source`] : []),
      ],
    };
  }

  close(): Promise<void> {
    return this.#api.close();
  }

  #entries(hits: readonly Hit[], query: LogQuery): LogEntry[] {
    const extra = Object.keys(query.fields ?? {});
    const entries: LogEntry[] = [];
    for (const hit of hits) {
      const entry = entryFromDocument(
        hit.source,
        this.#fields,
        this.#streamOf.get(hit.index) ?? hit.index,
        extra,
      );
      if (entry) entries.push(entry);
    }
    return entries;
  }

  async #call<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw upstreamError(error, this.kind, this.#setting);
    }
  }
}
