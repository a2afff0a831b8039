import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freeLoopbackPort, type RunningPostgres } from '@gatehouse/embedded-pg';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isToolError } from '../../errors.ts';
import { sampleAuditRecord } from '../../testing/audit-record.ts';
import { insertAuditRecords } from './audit-insert.ts';
import { createPostgresAuditSink } from './audit-sink.ts';
import { migratePostgres } from './migrations.ts';
import { createTestDatabase, startEmbeddedPostgres } from './test-database.ts';

// The cluster lives in a folder this file owns, so it can be stopped and started again on the same port.
let dataDir: string;
let cluster: RunningPostgres;
let db: Awaited<ReturnType<typeof createTestDatabase>>;
const pools: pg.Pool[] = [];
const PASSWORD = 'audit-sink-test';

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'gatehouse-audit-sink-'));
  await chmod(dataDir, 0o755); // under root, the cluster runs as a postgres user that must reach it
  cluster = await startEmbeddedPostgres({ dataDir, password: PASSWORD });
  db = await createTestDatabase(cluster, 'audit');
  await migratePostgres(open());
}, 60_000);

afterAll(async () => {
  for (const pool of pools) await pool.end().catch(() => {});
  await cluster?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

function open(url = db.url): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: 5, connectionTimeoutMillis: 2000 });
  pool.on('error', () => {});
  pools.push(pool);
  return pool;
}

async function countFor(actor: string): Promise<number> {
  const { rows } = await pools[0]!.query<{ n: string }>(
    'SELECT count(*) AS n FROM gatehouse.audit_log WHERE actor = $1',
    [actor],
  );
  return Number(rows[0]?.n);
}

/** A pino logger whose lines the test reads. */
function capturedLogger() {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { logger, lines };
}

async function eventually(check: () => Promise<boolean> | boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('createPostgresAuditSink', () => {
  it('stores every record of concurrent writers on two replicas, in batches', async () => {
    const sinks = [createPostgresAuditSink(open()), createPostgresAuditSink(open())];
    const writes = Array.from({ length: 2000 }, (_, i) =>
      sinks[i % 2]!.write(
        sampleAuditRecord({ actor: 'load', access: i % 10 === 0 ? 'write' : 'read', durationMs: i }),
      ),
    );
    await Promise.all(writes);
    await Promise.all(sinks.map((s) => s.flush()));
    expect(await countFor('load')).toBe(2000);
    expect(sinks.map((s) => s.stats())).toEqual([
      { buffered: 0, stored: 1000, lost: 0 },
      { buffered: 0, stored: 1000, lost: 0 },
    ]);
    await Promise.all(sinks.map((s) => s.close()));
  });

  it('makes writers wait for room when the buffer is full and the database answers: nothing lost', async () => {
    const sink = createPostgresAuditSink(open(), { maxBuffered: 10, batchSize: 4 });
    for (let i = 0; i < 50; i++) await sink.write(sampleAuditRecord({ actor: 'backpressure' }));
    await sink.flush();
    expect(sink.stats()).toEqual({ buffered: 0, stored: 50, lost: 0 });
    expect(await countFor('backpressure')).toBe(50);
    await sink.close();
  });

  it('resolves a write call’s record only once it is stored; a read’s once it is buffered', async () => {
    const sink = createPostgresAuditSink(open());
    await sink.write(sampleAuditRecord({ actor: 'durable', access: 'destructive', name: 'delete_note' }));
    expect(await countFor('durable')).toBe(1);
    await sink.write(sampleAuditRecord({ actor: 'buffered' }));
    expect(sink.stats().buffered).toBe(1);
    await sink.flush();
    expect(await countFor('buffered')).toBe(1);
    await sink.close();
  });

  it('stores a record whose text PostgreSQL cannot hold as is (U+0000, a lone surrogate)', async () => {
    const sink = createPostgresAuditSink(open());
    await sink.write(
      sampleAuditRecord({ actor: 'nul', target: 'note:\u0000n1', client: 'x\ud800y/1', access: 'write' }),
    );
    const { rows } = await pools[0]!.query(
      "SELECT target, client FROM gatehouse.audit_log WHERE actor = 'nul'",
    );
    // The control character is shown as an escape, the lone surrogate as U+FFFD.
    expect(rows).toEqual([{ target: 'note:\\u0000n1', client: 'x\uFFFDy/1' }]);
    await sink.close();
  });

  it('chains what it stores, in the order written, one stream per sink (two replicas never share one)', async () => {
    const sinks = [
      createPostgresAuditSink(open(), { maxBuffered: 5, batchSize: 2 }),
      createPostgresAuditSink(open()),
    ];
    await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        sinks[i % 2]!.write(sampleAuditRecord({ actor: 'chained', durationMs: i })),
      ),
    );
    await Promise.all(sinks.map((s) => s.flush()));
    const { rows } = await pools[0]!.query<{ stream: string; seq: string; duration_ms: number }>(
      "SELECT stream, seq, duration_ms FROM gatehouse.audit_log WHERE actor = 'chained' ORDER BY id",
    );
    const streams = [...new Set(rows.map((r) => r.stream))];
    expect(streams).toHaveLength(2);
    for (const stream of streams) {
      const mine = rows.filter((r) => r.stream === stream);
      // Stored in the order written (ids ascend with seq), even through backpressure and small batches.
      expect(mine.map((r) => Number(r.seq))).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
      // Each sink's own records (one took the even calls, the other the odd ones), in the order written.
      const first = mine[0]!.duration_ms % 2;
      expect(mine.map((r) => r.duration_ms)).toEqual(Array.from({ length: 30 }, (_, i) => 2 * i + first));
    }
    await Promise.all(sinks.map((s) => s.close()));
  });

  it('stores nothing twice when a batch is retried after its commit went unheard', async () => {
    const record = {
      ...sampleAuditRecord({ actor: 'retried' }),
      stream: 'test/retry',
      seq: 1,
      prevHash: '0'.repeat(64),
      hash: 'f'.repeat(64),
    };
    await insertAuditRecords(pools[0]!, [record]);
    await insertAuditRecords(pools[0]!, [record]);
    expect(await countFor('retried')).toBe(1);
  });

  it('resolves a write’s intent only once it is stored, and refuses it while the database is down', async () => {
    const sink = createPostgresAuditSink(open());
    const intent = {
      access: 'write' as const,
      outcome: 'not_run' as const,
      phase: 'intent' as const,
      callId: 'c1',
    };
    await sink.write(sampleAuditRecord({ actor: 'intent', ...intent }));
    expect(await countFor('intent')).toBe(1);
    await sink.close();
    const dead = open(`postgres://postgres:x@127.0.0.1:${await freeLoopbackPort()}/audit`);
    const down = createPostgresAuditSink(dead, {
      logger: pino({ level: 'silent' }),
      retryIntervalMs: 60_000,
    });
    await down.write(sampleAuditRecord({ actor: 'intent' }));
    await down.flush().catch(() => {});
    await expect(down.write(sampleAuditRecord({ actor: 'intent', ...intent }))).rejects.toSatisfy(
      (e) => isToolError(e) && e.code === 'audit_unavailable',
    );
    expect(down.stats().buffered).toBe(2); // kept for when the database is back
    await down.close();
  });

  it('stores the rest of a batch when the database rejects one record, and logs that one', async () => {
    const { logger, lines } = capturedLogger();
    const sink = createPostgresAuditSink(open(), { logger });
    for (const durationMs of [1, Number.NaN, 3])
      await sink.write(sampleAuditRecord({ actor: 'poison', durationMs }));
    await sink.flush();
    expect(await countFor('poison')).toBe(2);
    expect(sink.stats()).toEqual({ buffered: 0, stored: 2, lost: 1 });
    expect(sink.healthy()).toBe(true); // a bad record is not an unreachable database
    const diverted = lines.filter((l) => l.msg === 'audit record not stored in PostgreSQL');
    expect(diverted).toHaveLength(1);
    expect(String(diverted[0]?.why)).toMatch(/rejected by the database: .*duration_ms/);
    await sink.close();
  });

  it('fails closed when the database is unreachable: writes rejected, reads buffered, sink unhealthy', async () => {
    const dead = open(`postgres://postgres:x@127.0.0.1:${await freeLoopbackPort()}/audit`);
    const { logger, lines } = capturedLogger();
    const sink = createPostgresAuditSink(dead, { logger, retryIntervalMs: 60_000 });
    expect(sink.healthy()).toBe(true); // nothing known yet
    await sink.write(sampleAuditRecord({ actor: 'reader' }));
    await expect(sink.flush()).rejects.toSatisfy(
      (e) => isToolError(e) && e.code === 'audit_unavailable' && /ECONNREFUSED/.test(e.message),
    );
    expect(sink.healthy()).toBe(false);
    expect(lines.some((l) => String(l.msg).includes('unreachable: writes are refused'))).toBe(true);
    const ran = sink.write(sampleAuditRecord({ actor: 'writer', access: 'write', outcome: 'ok' }));
    await expect(ran).rejects.toSatisfy((e) => isToolError(e) && e.code === 'audit_unavailable');
    // A refused write changed nothing, so its record waits in the buffer like a read's.
    await sink.write(sampleAuditRecord({ actor: 'writer', access: 'write', outcome: 'not_run' }));
    expect(sink.stats()).toEqual({ buffered: 3, stored: 0, lost: 0 });
    expect(sink.metrics()).toContain('gatehouse_audit_pg_up 0');
    await sink.close(); // the database never came back: the three records go to the log, counted
    expect(sink.stats().lost).toBe(3);
    expect(lines.filter((l) => l.msg === 'audit record not stored in PostgreSQL')).toHaveLength(3);
  });

  it('reports overflow: records past the bound go to the log, counted, with one summary line', async () => {
    const dead = open(`postgres://postgres:x@127.0.0.1:${await freeLoopbackPort()}/audit`);
    const { logger, lines } = capturedLogger();
    const sink = createPostgresAuditSink(dead, { logger, maxBuffered: 3, retryIntervalMs: 60_000 });
    await sink.write(sampleAuditRecord({ actor: 'overflow-0' }));
    await sink.flush().catch(() => {});
    for (let i = 1; i < 6; i++) await sink.write(sampleAuditRecord({ actor: `overflow-${i}` }));
    await new Promise((resolve) => setImmediate(resolve));
    expect(sink.stats()).toEqual({ buffered: 3, stored: 0, lost: 3 });
    expect(sink.metrics()).toContain('gatehouse_audit_pg_lost_total 3');
    const diverted = lines.filter((l) => l.msg === 'audit record not stored in PostgreSQL');
    // The oldest went to the log, whole.
    expect(diverted.map((l) => (l.auditRecord as { actor: string }).actor)).toEqual([
      'overflow-0',
      'overflow-1',
      'overflow-2',
    ]);
    expect(diverted[0]?.auditRecord).toEqual({
      ...sampleAuditRecord({ actor: 'overflow-0' }),
      stream: expect.any(String),
      seq: 1,
      prevHash: '0'.repeat(64),
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const summaries = lines.filter((l) => typeof l.lost === 'number');
    expect(summaries.length).toBeGreaterThanOrEqual(1);
    expect(summaries.reduce((n, l) => n + (l.lost as number), 0)).toBe(3);
    expect(String(summaries[0]?.msg)).toMatch(
      /audit records were not stored in PostgreSQL \(the buffer is full\)/,
    );
    await sink.close();
  });

  it('flushes the buffered records when the database comes back, and turns healthy again', async () => {
    const pool = open();
    const { logger, lines } = capturedLogger();
    const sink = createPostgresAuditSink(pool, { logger, retryIntervalMs: 100 });
    await sink.write(sampleAuditRecord({ actor: 'outage', access: 'write' }));
    await cluster.stop();
    try {
      for (let i = 0; i < 50; i++) await sink.write(sampleAuditRecord({ actor: 'outage' }));
      await eventually(() => !sink.healthy());
      await expect(
        sink.write(sampleAuditRecord({ actor: 'outage', access: 'write', outcome: 'ok' })),
      ).rejects.toSatisfy((e) => isToolError(e) && e.code === 'audit_unavailable');
    } finally {
      cluster = await startEmbeddedPostgres({ dataDir, password: PASSWORD, port: cluster.port });
    }
    await eventually(() => sink.healthy() && sink.stats().buffered === 0);
    // 1 before the outage, 50 reads and the write that was refused to its caller but kept.
    expect(await countFor('outage')).toBe(52);
    expect(sink.stats()).toMatchObject({ buffered: 0, lost: 0 });
    expect(lines.some((l) => l.msg === 'PostgreSQL audit store reachable again')).toBe(true);
    await sink.close();
  }, 60_000);
});
