// Load on one or more replicas at once: one autocannon per replica, in parallel, their latency histograms merged.
import autocannon from 'autocannon';

export interface Load {
  /** Successful calls per second (2xx responses whose body is a tool result, not an error). */
  readonly callsPerSecond: number;
  readonly p50: number;
  readonly p99: number;
  /** Requests written to a socket. */
  readonly sent: number;
  /** Responses received, whatever their status. */
  readonly responses: number;
  /** Non-2xx responses, connection errors and timeouts, and 2xx bodies that were not a successful tool result. */
  readonly failures: number;
}

/** The call every variant makes: a 2025-era Streamable HTTP tools/call, stateless (no session, no initialize). */
const BODY = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'tools/call',
  params: { name: 'echo', arguments: { text: 'hello' } },
});

const HEADERS = {
  'content-type': 'application/json',
  accept: 'application/json, text/event-stream',
  'mcp-protocol-version': '2025-06-18',
};

/** A rate-limited, refused or failed call still answers 200 with `isError`: count it as a failure. */
const isToolResult = (body: string | Buffer | undefined) => {
  const text = String(body ?? '');
  return text.includes('"structuredContent"') && !text.includes('"isError":true');
};

/** Not in @types/autocannon: merges raw results (skipAggregateResult) into one, histograms included. */
const aggregate = (
  autocannon as unknown as {
    aggregateResult(results: unknown[], options: { url: string }): autocannon.Result;
  }
).aggregateResult;

interface RawResult {
  readonly totalCompletedRequests: number;
  readonly totalRequests: number;
  readonly errors: number;
  readonly mismatches: number;
  readonly non2xx: number;
  readonly '2xx': number;
  readonly duration: number;
}

/**
 * `connections` in total, split evenly over the URLs, for `seconds`. Connection i calls with `keys[i % n]`, so
 * several keys spread the calls over that many actors (and rate-limit buckets).
 */
export async function load(
  urls: readonly string[],
  keys: readonly string[],
  connections: number,
  seconds: number,
) {
  let nextConnection = 0;
  const raws = (await Promise.all(
    urls.map((url) =>
      autocannon({
        url,
        method: 'POST',
        connections: Math.max(1, Math.round(connections / urls.length)),
        duration: seconds,
        body: BODY,
        headers: HEADERS,
        setupClient: (client) => {
          const key = keys[nextConnection++ % keys.length] as string;
          client.setHeaders({ ...HEADERS, authorization: `Bearer ${key}` });
        },
        verifyBody: isToolResult,
        skipAggregateResult: true,
      }),
    ),
  )) as unknown as RawResult[];
  const merged = aggregate(raws, { url: urls[0] as string });
  const sum = (pick: (r: RawResult) => number) => raws.reduce((n, r) => n + pick(r), 0);
  const duration = Math.max(...raws.map((r) => r.duration));
  return {
    callsPerSecond: (sum((r) => r['2xx']) - sum((r) => r.mismatches)) / duration,
    p50: merged.latency.p50,
    p99: merged.latency.p99,
    sent: sum((r) => r.totalRequests),
    responses: sum((r) => r.totalCompletedRequests),
    failures: sum((r) => r.non2xx + r.errors + r.mismatches),
  } satisfies Load;
}
