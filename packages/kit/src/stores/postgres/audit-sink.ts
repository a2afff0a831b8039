import type { Pool } from 'pg';
import { type Logger, pino } from 'pino';
import { ownChain } from '../../audit/chain.ts';
import type { AuditRecord, AuditSink } from '../../audit/record.ts';
import { mustBeDurable } from '../../audit/sinks.ts';
import { ErrorCode, ToolError } from '../../errors.ts';
import { insertAuditRecords, isRecordRejection } from './audit-insert.ts';

export interface PostgresAuditSinkOptions {
  /** Records held while PostgreSQL is unreachable (default 10 000); past it the oldest go to the log. */
  readonly maxBuffered?: number;
  /** Largest multi-row INSERT (default 500 records). */
  readonly batchSize?: number;
  /** How often an unreachable database is tried again (default 1000 ms). */
  readonly retryIntervalMs?: number;
  /** How often an idle sink checks the database is still there (default 5000 ms). */
  readonly livenessIntervalMs?: number;
  /** Where loss and recovery are reported, and where records PostgreSQL could not keep are written. */
  readonly logger?: Logger;
}

export interface PostgresAuditStats {
  /** Records waiting for PostgreSQL (buffered or being inserted). */
  readonly buffered: number;
  /** Records stored in PostgreSQL by this sink. */
  readonly stored: number;
  /** Records PostgreSQL never got (buffer overflow, rejected by the database, left at close): logged instead. */
  readonly lost: number;
}

export interface PostgresAuditSink extends AuditSink {
  stats(): PostgresAuditStats;
  /** Prometheus text for the sink's counters. */
  metrics(): string;
  /** Resolves once every record written so far is stored; rejects while the database is unreachable. */
  flush(): Promise<void>;
}

interface Entry {
  readonly record: AuditRecord;
  waiter?: { resolve: () => void; reject: (error: Error) => void };
  /** Stored, or written to the log instead: never to be inserted again. */
  settled?: boolean;
}

/**
 * Audit records of every replica in one PostgreSQL table, each replica's in its own chain (records nobody chained
 * get a stream of this sink's own). Records are buffered and inserted in batches (one multi-row INSERT per
 * event-loop turn, or per finished INSERT under load), in the order they were written; like the pino sink, a
 * write's intent record, and the record of a write or destructive call that ran, resolves only once its INSERT
 * has committed.
 *
 * When an INSERT fails (or the idle liveness check does), the sink turns unhealthy, so the pipeline refuses
 * writes (fail closed) and /readyz reports not ready; a retry every `retryIntervalMs` flushes the buffer and
 * turns it healthy again. A full buffer while the database answers makes writers wait for room. While it does not,
 * records wait in the buffer, bounded by `maxBuffered`: past it the oldest are
 * written to the local log instead, counted (`lost`, metric `gatehouse_audit_pg_lost_total`) and reported in
 * one error line per burst, so no record is dropped silently. `close()` stores what it can, logs the rest.
 */
export function createPostgresAuditSink(
  pool: Pool,
  options: PostgresAuditSinkOptions = {},
): PostgresAuditSink {
  const maxBuffered = positive('maxBuffered', options.maxBuffered ?? 10_000);
  const batchSize = positive('batchSize', options.batchSize ?? 500);
  const retryIntervalMs = positive('retryIntervalMs', options.retryIntervalMs ?? 1000);
  const livenessIntervalMs = positive('livenessIntervalMs', options.livenessIntervalMs ?? 5000);
  const logger = options.logger ?? pino({ name: 'audit-postgres' }, pino.destination(2));

  let buffer: Entry[] = [];
  let inflight: Entry[] = [];
  let up = true;
  let closed = false;
  let stored = 0;
  let lost = 0;
  let unreportedLoss = 0;
  let lastError: Error | undefined;
  let draining: Promise<void> | undefined;
  let scheduled = false;
  let lastContact = Date.now();
  let flushWaiters: { resolve: () => void; reject: (error: Error) => void }[] = [];
  const link = ownChain();

  const unavailable = (why: string, cause?: unknown) =>
    new ToolError(ErrorCode.AuditUnavailable, `the PostgreSQL audit store cannot take records: ${why}`, {
      cause,
    });

  /** Writes records PostgreSQL will not get to the local log, and counts them. */
  const divert = (entries: readonly Entry[], why: string) => {
    for (const entry of entries) {
      logger.error({ auditRecord: entry.record, why }, 'audit record not stored in PostgreSQL');
      entry.waiter?.reject(unavailable(why));
    }
    lost += entries.length;
    unreportedLoss += entries.length;
    if (unreportedLoss === entries.length) {
      // One summary per burst of losses, after the burst.
      setImmediate(() => {
        logger.error(
          { lost: unreportedLoss, lostTotal: lost, maxBuffered },
          `${unreportedLoss} audit records were not stored in PostgreSQL (${why}); they are in this log instead`,
        );
        unreportedLoss = 0;
      });
    }
  };

  const settleFlushWaiters = () => {
    if (buffer.length > 0 || inflight.length > 0) {
      if (!up) {
        for (const w of flushWaiters) w.reject(unavailable(lastError?.message ?? 'unreachable', lastError));
        flushWaiters = [];
      }
      return;
    }
    for (const w of flushWaiters) w.resolve();
    flushWaiters = [];
  };

  const markDown = (error: Error) => {
    lastError = error;
    if (up) {
      up = false;
      logger.error(
        { err: error, buffered: buffer.length + inflight.length },
        'PostgreSQL audit store unreachable: writes are refused and records are buffered until it is back',
      );
    }
  };

  const markUp = () => {
    lastContact = Date.now();
    if (!up) {
      up = true;
      logger.info({ buffered: buffer.length + inflight.length }, 'PostgreSQL audit store reachable again');
    }
  };

  /** Inserts entries; rows the database refuses are stored one by one so one bad record cannot block the rest. */
  const insert = async (entries: Entry[]): Promise<void> => {
    try {
      await insertAuditRecords(
        pool,
        entries.map((e) => e.record),
      );
      stored += entries.length;
    } catch (error) {
      if (!isRecordRejection(error)) throw error;
      if (entries.length === 1) {
        divert(entries, `rejected by the database: ${(error as Error).message}`);
        (entries[0] as Entry).settled = true;
        return;
      }
      for (const entry of entries) await insert([entry]);
      return;
    }
    for (const entry of entries) {
      entry.settled = true;
      entry.waiter?.resolve();
    }
  };

  const drainOnce = async () => {
    while (buffer.length > 0) {
      inflight = buffer.splice(0, batchSize);
      try {
        await insert(inflight);
        inflight = [];
        markUp();
      } catch (error) {
        markDown(error as Error);
        for (const entry of inflight) {
          entry.waiter?.reject(unavailable((error as Error).message, error));
          delete entry.waiter;
        }
        // Back at the front, in order (less any stored one by one before the failure); the bound still holds.
        buffer = inflight.filter((e) => !e.settled).concat(buffer);
        inflight = [];
        if (buffer.length > maxBuffered)
          divert(buffer.splice(0, buffer.length - maxBuffered), 'the buffer is full');
        return;
      }
    }
  };

  const drain = (): Promise<void> => {
    scheduled = false;
    draining ??= drainOnce().finally(() => {
      draining = undefined;
      settleFlushWaiters();
      // Records that arrived during the last INSERT.
      if (up && buffer.length > 0 && !closed) schedule();
    });
    return draining;
  };

  const schedule = () => {
    if (scheduled || draining !== undefined || !up) return;
    scheduled = true;
    setImmediate(drain);
  };

  // While down: retry (the buffer, or a bare round trip when it is empty). While up and idle: a liveness check,
  // so a dead database is noticed before a write runs rather than after.
  const probe = async () => {
    if (closed || draining !== undefined) return;
    if (!up || Date.now() - lastContact >= livenessIntervalMs) {
      if (buffer.length > 0) return void (await drain());
      try {
        await pool.query('SELECT 1');
        markUp();
        settleFlushWaiters();
      } catch (error) {
        markDown(error as Error);
      }
    }
  };
  const timer = setInterval(
    () => void probe().catch(() => {}),
    Math.min(retryIntervalMs, livenessIntervalMs),
  );
  timer.unref();

  return {
    async write(unlinked) {
      if (closed) throw unavailable('it is closed');
      const entry: Entry = { record: link(unlinked) };
      // A write's intent must be stored before the write runs; a call that changed something is not done until its
      // record is stored. A read, or a refusal that ran nothing, rides the buffer.
      const { record } = entry;
      const durable = record.phase === 'intent' || (mustBeDurable(record) && record.outcome !== 'not_run');
      const done = durable
        ? new Promise<void>((resolve, reject) => {
            entry.waiter = { resolve, reject };
          })
        : undefined;
      done?.catch(() => {}); // its rejection is the caller's, returned below
      // In the buffer first, so records reach the table in the order they were chained.
      buffer.push(entry);
      // Full while the database answers: the caller waits for room (backpressure), nothing is lost.
      while (up && !closed && buffer.length + inflight.length > maxBuffered) await drain();
      const excess = buffer.length + inflight.length - maxBuffered;
      if (excess > 0) divert(buffer.splice(0, Math.min(excess, buffer.length)), 'the buffer is full');
      if (done === undefined) return up ? schedule() : undefined;
      if (!up && !entry.settled) {
        delete entry.waiter;
        throw unavailable(lastError?.message ?? 'unreachable', lastError);
      }
      schedule();
      return done;
    },

    healthy: () => !closed && up,

    flush() {
      if (buffer.length === 0 && inflight.length === 0) return Promise.resolve();
      if (!up) return Promise.reject(unavailable(lastError?.message ?? 'unreachable', lastError));
      const done = new Promise<void>((resolve, reject) => flushWaiters.push({ resolve, reject }));
      schedule();
      return done;
    },

    stats: () => ({ buffered: buffer.length + inflight.length, stored, lost }),

    metrics: () =>
      [
        '# HELP gatehouse_audit_pg_up Whether the PostgreSQL audit store takes records (1) or not (0).',
        '# TYPE gatehouse_audit_pg_up gauge',
        `gatehouse_audit_pg_up ${up && !closed ? 1 : 0}`,
        '# HELP gatehouse_audit_pg_buffered Audit records waiting for PostgreSQL.',
        '# TYPE gatehouse_audit_pg_buffered gauge',
        `gatehouse_audit_pg_buffered ${buffer.length + inflight.length}`,
        '# HELP gatehouse_audit_pg_lost_total Audit records PostgreSQL never got (written to the local log instead).',
        '# TYPE gatehouse_audit_pg_lost_total counter',
        `gatehouse_audit_pg_lost_total ${lost}`,
        '',
      ].join('\n'),

    async close() {
      if (closed) return;
      closed = true;
      clearInterval(timer);
      await draining;
      // One last attempt, even if the database looked down.
      if (buffer.length > 0) {
        up = true;
        await drain();
      }
      if (buffer.length > 0) divert(buffer.splice(0), 'the store closed before the database came back');
      await new Promise((resolve) => setImmediate(resolve)); // let the loss summary go out
    },
  };
}

function positive(name: string, value: number): number {
  if (!(Number.isFinite(value) && value > 0)) {
    throw new RangeError(`${name} must be a number greater than 0, got ${value}`);
  }
  return value;
}
