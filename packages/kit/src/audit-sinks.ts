import { once } from 'node:events';
import pino from 'pino';
import type { AuditRecord, AuditSink } from './audit.ts';
import { ErrorCode, ToolError } from './errors.ts';

export interface PinoAuditSinkOptions {
  /** A file path (appended to, parent folders created) or a file descriptor. Default 2: stdout carries stdio. */
  readonly destination?: string | number;
  /** Write each record before `write` resolves. Default false: buffered, asynchronous writes. */
  readonly sync?: boolean;
  /**
   * Bytes to gather before an asynchronous write (default 4096), so a busy server makes one system call per
   * page of records instead of one per record. Whatever is gathered is flushed at least every `flushMs`, and
   * before `write` resolves for any record of a write or destructive tool, so a crash can lose at most
   * `flushMs` of read records and never the record of a change.
   */
  readonly minLength?: number;
  /** Longest time a read record waits in memory before it is written (default 100 ms). */
  readonly flushMs?: number;
}

/**
 * One JSON line per record (`{"level":30,...record fields,"msg":"audit"}`) through pino's SonicBoom
 * destination. Asynchronous by default for throughput: `write` resolves once the line is buffered, and a
 * failed write (disk full, closed pipe) makes the sink unhealthy and every later write reject, so the
 * pipeline stops writes (fail closed). `close()` flushes what is buffered.
 */
export function createPinoAuditSink(options: PinoAuditSinkOptions = {}): AuditSink {
  const destination = options.destination ?? 2;
  const stream = pino.destination({
    dest: destination,
    sync: options.sync ?? false,
    minLength: options.sync ? 0 : (options.minLength ?? 4096),
    mkdir: typeof destination === 'string',
  });
  let failure: Error | undefined;
  let closed = false;
  let ready = false;
  stream.on('error', (error: Error) => {
    failure ??= error;
  });
  const opened = new Promise<void>((resolve) => {
    stream.once('ready', () => {
      ready = true;
      resolve();
    });
    // A destination that never opens settles here too; `failure` then explains why.
    stream.once('error', () => resolve());
  });
  const timer = options.sync
    ? undefined
    : setInterval(() => flush().catch(() => undefined), options.flushMs ?? 100);
  timer?.unref();
  const flush = () =>
    new Promise<void>((resolve, reject) => {
      if (!ready || closed || failure !== undefined) return resolve();
      // SonicBoom's flush waits for writes in flight; with nothing buffered it answers at once.
      (stream as unknown as { flush(cb: (err?: Error) => void): void }).flush((err) =>
        err ? reject(err) : resolve(),
      );
    });
  const unavailable = (why: string, cause?: unknown) =>
    new ToolError(ErrorCode.AuditUnavailable, `the audit log cannot take records: ${why}`, { cause });

  return {
    async write(record: AuditRecord) {
      // Only the first write can get here before the file is open: fail it rather than lose it later.
      if (!ready) await opened;
      if (closed) throw unavailable('it is closed');
      if (failure !== undefined) throw unavailable(failure.message, failure);
      try {
        // The line pino would write for logger.info(record, 'audit'), built directly: the record is flat
        // JSON already, and this runs on every call.
        stream.write(`{"level":30,${JSON.stringify(record).slice(1, -1)},"msg":"audit"}\n`);
        if (record.access === 'write' || record.access === 'destructive') await flush();
      } catch (error) {
        failure ??= error as Error;
        throw unavailable((error as Error).message, error);
      }
      // A synchronous destination reports a failed write through its 'error' event, during the call above.
      const failed = failure as Error | undefined;
      if (failed !== undefined) throw unavailable(failed.message, failed);
    },
    healthy: () => !closed && failure === undefined,
    async close() {
      if (closed) return;
      closed = true;
      if (timer) clearInterval(timer);
      if (!ready) await opened;
      if (!ready || (stream as unknown as { destroyed: boolean }).destroyed) return;
      // `once` rejects if the stream errors while flushing, so a lost tail is reported.
      const done = once(stream, 'close');
      stream.end();
      await done;
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
    async close() {
      await settle(await Promise.allSettled(sinks.map(async (sink) => sink.close())), 'failed to close');
    },
  };
}
