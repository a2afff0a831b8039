import type { Level, LogEntry } from './entry.ts';

/** What a tool asks of a backend: filters already validated, origins already authorized. */
export interface LogQuery {
  /** Epoch ms, inclusive. */
  readonly from: number;
  /** Epoch ms, exclusive. */
  readonly to: number;
  /** Indices, data streams or files (relative paths), each already checked against policy and boundaries. */
  readonly origins: readonly string[];
  readonly services?: readonly string[];
  readonly levels?: readonly Level[];
  /** Words the message must hold (case-insensitive). */
  readonly text?: string;
  readonly traceId?: string;
  /** Exact values of other fields (ECS names for indices, JSON paths for files). */
  readonly fields?: Readonly<Record<string, string>>;
}

export interface OriginInfo {
  readonly name: string;
  readonly kind: 'file' | 'index' | 'data_stream';
  readonly bytes?: number;
  readonly documents?: number;
  /** Epoch ms of the oldest and newest line, where the backend can tell cheaply. */
  readonly oldest?: number;
  readonly newest?: number;
}

/** How much a query would read, in the unit its backend can estimate before running it. */
export interface ScanEstimate {
  readonly unit: 'bytes' | 'documents';
  readonly amount: number;
}

export interface SearchPage {
  readonly entries: LogEntry[];
  /** Lines that matched; `matchedIsLowerBound` when the backend stopped counting. */
  readonly matched: number;
  readonly matchedIsLowerBound: boolean;
  /** What the answer may miss and why (unreadable lines, failed shards): said to the caller, never hidden. */
  readonly warnings: string[];
}

export interface SampleResult {
  readonly visited: number;
  readonly matched: number;
  /** False when only the newest `maxDocs` of `matched` were visited. */
  readonly complete: boolean;
  readonly warnings: string[];
}

export interface Bucket {
  readonly start: number;
  readonly count: number;
}

/** The raw query languages (the opt-in query_logs tool): ES|QL on Elasticsearch, PPL on OpenSearch, DSL on both. */
export type RawLanguage = 'esql' | 'ppl' | 'dsl';

/** A raw query already checked: its indices resolved and authorized, its time range and row cap set here. */
export interface RawRequest {
  readonly language: RawLanguage;
  /** ES|QL or PPL text (its source command rewritten, its cap appended), or a DSL body. */
  readonly query: string | Readonly<Record<string, unknown>>;
  readonly indices: readonly string[];
  /** Epoch ms, inclusive and exclusive: applied as a filter the query cannot lift. */
  readonly from: number;
  readonly to: number;
  readonly maxRows: number;
}

export interface RawAnswer {
  readonly columns: string[];
  readonly rows: unknown[][];
  /** A DSL body's aggregations, as the cluster answered them. */
  readonly aggregations?: unknown;
  readonly warnings: string[];
}

/** One upstream of log lines (a folder of files, an Elasticsearch or OpenSearch cluster); knows nothing of MCP. */
export interface LogBackend {
  readonly kind: 'files' | 'elasticsearch' | 'opensearch';
  origins(signal: AbortSignal): Promise<OriginInfo[]>;
  estimate(query: LogQuery, signal: AbortSignal): Promise<ScanEstimate>;
  /** Matching lines, newest first (`order: 'asc'`: oldest first), skipping `offset`. */
  search(
    query: LogQuery,
    page: { offset: number; limit: number; order: 'asc' | 'desc' },
    signal: AbortSignal,
  ): Promise<SearchPage>;
  /** Visits matching lines, newest first where the backend must stop at `maxDocs`. */
  sample(
    query: LogQuery,
    maxDocs: number,
    visit: (entry: LogEntry) => void,
    signal: AbortSignal,
  ): Promise<SampleResult>;
  /** Matching lines counted per interval from `query.from`. */
  histogram(
    query: LogQuery,
    intervalMs: number,
    signal: AbortSignal,
  ): Promise<{ buckets: Bucket[]; warnings: string[] }>;
  /** The raw query languages this backend runs (none: query_logs refuses it). */
  readonly rawLanguages?: readonly RawLanguage[];
  raw?(request: RawRequest, signal: AbortSignal): Promise<RawAnswer>;
  close?(): Promise<void>;
}

/** Whether an entry passes the query's filters (the file backend's matcher; indices filter upstream). */
export function entryMatches(entry: LogEntry, query: LogQuery, words: readonly string[]): boolean {
  if (entry.time < query.from || entry.time >= query.to) return false;
  if (query.levels && (entry.level === undefined || !query.levels.includes(entry.level))) return false;
  if (query.services && (entry.service === undefined || !query.services.includes(entry.service)))
    return false;
  if (query.traceId !== undefined && entry.traceId !== query.traceId) return false;
  if (query.fields) {
    for (const [name, value] of Object.entries(query.fields))
      if (entry.fields?.[name] !== value) return false;
  }
  if (words.length > 0) {
    const message = entry.message.toLowerCase();
    if (!words.every((word) => message.includes(word))) return false;
  }
  return true;
}

/** The words of a text filter, lower case. */
export function wordsOf(text: string | undefined): string[] {
  return text === undefined ? [] : text.toLowerCase().split(/\s+/).filter(Boolean);
}
