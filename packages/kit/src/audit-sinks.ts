import { closeSync, writeSync } from 'node:fs';
import type { AuditRecord, AuditSink } from './audit.ts';
import { ErrorCode, ToolError } from './errors.ts';
import { LineWriter } from './line-writer.ts';

export interface PinoAuditSinkOptions {
  /** A file path (appended to, parent folders created) or a file descriptor. Default 2: stdout carries stdio. */
  readonly destination?: string | number;
  /** Write each record before `write` resolves. Default false: batched per event-loop turn. */
  readonly sync?: boolean;
}

/**
 * One pino-format JSON line per record (`{"level":30,...record fields,"msg":"audit"}`), readable by every pino
 * tool. Asynchronous by default: records written in one event-loop turn go out in one write right after it, so a
 * crash loses at most that turn's read records; a record of a write or destructive tool is on its way to the
 * kernel before `write` resolves. A failed write (disk full, closed pipe) makes the sink unhealthy and every later
 * write reject, so the pipeline refuses writes (fail closed). `close()` flushes what is pending.
 *
 * The lines are built here rather than through a pino logger: records are flat JSON already, and pino's
 * serializer and destination cost more than the rest of a call's pipeline (measured in bench/pipeline).
 */
export function createPinoAuditSink(options: PinoAuditSinkOptions = {}): AuditSink {
  const destination = options.destination ?? 2;
  let failure: Error | undefined;
  let closed = false;
  let writer: LineWriter | undefined;
  try {
    writer = new LineWriter(destination);
  } catch (error) {
    failure = error as Error;
  }
  const unavailable = (why: string, cause?: unknown) =>
    new ToolError(ErrorCode.AuditUnavailable, `the audit log cannot take records: ${why}`, { cause });
  const currentFailure = () => failure ?? writer?.failure;

  return {
    async write(record: AuditRecord) {
      if (closed) throw unavailable('it is closed');
      const failed = currentFailure();
      if (failed !== undefined || !writer) throw unavailable(failed?.message ?? 'no destination', failed);
      const line = `{"level":30,${JSON.stringify(record).slice(1, -1)},"msg":"audit"}\n`;
      try {
        if (options.sync) {
          writeSync(writer.fd, line);
          return;
        }
        writer.write(line);
        if (record.access === 'write' || record.access === 'destructive') await writer.flush();
      } catch (error) {
        failure ??= error as Error;
        throw unavailable((error as Error).message, error);
      }
    },
    healthy: () => !closed && currentFailure() === undefined,
    async close() {
      if (closed) return;
      closed = true;
      if (!writer) return;
      // A lost tail is reported: flush rejects if the last writes failed.
      await writer.flush();
      writer.detach();
      if (typeof destination === 'string') closeSync(writer.fd);
    },
  };
}

export interface MemoryAuditSink extends AuditSink {
  /** Every record written, in order. */
  readonly records: AuditRecord[];
  /** Makes every later write reject with `error` (and the sink unhealthy) until called with undefined. */
  failWith(error: Error | undefined): void;
}

/** Keeps records in memory, for tests; `failWith` lets a test check that the pipeline fails closed. */
export function createMemoryAuditSink(): MemoryAuditSink {
  const records: AuditRecord[] = [];
  let failure: Error | undefined;
  let closed = false;
  return {
    records,
    failWith(error) {
      failure = error;
    },
    async write(record) {
      if (failure !== undefined) throw failure;
      if (closed)
        throw new ToolError(ErrorCode.AuditUnavailable, 'the audit log cannot take records: it is closed');
      records.push(record);
    },
    healthy: () => !closed && failure === undefined,
    async close() {
      closed = true;
    },
  };
}

/**
 * Writes every record to every sink (e.g. the log and PostgreSQL). A record counts as written only when all
 * sinks took it: the write rejects if any sink rejects, after every sink has been tried.
 */
export function createFanoutAuditSink(sinks: readonly AuditSink[]): AuditSink {
  const settle = async (results: PromiseSettledResult<void>[], what: string) => {
    const errors = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1)
      throw new AggregateError(errors, `${errors.length} of ${sinks.length} audit sinks ${what}`);
  };
  return {
    async write(record) {
      await settle(
        await Promise.allSettled(sinks.map(async (sink) => sink.write(record))),
        'failed to write',
      );
    },
    healthy: () => sinks.every((sink) => sink.healthy()),
    metrics: () => sinks.map((sink) => sink.metrics?.() ?? '').join(''),
    async close() {
      await settle(await Promise.allSettled(sinks.map(async (sink) => sink.close())), 'failed to close');
    },
  };
}
