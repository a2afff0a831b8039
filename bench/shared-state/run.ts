// The cost of shared state in PostgreSQL over HTTP, in one run: the audit table on vs off, 1 vs 2 replicas, with
// approvals and rate limits in PostgreSQL throughout; and proof that no audit record was lost (counted after the
// replicas stopped and flushed).
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '@gatehouse/embedded-pg';
import { hashApiKey } from '@gatehouse/kit/operator';
import pg from 'pg';
import { isMain } from '../is-main.ts';
import { auditLinesByActor, auditRowsByActor } from './audit-count.ts';
import { type Load, load } from './load.ts';
import { type Replica, startReplica } from './replica.ts';
import { countFor, printReport } from './report.ts';

const SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 4);
const ROUNDS = Number(process.env.BENCH_HTTP_ROUNDS ?? 2);
const WARMUP_SECONDS = 1;
const CONNECTIONS = 16;
// Many callers, as in production; BENCH_SHARED_ACTORS=1 puts every call on one rate-limit row (its lock is the cap).
const ACTORS = Number(process.env.BENCH_SHARED_ACTORS ?? 16);

type Audit = 'on' | 'off';

interface Variant {
  readonly label: string;
  readonly audit: Audit;
  readonly replicas: 1 | 2;
  /** Each variant calls as its own actors, so its audit records can be counted apart in the append-only table. */
  readonly actorPrefix: string;
  readonly callers: readonly { actor: string; key: string }[];
}

interface Measured {
  best: Load;
  sent: number;
  responses: number;
  failures: number;
}

const benchKey = (actor: string) => ({ actor, key: `gh_bench_${randomBytes(18).toString('base64url')}` });

const VARIANTS: readonly Variant[] = (
  [
    ['audit on,  1 replica ', 'on', 1],
    ['audit off, 1 replica ', 'off', 1],
    ['audit on,  2 replicas', 'on', 2],
    ['audit off, 2 replicas', 'off', 2],
  ] as const
).map(([label, audit, replicas]) => {
  const actorPrefix = `bench-${audit}-${replicas}-`;
  const callers = Array.from({ length: ACTORS }, (_, i) => benchKey(`${actorPrefix}${i}`));
  return { label, audit, replicas, actorPrefix, callers };
});
const WARMUP = benchKey('bench-warmup');

async function startReplicas(dir: string, databaseUrl: string): Promise<Record<Audit, Replica[]>> {
  const env = {
    GATEHOUSE_TRANSPORT: 'http',
    GATEHOUSE_PORT: '0',
    GATEHOUSE_DATABASE_URL: databaseUrl,
    GATEHOUSE_API_KEYS: JSON.stringify(
      [WARMUP, ...VARIANTS.flatMap((v) => v.callers)].map(({ actor, key }) => ({
        hash: hashApiKey(key),
        actor,
        roles: ['bench'],
      })),
    ),
    GATEHOUSE_SIGNING_KEY: randomBytes(32).toString('base64'),
    // Rate limits stay on (in PostgreSQL) with a bucket the load cannot empty: their cost, never a refusal.
    GATEHOUSE_RATE_LIMIT_CAPACITY: '1000000000',
    GATEHOUSE_RATE_LIMIT_REFILL_PER_SECOND: '1000000',
  };
  // All four at once: their migrations take turns on the advisory lock.
  const started = await Promise.allSettled(
    (['on', 'on', 'off', 'off'] as const).map((audit, i) => {
      const name = `${audit}-${i % 2 === 0 ? 'a' : 'b'}`;
      return startReplica(name, audit, env, join(dir, `${name}-audit.log`));
    }),
  );
  const replicas = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = started.find((s) => s.status === 'rejected');
  if (failed) {
    await Promise.all(replicas.map((r) => r.stop()));
    throw failed.reason;
  }
  const [onA, onB, offA, offB] = replicas as [Replica, Replica, Replica, Replica];
  return { on: [onA, onB], off: [offA, offB] };
}

/** Interleaved rounds, so a swing in machine load hits every variant alike; each keeps its best round. */
async function measure(replicas: Record<Audit, Replica[]>): Promise<Map<Variant, Measured>> {
  for (const replica of [...replicas.on, ...replicas.off]) {
    await load([replica.url], [WARMUP.key], CONNECTIONS, WARMUP_SECONDS);
  }
  const results = new Map<Variant, Measured>();
  for (let round = 0; round < ROUNDS; round++) {
    for (const variant of VARIANTS) {
      const urls = replicas[variant.audit].slice(0, variant.replicas).map((r) => r.url);
      const run = await load(
        urls,
        variant.callers.map((c) => c.key),
        CONNECTIONS,
        SECONDS,
      );
      const seen = results.get(variant);
      results.set(variant, {
        best: !seen || run.callsPerSecond > seen.best.callsPerSecond ? run : seen.best,
        sent: (seen?.sent ?? 0) + run.sent,
        responses: (seen?.responses ?? 0) + run.responses,
        failures: (seen?.failures ?? 0) + run.failures,
      });
    }
  }
  return results;
}

export async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'gatehouse-bench-shared-'));
  const cluster = await startEmbeddedPostgres();
  const pool = new pg.Pool({ connectionString: cluster.url(), max: 2 });
  pool.on('error', () => {});
  let replicas: Record<Audit, Replica[]> | undefined;
  try {
    replicas = await startReplicas(dir, cluster.url());
    const results = await measure(replicas);
    // Stop every replica with SIGTERM so the sinks store what they still hold, then count.
    const stopped = await Promise.all([...replicas.on, ...replicas.off].map((r) => r.stop()));
    const unclean = stopped.filter((s) => !s.clean).length;
    const all = [...replicas.on, ...replicas.off];
    replicas = undefined;
    const rows = await auditRowsByActor(pool);
    const lines = await auditLinesByActor(all.map((r) => r.auditLog));

    printReport(
      VARIANTS.map((variant) => {
        const m = results.get(variant) as Measured;
        return {
          label: variant.label,
          audit: variant.audit,
          replicas: variant.replicas,
          best: m.best,
          failures: m.failures,
          responses: m.responses,
          sent: m.sent,
          pgRows: countFor(rows, variant.actorPrefix),
          logLines: countFor(lines, variant.actorPrefix),
        };
      }),
      { connections: CONNECTIONS, actors: ACTORS, rounds: ROUNDS, seconds: SECONDS, uncleanStops: unclean },
    );
  } finally {
    if (replicas) await Promise.all([...replicas.on, ...replicas.off].map((r) => r.stop()));
    await pool.end();
    await cluster.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) await main();
