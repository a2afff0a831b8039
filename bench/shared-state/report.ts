// The shared-state bench's table: the four variants side by side, where their audit records went, the ratios.
import type { Load } from './load.ts';

export interface VariantResult {
  readonly label: string;
  readonly audit: 'on' | 'off';
  readonly replicas: 1 | 2;
  /** The round with the most calls/s. */
  readonly best: Load;
  /** Over all rounds, as are the counts below. */
  readonly failures: number;
  readonly responses: number;
  readonly sent: number;
  readonly pgRows: number;
  readonly logLines: number;
}

export interface ReportSettings {
  readonly connections: number;
  readonly actors: number;
  readonly rounds: number;
  readonly seconds: number;
  readonly uncleanStops: number;
}

/** Sum of the counts of every actor whose name starts with the prefix. */
export const countFor = (counts: Map<string, number>, actorPrefix: string) =>
  [...counts].reduce((n, [actor, count]) => (actor.startsWith(actorPrefix) ? n + count : n), 0);

const num = (n: number, width: number) => n.toFixed(0).padStart(width);
const ms = (n: number) => n.toFixed(1).padStart(8);
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}x`;

/** Records in the store that matters for the variant: the table when it is on, else the log file. */
const stored = (r: VariantResult) => (r.audit === 'on' ? r.pgRows : r.logLines);

export function printReport(results: readonly VariantResult[], s: ReportSettings): void {
  const callers = s.actors === 1 ? 'one actor' : `${s.actors} actors (one per connection)`;
  console.log(`# Shared state in PostgreSQL over HTTP: audit table on vs off, 1 vs 2 replicas

Trivial read tool (echo) in separate server processes on one embedded PostgreSQL 18. Approvals and rate limits
live in PostgreSQL in every variant (one bucket per actor and tool, large enough never to refuse).
  audit on  = the kit's runServer with GATEHOUSE_DATABASE_URL: each record to the log file AND the
              gatehouse.audit_log table (batched multi-row INSERTs)
  audit off = the same, with GATEHOUSE_AUDIT_STORE=log: each record to the log file only
Load: autocannon, ${s.connections} connections in total (split evenly over the replicas), calling as ${callers};
best of ${s.rounds} interleaved ${s.seconds}s rounds; latency histograms merged over replicas; loopback; the load
generator, the replicas and PostgreSQL share this machine's cores.
Audit counted after every replica stopped on SIGTERM (sinks flushed), over all rounds. lost = responses with no
record (PostgreSQL when on, the log file when off); records beyond responses are calls still in flight when
autocannon stopped (at most one per connection per round).
`);
  console.log(
    'variant                 calls/s   p50 ms   p99 ms  failed  responses   PG rows  log lines  lost',
  );
  for (const r of results) {
    console.log(
      [
        `  ${r.label}`,
        num(r.best.callsPerSecond, 9),
        ms(r.best.p50),
        ms(r.best.p99),
        num(r.failures, 8),
        num(r.responses, 11),
        r.audit === 'on' ? num(r.pgRows, 10) : '         -',
        num(r.logLines, 11),
        `  ${Math.max(0, r.responses - stored(r))}`,
      ].join(''),
    );
  }
  const get = (audit: 'on' | 'off', replicas: 1 | 2) =>
    (results.find((r) => r.audit === audit && r.replicas === replicas) as VariantResult).best;
  console.log('\nRatios: calls/s (p99)');
  for (const n of [1, 2] as const) {
    const [on, off] = [get('on', n), get('off', n)];
    console.log(
      `  audit on / off, ${n} replica${n === 1 ? ' ' : 's'}   ${ratio(on.callsPerSecond, off.callsPerSecond)} (p99 ${ratio(on.p99, off.p99)})`,
    );
  }
  for (const audit of ['on', 'off'] as const) {
    const [two, one] = [get(audit, 2), get(audit, 1)];
    console.log(
      `  2 replicas / 1, audit ${audit.padEnd(3)}   ${ratio(two.callsPerSecond, one.callsPerSecond)} (p99 ${ratio(two.p99, one.p99)})`,
    );
  }
  for (const r of results) {
    if (r.audit === 'on' && r.pgRows !== r.logLines)
      console.log(`  NOTE ${r.label.trim()}: ${r.pgRows} rows in PostgreSQL but ${r.logLines} log lines`);
    if (stored(r) > r.sent) console.log(`  NOTE ${r.label.trim()}: more records than requests sent`);
  }
  if (s.uncleanStops > 0) {
    console.log(
      `  WARNING: ${s.uncleanStops} replica(s) did not stop cleanly; their last records may be missing`,
    );
  }
}
