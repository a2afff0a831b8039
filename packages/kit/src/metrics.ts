/**
 * Prometheus metrics for one server: calls, errors, denials and a latency histogram per tool. Kept as plain
 * counters (no client library) because the hot path increments them on every call.
 */
const BUCKETS_MS = [1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000];

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

/** `extra` adds series kept elsewhere (the audit sink's), already in Prometheus text. */
export function createMetrics(server: string, extra?: () => string): Metrics {
  const series = new Map<string, Series>();
  const escapeLabel = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
  return {
    observe(kind, name, outcome, durationMs) {
      const key = `${kind}\u0000${name}`;
      let s = series.get(key);
      if (!s) {
        s = { calls: 0, errors: 0, denials: 0, buckets: BUCKETS_MS.map(() => 0), sumMs: 0 };
        series.set(key, s);
      }
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
      return `${out.join('\n')}\n${extra?.() ?? ''}`;
    },
  };
}
