import { auditRecordHash, GENESIS_HASH, isChained } from './chain.ts';
import type { AuditRecord, ChainedAuditRecord } from './record.ts';

/**
 * Walks audit chains (audit-chain.ts) and says where one was tampered with. Records come from any store, each
 * with its location there (`at`: "id 1234", "audit.log:17") and its storage position (a PostgreSQL id, a line
 * number), grouped by nothing in particular: streams may interleave, as they do in a shared log file. Within a
 * stream, records must come either in storage order (a file) or in `seq` order (PostgreSQL); both are checked.
 *
 * Failures: a record whose contents do not match its hash (edited); a record that does not follow the one before
 * it (the one before was replaced, or this one inserted); missing sequence numbers (deleted, or lost by the store:
 * the sink counts and logs those); a sequence number stored twice (inserted); a record stored out of order; an
 * unchained record where only chained ones belong; a disagreement with an anchor (a head hash logged elsewhere),
 * including a stream cut short or gone; a line of a log that cannot be read. Notices (not failures): a write's intent with no outcome yet (it may be
 * running, or the process stopped while it ran).
 */

export type FindingKind =
  | 'edited'
  | 'broken_link'
  | 'missing'
  | 'duplicate'
  | 'out_of_order'
  | 'unchained'
  | 'outcome_without_intent'
  | 'anchor_mismatch'
  | 'truncated'
  | 'stream_missing'
  | 'unreadable'
  | 'intent_without_outcome';

export interface Finding {
  readonly kind: FindingKind;
  readonly severity: 'failure' | 'notice';
  readonly stream?: string;
  readonly seq?: number;
  /** Where the record is in its store. */
  readonly at?: string;
  readonly message: string;
}

export interface StreamSummary {
  readonly stream: string;
  readonly records: number;
  readonly firstSeq: number;
  readonly lastSeq: number;
  /** The hash of the stream's last record: anchor it somewhere the store's administrators cannot write. */
  readonly headHash: string;
}

export interface VerifyReport {
  readonly ok: boolean;
  readonly records: number;
  /** Records stored before chaining began (migration 0004): not verifiable, reported as a segment. */
  readonly legacy: number;
  readonly streams: readonly StreamSummary[];
  readonly findings: readonly Finding[];
}

/** Known-good heads, from a log the store's administrators cannot rewrite: stream -> seq -> hash. */
export type Anchors = Map<string, Map<number, { hash: string; at: string }>>;

export interface VerifyInput {
  readonly record: AuditRecord;
  readonly at: string;
  /** A monotonic position in the store (id, line number): a stream's records must be stored in seq order. */
  readonly position: number;
  /** An unchained record from before chaining began: counted, not a failure. */
  readonly legacy?: boolean;
}

interface Seen {
  readonly record: ChainedAuditRecord;
  readonly at: string;
  readonly position: number;
  /** Its contents do not match its hash (reported once, as that). */
  readonly edited: boolean;
}

interface StreamState {
  readonly stream: string;
  records: number;
  firstSeq: number;
  /** The records holding the highest seq accepted so far: more than one while a duplicate is unresolved. */
  last: Seen[];
  /** Seq ranges skipped so far; a record arriving later into one is out of order, the rest are missing. */
  gaps: { from: number; to: number; after: string; before: string }[];
  intents: Map<string, Seen>;
}

export class AuditVerifier {
  readonly #anchors: Anchors;
  readonly #streams = new Map<string, StreamState>();
  readonly #findings: Finding[] = [];
  #records = 0;
  #legacy = 0;

  constructor(anchors: Anchors = new Map()) {
    this.#anchors = anchors;
  }

  add(input: VerifyInput): void {
    this.#records++;
    const { record, at } = input;
    if (!isChained(record)) {
      if (input.legacy) this.#legacy++;
      else
        this.#fail(
          'unchained',
          undefined,
          undefined,
          at,
          'record carries no chain: inserted by hand, or stripped',
        );
      return;
    }
    const { stream, seq } = record;
    if (!(Number.isSafeInteger(seq) && seq >= 1)) {
      this.#fail('edited', stream, undefined, at, `its seq (${String(seq)}) is not a whole number from 1`);
      return;
    }
    let state = this.#streams.get(stream);
    if (!state) {
      state = { stream, records: 0, firstSeq: seq, last: [], gaps: [], intents: new Map() };
      this.#streams.set(stream, state);
    }
    state.records++;
    // An edited record's own fields (its seq, its link) are not to be trusted: its other findings would be noise.
    const edited = auditRecordHash(record) !== record.hash;
    if (edited)
      this.#fail('edited', stream, seq, at, 'its contents do not match its hash: a field was changed');
    const seen: Seen = { record, at, position: input.position, edited };
    const anchor = this.#anchors.get(stream)?.get(seq);
    if (anchor && anchor.hash !== record.hash) {
      this.#fail('anchor_mismatch', stream, seq, at, `its hash differs from the anchor at ${anchor.at}`);
    }
    this.#place(state, seen);
    this.#pairIntent(state, seen);
  }

  /** A place in the store that should hold a record but cannot be read as one (a damaged log line). */
  addUnreadable(at: string, why: string): void {
    this.#fail('unreadable', undefined, undefined, at, `not a readable audit record: ${why}`);
  }

  /** Where a record goes in its stream: next, after a gap, into an earlier gap, or onto a taken seq. */
  #place(state: StreamState, seen: Seen): void {
    const { stream, seq, prevHash } = seen.record;
    const top = state.last[0]?.record.seq ?? 0;
    if (seq === top + 1) {
      this.#follow(state, seen, prevHash);
      state.last = [seen];
      return;
    }
    if (seq > top + 1) {
      const after = state.last.at(-1);
      state.gaps.push({
        from: top + 1,
        to: seq - 1,
        after: after ? `seq ${top} (${after.at})` : 'the start of the stream',
        before: `seq ${seq} (${seen.at})`,
      });
      this.#checkStoredInOrder(state, seen);
      state.last = [seen];
      return;
    }
    if (seq === top) {
      // A second record claims the newest seq: which one is genuine shows when the next record names its hash.
      const first = state.last[0] as Seen;
      if (seen.position < first.position) state.last.unshift(seen);
      else state.last.push(seen);
      return;
    }
    const gap = state.gaps.findIndex((g) => seq >= g.from && seq <= g.to);
    if (gap >= 0) {
      const g = state.gaps[gap] as StreamState['gaps'][number];
      state.gaps.splice(gap, 1, ...splitGap(g, seq));
      this.#fail('out_of_order', stream, seq, seen.at, `stored after seq ${top}: records were moved`);
      return;
    }
    this.#fail('duplicate', stream, seq, seen.at, `seq ${seq} is stored twice: this record was inserted`);
  }

  /** The record after `state.last`: it must name the previous record's hash, and be stored after it. */
  #follow(state: StreamState, seen: Seen, prevHash: string): void {
    const { stream, seq } = seen.record;
    if (state.last.length === 0) {
      if (!seen.edited && prevHash !== GENESIS_HASH) {
        this.#fail(
          'broken_link',
          stream,
          seq,
          seen.at,
          'the first record of the stream does not start a chain',
        );
      }
      return;
    }
    const genuine = seen.edited ? undefined : state.last.find((c) => c.record.hash === prevHash);
    if (state.last.length > 1) {
      // Two records claimed the previous seq: the one this record names is genuine, else the first stored.
      const kept = genuine ?? state.last[0];
      for (const other of state.last) {
        if (other === kept) continue;
        const claimed = other.record.seq;
        this.#fail(
          'duplicate',
          stream,
          claimed,
          other.at,
          `seq ${claimed} is stored twice: this record was inserted`,
        );
      }
    }
    if (seen.edited) return;
    if (!genuine) {
      const before = state.last[0] as Seen;
      this.#fail(
        'broken_link',
        stream,
        seq,
        seen.at,
        `it does not follow seq ${before.record.seq} (${before.at}): that record was replaced, or this one inserted`,
      );
    }
    this.#checkStoredInOrder(state, seen);
  }

  #checkStoredInOrder(state: StreamState, seen: Seen): void {
    const before = state.last[0];
    if (before && !seen.edited && seen.position < before.position) {
      this.#fail(
        'out_of_order',
        state.stream,
        seen.record.seq,
        seen.at,
        `stored before seq ${before.record.seq} (${before.at}): records were moved`,
      );
    }
  }

  #pairIntent(state: StreamState, seen: Seen): void {
    const { callId, phase, stream, seq } = seen.record;
    if (callId === undefined) return;
    if (phase === 'intent') {
      state.intents.set(callId, seen);
      return;
    }
    if (!state.intents.delete(callId)) {
      this.#fail(
        'outcome_without_intent',
        stream,
        seq,
        seen.at,
        `its intent (call ${callId}) is not in the stream`,
      );
    }
  }

  #fail(
    kind: FindingKind,
    stream: string | undefined,
    seq: number | undefined,
    at: string | undefined,
    message: string,
  ) {
    this.#findings.push({
      kind,
      severity: 'failure',
      ...(stream === undefined ? {} : { stream }),
      ...(seq === undefined ? {} : { seq }),
      ...(at === undefined ? {} : { at }),
      message,
    });
  }

  finish(): VerifyReport {
    const streams: StreamSummary[] = [];
    for (const state of this.#streams.values()) {
      const last = state.last[0] as Seen;
      const top = last.record.seq;
      if (state.last.length > 1) {
        for (const other of state.last.slice(1)) {
          this.#fail(
            'duplicate',
            state.stream,
            top,
            other.at,
            `seq ${top} is stored twice: one of them was inserted`,
          );
        }
      }
      for (const g of state.gaps) {
        const range = g.from === g.to ? `seq ${g.from} is` : `seq ${g.from} to ${g.to} are`;
        this.#fail(
          'missing',
          state.stream,
          g.from,
          g.before,
          `${range} missing, between ${g.after} and ${g.before}: deleted, or never stored (see gatehouse_audit_pg_lost_total and the server's log)`,
        );
      }
      const beyond = [...(this.#anchors.get(state.stream) ?? [])].filter(([seq]) => seq > top);
      if (beyond.length > 0) {
        const [anchorSeq, anchor] = beyond.reduce((a, b) => (b[0] > a[0] ? b : a));
        this.#fail(
          'truncated',
          state.stream,
          anchorSeq,
          anchor.at,
          `the stream ends at seq ${top} (${last.at}), but the anchor at ${anchor.at} names seq ${anchorSeq}: its tail was removed`,
        );
      }
      for (const [callId, intent] of state.intents) {
        this.#findings.push({
          kind: 'intent_without_outcome',
          severity: 'notice',
          stream: state.stream,
          seq: intent.record.seq,
          at: intent.at,
          message: `a ${intent.record.access ?? 'write'} of ${intent.record.name} (call ${callId}) was about to run; its outcome is not on record (still running, or the process stopped)`,
        });
      }
      streams.push({
        stream: state.stream,
        records: state.records,
        firstSeq: state.firstSeq,
        lastSeq: top,
        headHash: last.record.hash,
      });
    }
    for (const [stream, anchors] of this.#anchors) {
      if (this.#streams.has(stream)) continue;
      const [seq, anchor] = [...anchors].reduce((a, b) => (b[0] > a[0] ? b : a));
      this.#fail(
        'stream_missing',
        stream,
        seq,
        anchor.at,
        `the anchor at ${anchor.at} names this stream, but none of its records are stored`,
      );
    }
    return {
      ok: this.#findings.every((f) => f.severity !== 'failure'),
      records: this.#records,
      legacy: this.#legacy,
      streams,
      findings: this.#findings,
    };
  }
}

function splitGap(gap: StreamState['gaps'][number], seq: number): StreamState['gaps'] {
  const parts: StreamState['gaps'] = [];
  if (gap.from < seq) parts.push({ ...gap, to: seq - 1 });
  if (seq < gap.to) parts.push({ ...gap, from: seq + 1 });
  return parts;
}

/**
 * The audit record on one line of a pino audit log (`{"level":30,...,"msg":"audit"}`), or undefined for any
 * other line (other log lines, blank lines). Throws on a line that is not JSON.
 */
export function parseAuditLine(line: string): AuditRecord | undefined {
  if (line.trim() === '') return undefined;
  const parsed = JSON.parse(line) as Record<string, unknown>;
  if (parsed.msg !== 'audit') return undefined;
  const { level: _level, msg: _msg, ...record } = parsed;
  return record as unknown as AuditRecord;
}

/**
 * Anchors from log lines: every line with `stream`, `seq` and `hash` (the servers' "audit chain head" lines, or
 * the audit lines of a log file kept elsewhere). Other lines are skipped.
 */
export function addAnchors(anchors: Anchors, line: string, at: string): void {
  if (!line.includes('"hash"')) return;
  let parsed: { stream?: unknown; seq?: unknown; hash?: unknown };
  try {
    parsed = JSON.parse(line);
  } catch {
    return;
  }
  const { stream, seq, hash } = parsed;
  if (typeof stream !== 'string' || typeof seq !== 'number' || typeof hash !== 'string' || seq < 1) return;
  const forStream = anchors.get(stream) ?? new Map();
  anchors.set(stream, forStream);
  forStream.set(seq, { hash, at });
}
