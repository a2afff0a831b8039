import type { Clause } from './query.ts';

/** One hit of a search, as both clients' responses carry it. */
export interface Hit {
  readonly index: string;
  readonly source: Record<string, unknown>;
  readonly sort?: readonly unknown[];
}

export interface SearchRequest {
  readonly index: readonly string[];
  readonly query: Clause;
  readonly size: number;
  readonly from?: number;
  readonly sort: Clause[];
  readonly searchAfter?: readonly unknown[];
  readonly source: readonly string[];
}

export interface SearchAnswer {
  readonly hits: Hit[];
  readonly total: number;
  readonly totalIsLowerBound: boolean;
  /** One line per failed shard or a timed-out search: what the answer may miss. */
  readonly problems: string[];
}

export interface HistogramRequest {
  readonly index: readonly string[];
  readonly query: Clause;
  readonly field: string;
  readonly intervalMs: number;
  /** Bucket keys start at this offset from the epoch's multiples of the interval (so they align with `from`). */
  readonly offsetMs: number;
  readonly min: number;
  readonly max: number;
}

/** Rows of a piped query (ES|QL, PPL): the columns once, then each row's values in their order. */
export interface RowsAnswer {
  readonly columns: string[];
  readonly rows: unknown[][];
  readonly problems: string[];
}

/** A raw DSL search's answer: its hits and aggregations as the cluster sent them. */
export interface RawSearchAnswer {
  readonly hits: Hit[];
  readonly aggregations?: unknown;
  readonly problems: string[];
}

/**
 * What the cluster backend needs of a client: the five calls it makes. One adapter per official client maps its
 * typed responses onto these shapes; the backend above knows neither client.
 */
export interface ClusterApi {
  indices(signal: AbortSignal): Promise<{ index: string; docs?: number; bytes?: number }[]>;
  dataStreams(signal: AbortSignal): Promise<{ name: string; indices: string[] }[]>;
  count(index: readonly string[], query: Clause, signal: AbortSignal): Promise<number>;
  search(request: SearchRequest, signal: AbortSignal): Promise<SearchAnswer>;
  histogram(
    request: HistogramRequest,
    signal: AbortSignal,
  ): Promise<{ buckets: { key: number; count: number }[]; problems: string[] }>;
  /** The opt-in raw queries: ES|QL (Elasticsearch) or PPL (OpenSearch) with a DSL filter, and a DSL search. */
  readonly pipedLanguage: 'esql' | 'ppl';
  piped(query: string, filter: Clause, signal: AbortSignal): Promise<RowsAnswer>;
  rawSearch(index: readonly string[], body: Clause, signal: AbortSignal): Promise<RawSearchAnswer>;
  close(): Promise<void>;
}

/** The shard failures and time-out of a response, as lines a caller reads. */
export function shardProblems(
  shards:
    | {
        total?: number;
        failed?: number;
        failures?: readonly { index?: string | null; reason?: { type?: string; reason?: string | null } }[];
      }
    | undefined,
  timedOut: boolean | undefined,
): string[] {
  const problems: string[] = [];
  if (shards && (shards.failed ?? 0) > 0) {
    const reasons = [
      ...new Set((shards.failures ?? []).map((f) => `${f.index ?? '?'}: ${f.reason?.type ?? 'failure'}`)),
    ].slice(0, 3);
    problems.push(
      `${shards.failed} of ${shards.total} shards failed (${reasons.join('; ') || 'no reason given'}); results are partial`,
    );
  }
  if (timedOut) problems.push('the search timed out on the cluster; results are partial');
  return problems;
}
