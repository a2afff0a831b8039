import { hash as digest, randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { AuditRecord, ChainedAuditRecord } from './record.ts';
import { auditText, safeAuditRecord } from './text.ts';

/**
 * Tamper evidence for audit records: each record of a stream carries the SHA-256 of the stream's previous record
 * (`prevHash`) and its own (`hash`), over a canonical serialization of every field but `hash`. Deleting, inserting,
 * editing or reordering a stored record breaks the chain at a place `AuditVerifier` names.
 *
 * A stream is one chain written by one process: replicas writing to one PostgreSQL each have their own stream, so
 * no replica ever waits for another to learn the previous hash, and a chain never forks. A restart starts a new
 * stream. The record's `seq` (1, 2, ...) is its place in the stream.
 */

/** The `prevHash` of a stream's first record. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * The fields of a record in the order they are hashed. FROZEN: a record's hash must never change once written, or
 * old chains stop verifying. A field added to AuditRecord later is hashed among the "other fields" (below) and
 * must not be added here.
 */
const HASHED_FIELDS = [
  'stream',
  'seq',
  'prevHash',
  'time',
  'actor',
  'via',
  'client',
  'server',
  'kind',
  'name',
  'version',
  'access',
  'target',
  'targets',
  'decision',
  'outcome',
  'code',
  'durationMs',
  'inputDigest',
  'redactions',
  'outputBytes',
  'approvalId',
  'approver',
  'approvalChannel',
  'phase',
  'callId',
] as const;
const KNOWN = new Set<string>([...HASHED_FIELDS, 'hash']);

const byName = (a: [string, unknown], b: [string, unknown]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

/**
 * The canonical serialization a record's hash is taken over: one JSON array of the fields above in that order
 * (an absent field is null; `redactions` as [kind, count] pairs sorted by kind), followed by a [name, value] pair
 * for each other field except `hash`, sorted by name. As fast as JSON.stringify of the record itself: no key
 * sorting on the hot path.
 */
export function canonicalAuditJson(record: AuditRecord): string {
  const fields = record as unknown as Record<string, unknown>;
  const values: unknown[] = new Array(HASHED_FIELDS.length);
  let present = record.hash === undefined ? 0 : 1;
  for (let i = 0; i < HASHED_FIELDS.length; i++) {
    const value = fields[HASHED_FIELDS[i] as string];
    if (value === undefined) {
      values[i] = null;
      continue;
    }
    present++;
    values[i] = i === REDACTIONS ? Object.entries(value as object).sort(byName) : value;
  }
  const keys = Object.keys(fields);
  if (keys.length > present) {
    const others = keys
      .filter((key) => !KNOWN.has(key) && fields[key] !== undefined)
      .map((key): [string, unknown] => [key, fields[key]])
      .sort(byName);
    for (const [key, value] of others) values.push([key, JSON.parse(canonicalJson(value))]);
  }
  return JSON.stringify(values);
}
const REDACTIONS = HASHED_FIELDS.indexOf('redactions');

/** Keys sorted at every depth, absent (undefined) fields left out: for values whose shape is not known. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const object = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of Object.keys(object).sort()) {
    if (object[key] === undefined) continue;
    parts.push(`${JSON.stringify(key)}:${canonicalJson(object[key])}`);
  }
  return `{${parts.join(',')}}`;
}

/** The hash a record must carry: SHA-256 (hex) of its canonical serialization, `hash` left out. */
export function auditRecordHash(record: AuditRecord): string {
  return digest('sha256', canonicalAuditJson(record));
}

export function isChained(record: AuditRecord): record is ChainedAuditRecord {
  return (
    record.stream !== undefined &&
    record.seq !== undefined &&
    record.prevHash !== undefined &&
    record.hash !== undefined
  );
}

/** A stream id that names the process for the human reading it: `server/host/pid/random`. */
export function newStreamId(server: string): string {
  return auditText(`${server}/${hostname()}/${process.pid}/${randomBytes(8).toString('hex')}`, 256);
}

export interface ChainHead {
  readonly stream: string;
  /** Records linked so far (the last one's seq); 0 before the first. */
  readonly seq: number;
  readonly hash: string;
}

/** One stream's chain, linked in the order records are written. Synchronous: the order of `link` calls is it. */
export class AuditChain {
  readonly stream: string;
  #seq = 0;
  #head = GENESIS_HASH;

  constructor(stream: string) {
    this.stream = stream;
  }

  /** The record, made safe (audit-text.ts), with its place in this stream and its hash. */
  link(record: AuditRecord): ChainedAuditRecord {
    const linked = {
      ...safeAuditRecord(record),
      stream: this.stream,
      seq: this.#seq + 1,
      prevHash: this.#head,
      hash: '',
    };
    linked.hash = auditRecordHash(linked); // `hash` is never part of what is hashed
    this.#seq++;
    this.#head = linked.hash;
    return linked;
  }

  head(): ChainHead {
    return { stream: this.stream, seq: this.#seq, hash: this.#head };
  }
}

/**
 * For sinks that may be given records nobody chained (a sink used on its own): links those in a stream of the
 * sink's own, started on first use, and passes chained records through. Every record a built-in sink stores is
 * chained either way.
 */
export function ownChain(): (record: AuditRecord) => ChainedAuditRecord {
  let chain: AuditChain | undefined;
  return (record) => {
    if (isChained(record)) return record;
    chain ??= new AuditChain(newStreamId(record.server));
    return chain.link(record);
  };
}
