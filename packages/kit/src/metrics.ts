import type { Inventory } from './contracts/inventory.ts';
import { DISPATCHED_METHODS } from './protocol/dispatch.ts';

/**
 * Prometheus metrics for one server: calls, errors, denials and a latency histogram per tool. Kept as plain
 * counters (no client library) because the hot path increments them on every call.
 *
 * Label values come only from what the server declares (its tools, aliases, resources and prompts, and the MCP
 * methods and endpoints the kit itself names); any other name a caller sends is counted as `unknown`. Callers
 * choose names freely (an unknown tool, a made-up method), so without this one client could grow the series
 * without bound until rendering them failed. The series count is capped as well, as a second line of defence.
 */
const BUCKETS_MS = [1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000];

/** The label for any name the server does not declare. */
export const UNKNOWN_LABEL = 'unknown';
/** Past this many series, new ones are folded into one `unknown` series (far above any real inventory). */
export const DEFAULT_MAX_SERIES = 2_000;

/** Names of requests the kit audits itself (refusals before any tool, the MCP methods): fixed, never the caller's. */
const REQUEST_NAMES = new Set([
  '/mcp',
  '/healthz',
  '/readyz',
  '/metrics',
  'http',
  'jsonrpc',
  'initialize',
  ...DISPATCHED_METHODS,
  'completion/complete',
  'logging/setLevel',
  'server/discover',
]);

interface Series {
  calls: number;
  errors: number;
  denials: number;
  buckets: number[];
  sumMs: number;
}

export interface Metrics {
  observe(kind: string, name: string, outcome: 'ok' | 'error' | 'denied', durationMs: number): void;
  render(): string;
}

export interface MetricsOptions {
  /** `extra` adds series kept elsewhere (the audit sink's), already in Prometheus text. */
  readonly extra?: () => string;
  readonly maxSeries?: number;
}

/** Whether a name is one the server declares for that kind: the only names that become label values. */
export function declaredName(inventory: Inventory): (kind: string, name: string) => boolean {
  const resources = new Set(inventory.resources.map((r) => r.def.name));
  return (kind, name) => {
    switch (kind) {
      case 'tool':
        return inventory.tools.has(name) || inventory.aliases.has(name);
      case 'resource':
        return resources.has(name);
      case 'prompt':
        return inventory.prompts.has(name);
      case 'completion':
        // A completion is audited under the prompt or resource template it completes.
        return inventory.prompts.has(name) || resources.has(name);
      default:
        return REQUEST_NAMES.has(name);
    }
  };
}

export function createMetrics(inventory: Inventory, options: MetricsOptions = {}): Metrics {
  const server = inventory.server.name;
  const declared = declaredName(inventory);
  const maxSeries = options.maxSeries ?? DEFAULT_MAX_SERIES;
  const series = new Map<string, Series>();
  const escapeLabel = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
  const seriesFor = (kind: string, name: string): Series => {
    // The kind is the kit's own word (tool, resource, prompt, request), never the caller's.
    let key = `${kind}\u0000${declared(kind, name) ? name : UNKNOWN_LABEL}`;
    let s = series.get(key);
    if (s) return s;
    if (series.size >= maxSeries) {
      key = `${UNKNOWN_LABEL}\u0000${UNKNOWN_LABEL}`;
      s = series.get(key);
      if (s) return s;
    }
    s = { calls: 0, errors: 0, denials: 0, buckets: BUCKETS_MS.map(() => 0), sumMs: 0 };
    series.set(key, s);
    return s;
  };
  return {
    observe(kind, name, outcome, durationMs) {
      const s = seriesFor(kind, name);
      s.calls++;
      if (outcome === 'error') s.errors++;
      if (outcome === 'denied') s.denials++;
      s.sumMs += durationMs;
      for (let i = 0; i < BUCKETS_MS.length; i++)
        if (durationMs <= (BUCKETS_MS[i] as number)) s.buckets[i]!++;
    },
    render() {
      const out: string[] = [
        '# HELP gatehouse_calls_total Calls to tools, resources and prompts.',
        '# TYPE gatehouse_calls_total counter',
      ];
      const rows = [...series.entries()].map(([key, s]) => {
        const [kind, name] = key.split('\u0000') as [string, string];
        return {
          labels: `server="${escapeLabel(server)}",kind="${escapeLabel(kind)}",name="${escapeLabel(name)}"`,
          s,
        };
      });
      for (const { labels, s } of rows) out.push(`gatehouse_calls_total{${labels}} ${s.calls}`);
      out.push(
        '# HELP gatehouse_errors_total Calls that ended in an error.',
        '# TYPE gatehouse_errors_total counter',
      );
      for (const { labels, s } of rows) out.push(`gatehouse_errors_total{${labels}} ${s.errors}`);
      out.push(
        '# HELP gatehouse_denials_total Calls refused by policy, rate limit or approval.',
        '# TYPE gatehouse_denials_total counter',
      );
      for (const { labels, s } of rows) out.push(`gatehouse_denials_total{${labels}} ${s.denials}`);
      out.push(
        '# HELP gatehouse_call_duration_ms Call latency in milliseconds.',
        '# TYPE gatehouse_call_duration_ms histogram',
      );
      for (const { labels, s } of rows) {
        BUCKETS_MS.forEach((le, i) => {
          out.push(`gatehouse_call_duration_ms_bucket{${labels},le="${le}"} ${s.buckets[i]}`);
        });
        out.push(`gatehouse_call_duration_ms_bucket{${labels},le="+Inf"} ${s.calls}`);
        out.push(`gatehouse_call_duration_ms_sum{${labels}} ${s.sumMs}`);
        out.push(`gatehouse_call_duration_ms_count{${labels}} ${s.calls}`);
      }
      return `${out.join('\n')}\n${options.extra?.() ?? ''}`;
    },
  };
}
