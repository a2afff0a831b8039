import { closeSync } from 'node:fs';
import { type Logger, pino } from 'pino';
import { ErrorCode, ToolError } from '../errors.ts';
import { AuditChain, type ChainHead, newStreamId, ownChain } from './chain.ts';
import { LineWriter, writeFullySync } from './line-writer.ts';
import type { AuditRecord, AuditSink } from './record.ts';

export interface PinoAuditSinkOptions {
  /** A file path (appended to, parent folders created) or a file descriptor. Default 2: stdout carries stdio. */
  readonly destination?: string | number;
  /** Write each record before `write` resolves. Default false: batched per event-loop turn. */
  readonly sync?: boolean;
}

/**
 * One pino-format JSON line per record (`{"level":30,...record fields,"msg":"audit"}`), readable by every pino
 * tool, chained (records nobody chained get a stream of this sink's own). Asynchronous by default: records
 * written in one event-loop turn go out in one write right after it, so a crash loses at most that turn's read
 * records; a write's intent record, and any record of a write or destructive tool, is on its way to the kernel
 * before `write` resolves (it survives the process, not a power cut: the file is not fsynced). A failed write (disk full, closed pipe) makes the sink unhealthy and every later
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
  const link = ownChain();

  return {
    // Not `async`: most records are batched and need no promise of their own (this runs on every request).
    write(unlinked: AuditRecord): Promise<void> {
      if (closed) return Promise.reject(unavailable('it is closed'));
      const failed = currentFailure();
      if (failed !== undefined || !writer)
        return Promise.reject(unavailable(failed?.message ?? 'no destination', failed));
      let record: AuditRecord;
      let line: string;
      try {
        record = link(unlinked);
        line = `{"level":30,${JSON.stringify(record).slice(1, -1)},"msg":"audit"}\n`;
      } catch (error) {
        return Promise.reject(error); // a record that cannot be written, not a broken sink
      }
      try {
        if (options.sync) {
          // A pipe may take part of a line, or be full for a moment: the whole line, waiting up to 2 s for room.
          writeFullySync(writer.fd, Buffer.from(line, 'utf8'), SYNC_WAIT_MS);
          return WRITTEN;
        }
        writer.write(line);
        if (!mustBeDurable(record)) return WRITTEN;
        return writer.flush().catch((error: unknown) => {
          failure ??= error as Error;
          throw unavailable((error as Error).message, error);
        });
      } catch (error) {
        failure ??= error as Error;
        return Promise.reject(unavailable((error as Error).message, error));
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

const WRITTEN: Promise<void> = Promise.resolve();
const SYNC_WAIT_MS = 2000;

/** A write's intent, or the record of a write or destructive call: on its way to storage before `write` resolves. */
export function mustBeDurable(record: AuditRecord): boolean {
  return record.phase === 'intent' || record.access === 'write' || record.access === 'destructive';
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
 * sinks took it: the write rejects if any sink rejects, after every sink has been tried. Records are chained
 * before they are handed on (a stream of the fan-out's own if nobody chained them), so every sink holds the same
 * chain: the log file is an anchor for the table, and the table for the file.
 */
export function createFanoutAuditSink(sinks: readonly AuditSink[]): AuditSink {
  const link = ownChain();
  const settle = async (results: PromiseSettledResult<void>[], what: string) => {
    const errors = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1)
      throw new AggregateError(errors, `${errors.length} of ${sinks.length} audit sinks ${what}`);
  };
  return {
    async write(unlinked) {
      const record = link(unlinked);
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

export interface ChainedAuditSinkOptions {
  /** The server's name: the start of the stream id (`server/host/pid/random`). */
  readonly server: string;
  /** Where the chain's head is logged (the anchor): default stderr. */
  readonly logger?: Logger;
  /** How often the head is logged when it moved (default 60 000 ms); it is logged at close too. */
  readonly anchorIntervalMs?: number;
}

export interface ChainedAuditSink extends AuditSink {
  /** The newest record's place and hash: an anchor to keep where the audit store's administrators cannot write. */
  head(): ChainHead;
}

const CHAINED = Symbol('gatehouse.chainedAuditSink');

/**
 * The sink every server writes through: one chain (stream) per process, linked in the order records are written,
 * then handed to `inner`. Its head (stream, seq, hash) is logged every `anchorIntervalMs` and at close as
 * `audit chain head`, and exposed on /metrics as the stream's record count, so a copy of the head lives outside
 * the audit store: `gatehouse audit verify --anchors <log>` then finds a rewritten or truncated tail. Failed
 * writes are counted (`gatehouse_audit_write_failures_total`).
 */
export function createChainedAuditSink(inner: AuditSink, options: ChainedAuditSinkOptions): ChainedAuditSink {
  if (CHAINED in inner) return inner as unknown as ChainedAuditSink;
  const chain = new AuditChain(newStreamId(options.server));
  const logger = options.logger ?? pino({ name: options.server }, pino.destination(2));
  let anchoredSeq = 0;
  let failures = 0;
  const anchor = () => {
    const head = chain.head();
    if (head.seq === anchoredSeq) return;
    anchoredSeq = head.seq;
    logger.info({ stream: head.stream, seq: head.seq, hash: head.hash }, 'audit chain head');
  };
  const timer = setInterval(anchor, options.anchorIntervalMs ?? 60_000);
  timer.unref();
  const countFailure = (error: unknown): never => {
    failures++;
    throw error;
  };
  const label = chain.stream.replaceAll('\\', '\\\\').replaceAll('"', '\\"');
  return {
    [CHAINED]: true,
    write(record) {
      try {
        return inner.write(chain.link(record)).catch(countFailure);
      } catch (error) {
        failures++;
        return Promise.reject(error);
      }
    },
    healthy: () => inner.healthy(),
    head: () => chain.head(),
    metrics: () =>
      [
        "# HELP gatehouse_audit_chain_records Records in this process's audit chain (its last seq).",
        '# TYPE gatehouse_audit_chain_records counter',
        `gatehouse_audit_chain_records{stream="${label}"} ${chain.head().seq}`,
        '# HELP gatehouse_audit_write_failures_total Audit records a sink refused (see the server log).',
        '# TYPE gatehouse_audit_write_failures_total counter',
        `gatehouse_audit_write_failures_total ${failures}`,
        '',
      ].join('\n') + (inner.metrics?.() ?? ''),
    async close() {
      clearInterval(timer);
      anchor();
      await inner.close();
    },
  } as ChainedAuditSink;
}
