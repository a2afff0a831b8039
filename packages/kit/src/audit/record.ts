import type { DecisionChannel } from '../approvals/store.ts';
import type { Access } from '../contracts/define.ts';

export type AuditDecision = 'allowed' | 'denied' | 'approval_required' | 'approved' | 'rejected';
export type AuditOutcome = 'ok' | 'error' | 'timeout' | 'not_run';

/** One record for every call, allowed or not. Raw inputs are never recorded: their digest is. */
export interface AuditRecord {
  readonly time: string;
  readonly actor: string;
  readonly via: string;
  readonly client?: string;
  readonly server: string;
  /**
   * `tool`, `resource`, `prompt`, `list` (tools/list and the other list methods), `completion`, `ping`, or
   * `request` for a refusal before any of them (bad key, bad Host, unknown method).
   */
  readonly kind: 'tool' | 'resource' | 'prompt' | 'list' | 'completion' | 'ping' | 'request';
  readonly name: string;
  readonly version: string;
  readonly access?: Access;
  /** The target after redaction: the tool's own, or the one refused when a check while running refused it. */
  readonly target?: string;
  /**
   * Present when the handler checked further targets while running (`ctx.authorizeTarget`): every target
   * checked for the call, the tool's own first, in order, each once; a refused one is the last.
   */
  readonly targets?: readonly string[];
  readonly decision: AuditDecision;
  readonly outcome: AuditOutcome;
  /** Stable error code when the call was refused or failed. */
  readonly code?: string;
  readonly durationMs: number;
  readonly inputDigest?: string;
  readonly redactions: Readonly<Record<string, number>>;
  readonly outputBytes: number;
  readonly approvalId?: string;
  /** Who approved or rejected the call (an approval's `decidedBy`), when a person decided it. */
  readonly approver?: string;
  /** Through which channel that person decided: `cli`, `console`, or `elicitation` (the calling client's user). */
  readonly approvalChannel?: DecisionChannel;
  /**
   * `intent` on the record stored (durably) before a write or destructive handler runs; absent on every other
   * record. The call's final record carries the same `callId`, so every intent has its outcome beside it.
   */
  readonly phase?: 'intent';
  /** Set on a write's intent record and on that call's final record (which then references the intent). */
  readonly callId?: string;
  /**
   * Tamper evidence (see audit-chain.ts): the record's place in its stream (one audit chain per server process),
   * the hash of the stream's previous record, and this record's own hash. Set when the record is stored.
   */
  readonly stream?: string;
  readonly seq?: number;
  readonly prevHash?: string;
  readonly hash?: string;
}

/** A record with its place in a chain: what every built-in sink stores. */
export type ChainedAuditRecord = AuditRecord & {
  readonly stream: string;
  readonly seq: number;
  readonly prevHash: string;
  readonly hash: string;
};

/**
 * Where audit records go. `write` resolves once the record is durable enough for this sink: for an intent record
 * (`phase: 'intent'`), durable before the write it announces runs (PostgreSQL: committed; a file: handed to the
 * kernel). It rejects when the sink cannot take the record, and the pipeline then does not run the write (fail
 * closed). Sinks keep the order records are written in (their chain depends on it).
 */
export interface AuditSink {
  write(record: AuditRecord): Promise<void>;
  /** Whether the sink can take records right now (readiness). */
  healthy(): boolean;
  close(): Promise<void>;
  /** Prometheus text for the sink's own state (records buffered, lost), appended to /metrics. */
  metrics?(): string;
}
