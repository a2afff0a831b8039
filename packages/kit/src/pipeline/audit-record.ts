import { randomUUID } from 'node:crypto';
import type { ApprovalRecord } from '../approvals/store.ts';
import type { AuditDecision, AuditOutcome, AuditRecord } from '../audit/record.ts';
import { AUDIT_TEXT_BOUNDS, auditTargets, auditText, safeAuditRecord } from '../audit/text.ts';
import type { Access } from '../contracts/define.ts';
import { ErrorCode, ToolError } from '../errors.ts';
import type { Identity } from '../identity.ts';
import type { RedactionCounts } from '../redact/index.ts';
import type { Gate } from './gate.ts';

/**
 * Targets redacted for the record, remembered per gate: a server's calls name the same few targets over and over,
 * and this runs on every call. Bounded; cleared when full.
 */
const redactedTargets = new WeakMap<Gate, Map<string, string>>();
const REDACTED_TARGETS_MAX = 2_000;

function redactedTarget(gate: Gate, target: string): string {
  let cache = redactedTargets.get(gate);
  if (!cache) {
    cache = new Map();
    redactedTargets.set(gate, cache);
  }
  let redacted = cache.get(target);
  if (redacted === undefined) {
    redacted = gate.redactor.redactText(target, {});
    if (cache.size >= REDACTED_TARGETS_MAX) cache.clear();
    cache.set(target, redacted);
  }
  return redacted;
}

/** The time as ISO 8601, remembered for the millisecond it names: a busy server builds many records per millisecond. */
let lastMs = 0;
let lastIso = '';
function isoNow(): string {
  const now = Date.now();
  if (now !== lastMs) {
    lastMs = now;
    lastIso = new Date(now).toISOString();
  }
  return lastIso;
}

/**
 * The audit record of one call, filled in as the call passes each step and written once at the end; a write
 * also writes its intent before it runs (`writeIntent`). Every caller-controlled string is made safe and bounded
 * where the record is built (audit-text.ts), before it reaches the record, the metrics or a log line.
 */
export class AuditDraft {
  readonly #gate: Gate;
  readonly #started = performance.now();
  readonly #time = isoNow();
  readonly #identity: Identity;
  /** What was asked: a tool, resource or prompt, a list, a completion, ping, or a request refused before any. */
  kind: AuditRecord['kind'];
  #name: string;
  version = '';
  access: Access | undefined;
  target: string | undefined;
  /** Targets the handler checked while running, in order (the tool's own target is `target`). */
  readonly runTimeTargets: string[] = [];
  /** The run-time target whose refusal ended the call. */
  refusedTarget: string | undefined;
  decision: AuditDecision = 'denied';
  outcome: AuditOutcome = 'not_run';
  code: string | undefined;
  inputDigest: string | undefined;
  redactions: RedactionCounts = {};
  outputBytes = 0;
  approvalId: string | undefined;
  /** The approval that decided this call, once a person decided it: who, and through which channel. */
  decidedApproval: Pick<ApprovalRecord, 'decidedBy' | 'decidedVia'> | undefined;
  /** Set once the intent record is stored: the final record references it, and may no longer fail the call. */
  #callId: string | undefined;

  constructor(gate: Gate, identity: Identity, kind: AuditRecord['kind'], name: string) {
    this.#gate = gate;
    this.#identity = identity;
    this.kind = kind;
    this.#name = auditText(name, AUDIT_TEXT_BOUNDS.name);
  }

  /**
   * The name asked for (the tool, resource or prompt; the method for lists and ping); set once resolved. It may be
   * the caller's own text (an unknown tool, a URI), so it is kept made safe and bounded: whoever reads it (the
   * record, the metrics, a log line) gets the safe form.
   */
  get name(): string {
    return this.#name;
  }

  set name(value: string) {
    this.#name = auditText(value, AUDIT_TEXT_BOUNDS.name);
  }

  /** The record as it stands, every string in it made safe and bounded. */
  #record(durationMs: number): AuditRecord {
    const redactTarget = (value: string) => redactedTarget(this.#gate, value);
    const decisive = this.refusedTarget ?? this.target;
    const target = decisive === undefined ? undefined : redactTarget(decisive);
    const targets =
      this.runTimeTargets.length === 0
        ? undefined
        : auditTargets(
            [...new Set([...(this.target === undefined ? [] : [this.target]), ...this.runTimeTargets])].map(
              redactTarget,
            ),
          );
    const client = this.#identity.client;
    const half = AUDIT_TEXT_BOUNDS.name / 2;
    // Built field by field rather than with conditional spreads: this runs on every request.
    const record: { -readonly [K in keyof AuditRecord]: AuditRecord[K] } = {
      time: this.#time,
      actor: this.#identity.actor,
      via: this.#identity.via,
      server: this.#gate.inventory.server.name,
      kind: this.kind,
      name: this.name,
      version: this.version,
      decision: this.decision,
      outcome: this.outcome,
      durationMs: Math.round(durationMs * 1000) / 1000,
      redactions: this.redactions,
      outputBytes: this.outputBytes,
    };
    if (client)
      record.client = `${auditText(client.name, half)}/${auditText(client.version ?? '?', half - 1)}`;
    if (this.access) record.access = this.access;
    if (target !== undefined) record.target = target;
    if (targets !== undefined) record.targets = targets;
    if (this.code) record.code = this.code;
    if (this.inputDigest) record.inputDigest = this.inputDigest;
    if (this.approvalId) record.approvalId = this.approvalId;
    if (this.decidedApproval?.decidedBy) record.approver = this.decidedApproval.decidedBy;
    if (this.decidedApproval?.decidedVia) record.approvalChannel = this.decidedApproval.decidedVia;
    if (this.#callId) record.callId = this.#callId;
    return safeAuditRecord(record);
  }

  /**
   * For a call that changes something (access `write` or `destructive`; nothing for a read), just before its
   * handler runs: stores a record of the intent and resolves once the sink holds it durably. If it cannot, the
   * call must not run: this throws `audit_unavailable`. The final record then carries the intent's `callId`.
   */
  async writeIntent(): Promise<void> {
    if (this.access !== 'write' && this.access !== 'destructive') return;
    const callId = randomUUID();
    const intent: AuditRecord = {
      ...this.#record(performance.now() - this.#started),
      phase: 'intent',
      callId,
    };
    try {
      await this.#gate.audit.write(intent);
    } catch (error) {
      throw new ToolError(
        ErrorCode.AuditUnavailable,
        'The audit log could not record this write before it ran, so it did not run.',
        { cause: error },
      );
    }
    this.#callId = callId;
  }

  /**
   * Writes the record and counts the call in the metrics. Rejects when the audit sink cannot take it, except
   * after a stored intent: the write has run, so the caller gets its real result whatever happens to this record
   * (a buffering sink keeps it and retries; the failure is logged here and counted by the sink).
   */
  async write(): Promise<void> {
    const durationMs = performance.now() - this.#started;
    const record = this.#record(durationMs);
    const refused =
      this.decision === 'denied' || this.decision === 'approval_required' || this.decision === 'rejected';
    this.#gate.metrics.observe(
      this.kind,
      this.#name,
      refused ? 'denied' : this.outcome === 'ok' ? 'ok' : 'error',
      durationMs,
    );
    if (this.#callId === undefined) return this.#gate.audit.write(record);
    await this.#gate.audit
      .write(record)
      .catch((error: unknown) =>
        this.#gate.logger.error(
          { err: error, callId: this.#callId, name: this.#name, outcome: this.outcome },
          'the outcome of a write that ran could not be recorded; its intent is on record',
        ),
      );
  }
}

/**
 * The audit record of a request refused before it reached a tool, resource or prompt (bad credentials, a
 * foreign Host, a message that is not JSON-RPC). A failure to write it is logged, never thrown: the refusal
 * stands either way. `as` records a request answered before any tool that was not refused (a protocol probe, an
 * internal error) with its own decision and outcome instead of `denied`.
 */
export async function auditRefusal(
  gate: Gate,
  identity: Identity,
  name: string,
  code: string,
  as?: { readonly decision: AuditDecision; readonly outcome: AuditOutcome },
): Promise<void> {
  const audit = new AuditDraft(gate, identity, 'request', name);
  audit.code = code;
  if (as) {
    audit.decision = as.decision;
    audit.outcome = as.outcome;
  }
  await audit
    .write()
    .catch((error: unknown) => gate.logger.error({ err: error }, 'audit record could not be written'));
}
