import pg from 'pg';
import type { WireField } from './column-masks.ts';
import { socketOf, stopBackend } from './pg-cancel.ts';

/** Why a running statement was stopped from this side rather than by PostgreSQL. */
export type StopReason = 'aborted' | 'deadline' | 'wire_cap';

export class StatementStopped extends Error {
  readonly reason: StopReason;
  constructor(reason: StopReason, cause: unknown) {
    super(`statement stopped: ${reason}`, { cause });
    this.name = 'StatementStopped';
    this.reason = reason;
  }
}

export interface StreamedResult {
  readonly fields: readonly WireField[];
  readonly rows: readonly unknown[][];
  /** The wire cap was reached: `rows` holds the complete rows received before the connection was cut. */
  readonly cut: boolean;
}

export interface StreamLimits {
  /** Bytes the result may bring over the wire before the connection is cut. */
  readonly wireByteCap: number;
  /** Client-side deadline (ms), a backstop in case the server's statement_timeout never fires. */
  readonly deadlineMs: number;
  readonly signal: AbortSignal | undefined;
}

// Parse only types whose JSON form is exact and useful; everything else stays PostgreSQL's text
// (numeric keeps its precision, dates their time zone, bytea its hex form).
const PARSED_TYPES = new Set([
  16, 21, 23, 26, 114, 199, 700, 701, 1000, 1005, 1007, 1009, 1015, 1021, 1022, 3802, 3807,
]);
const INT8 = 20;
const asText = (value: string) => value;
/** A bigint (count(*), ids) as a JSON number while it is one exactly; past 2^53 it stays its digits. */
const int8 = (value: string) => {
  const number = Number(value);
  return Number.isSafeInteger(number) ? number : value;
};
const valueTypes = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') => {
    if (oid === INT8) return int8;
    return PARSED_TYPES.has(oid) ? pg.types.getTypeParser(oid, format ?? 'text') : asText;
  },
};

/**
 * Runs one statement with the extended protocol (which by itself refuses a second statement) and
 * collects its rows as arrays. The connection is cut — and the backend's statement cancelled — when the
 * caller aborts, when the deadline passes, or when the result's bytes on the wire pass the cap; a cut by
 * the cap is a normal (truncated) result, the other two throw StatementStopped.
 */
export function streamStatement(
  client: pg.ClientBase,
  text: string,
  values: readonly unknown[],
  limits: StreamLimits,
): Promise<StreamedResult> {
  return new Promise((resolve, reject) => {
    const rows: unknown[][] = [];
    let fields: readonly WireField[] = [];
    let stopped: StopReason | undefined;
    let wireBytes = 0;
    const socket = socketOf(client);

    const stop = (reason: StopReason) => {
      if (stopped !== undefined) return;
      stopped = reason;
      void stopBackend(client);
    };
    const onData = (chunk: Buffer) => {
      wireBytes += chunk.length;
      if (wireBytes > limits.wireByteCap) stop('wire_cap');
    };
    const onAbort = () => stop('aborted');
    const timer = setTimeout(() => stop('deadline'), limits.deadlineMs);
    const cleanUp = () => {
      clearTimeout(timer);
      socket.off('data', onData);
      limits.signal?.removeEventListener('abort', onAbort);
    };

    const query = new pg.Query({
      text,
      values: [...values],
      rowMode: 'array',
      types: valueTypes,
      queryMode: 'extended',
    } as pg.QueryConfig);
    query.on('row', (row: unknown[], result?: { fields: WireField[] }) => {
      if (fields.length === 0 && result) fields = result.fields;
      rows.push(row);
    });
    query.on('end', (result: { fields: WireField[] }) => {
      cleanUp();
      if (stopped === 'aborted' || stopped === 'deadline') reject(new StatementStopped(stopped, undefined));
      else resolve({ fields: result.fields, rows, cut: stopped === 'wire_cap' });
    });
    query.on('error', (error: Error) => {
      cleanUp();
      if (stopped === 'wire_cap') resolve({ fields, rows, cut: true });
      else if (stopped !== undefined) reject(new StatementStopped(stopped, error));
      else reject(error);
    });

    socket.on('data', onData);
    if (limits.signal?.aborted) {
      cleanUp();
      reject(new StatementStopped('aborted', limits.signal.reason));
      return;
    }
    limits.signal?.addEventListener('abort', onAbort, { once: true });
    client.query(query);
  });
}
