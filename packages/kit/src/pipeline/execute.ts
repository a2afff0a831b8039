import type { Access } from '../contracts/define.ts';
import { ErrorCode, ToolError } from '../errors.ts';
import { Deadlines, type Expiring } from '../limits/deadlines.ts';
import type { Gate } from './gate.ts';
import type { Call } from './kinds/call.ts';
import { RunTimeTargets } from './run-time-targets.ts';

/**
 * Step 6: the kind's work with a deadline and cancellation (the signal reaches the upstream; the request ends at
 * the deadline even if the work ignores it), and every target the work finds while running checked through the
 * policy like the declared one. A write runs only while the audit can take its record, and only once the record of
 * its intent is stored.
 */
export async function executeStep(call: Call): Promise<void> {
  const { gate, audit, subject } = call;
  const access = subject?.access ?? 'read';
  ensureAuditable(gate, access);
  // A write runs only once a durable record of its intent is stored (audit-record.ts).
  if (access !== 'read') await audit.writeIntent();
  // Created on the first run-time check only: most work checks nothing beyond its declared target.
  let runTimeTargets: RunTimeTargets | undefined;
  const targets = (): RunTimeTargets => {
    if (!subject) return refuseRunTimeTarget();
    runTimeTargets ??= new RunTimeTargets(
      gate,
      {
        identity: call.context.identity,
        kind: subject.policyKind,
        name: subject.name,
        scopes: subject.scopes,
        access,
      },
      audit,
      call.approved,
    );
    return runTimeTargets;
  };
  audit.outcome = 'error';
  try {
    call.output = await runWithDeadline(
      subject?.timeoutMs ?? gate.defaultTimeoutMs,
      call.context.signal,
      (signal) =>
        call.handler.execute(call, {
          signal,
          authorizeTarget: (target) => targets().authorize(target),
          mayAccess: (target) => (subject ? targets().mayAccess(target) : false),
        }),
    );
  } catch (error) {
    // A refused run-time target is the answer, whatever the work made of the refusal.
    if (runTimeTargets?.refusal) throw runTimeTargets.refusal;
    if (error instanceof ToolError && error.code === ErrorCode.Timeout) audit.outcome = 'timeout';
    throw error;
  }
  if (runTimeTargets?.refusal) throw runTimeTargets.refusal;
}

function refuseRunTimeTarget(): never {
  throw new ToolError(ErrorCode.Forbidden, 'this request has no subject to check run-time targets against');
}

/** A write that cannot be audited does not run; a read follows `auditUnavailableReads`. */
export function ensureAuditable(gate: Gate, access: Access): void {
  if (gate.audit.healthy()) return;
  if (access !== 'read') {
    throw new ToolError(
      ErrorCode.AuditUnavailable,
      'The audit log is unavailable, so writes are refused until it is back.',
    );
  }
  if (gate.auditUnavailableReads === 'refuse') {
    throw new ToolError(
      ErrorCode.AuditUnavailable,
      'The audit log is unavailable, and this server refuses reads until it is back.',
    );
  }
}

/** Every call's deadline, on one timer (limits/deadlines.ts). */
const deadlines = new Deadlines();

/**
 * The deadline: `run` gets a signal that aborts at the deadline or when the client cancels, and the request ends
 * then even if `run` ignores the signal, so no request outlives its timeout. Whichever settles first wins (the
 * deadline over whatever the aborted work throws afterwards); one promise, no race of two.
 */
export function runWithDeadline<T>(
  timeoutMs: number,
  clientSignal: AbortSignal | undefined,
  run: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  return new Promise<T>((resolve, reject) => new DeadlineRun(timeoutMs, clientSignal, run, resolve, reject));
}

/** One call under its deadline: an object with methods rather than a handful of closures (it runs on every call). */
class DeadlineRun<T> implements Expiring {
  readonly dueAt: number;
  readonly #controller = new AbortController();
  readonly #timeoutMs: number;
  readonly #clientSignal: AbortSignal | undefined;
  readonly #resolve: (value: T) => void;
  readonly #reject: (error: unknown) => void;
  #settled = false;

  constructor(
    timeoutMs: number,
    clientSignal: AbortSignal | undefined,
    run: (signal: AbortSignal) => Promise<T>,
    resolve: (value: T) => void,
    reject: (error: unknown) => void,
  ) {
    this.dueAt = performance.now() + timeoutMs;
    this.#timeoutMs = timeoutMs;
    this.#clientSignal = clientSignal;
    this.#resolve = resolve;
    this.#reject = reject;
    if (clientSignal?.aborted) {
      this.#stop(new ToolError(ErrorCode.Cancelled, 'The client cancelled the call.'));
      return;
    }
    deadlines.add(this);
    clientSignal?.addEventListener('abort', this, { once: true });
    let work: Promise<T>;
    try {
      work = run(this.#controller.signal);
    } catch (error) {
      this.#fail(error);
      return;
    }
    work.then(
      (value) => {
        if (this.#settled) return;
        this.#finish();
        this.#resolve(value);
      },
      (error: unknown) => this.#fail(error),
    );
  }

  /** The deadline passed. */
  expire(): void {
    this.#stop(
      new ToolError(ErrorCode.Timeout, `The call did not finish within its ${this.#timeoutMs} ms deadline.`),
    );
  }

  /** The client's signal aborted (an EventListener object: no closure per call). */
  handleEvent(): void {
    this.#stop(new ToolError(ErrorCode.Cancelled, 'The client cancelled the call.'));
  }

  #fail(error: unknown): void {
    if (this.#settled) return;
    this.#finish();
    this.#reject(error);
  }

  #stop(error: ToolError): void {
    if (this.#settled) return;
    this.#finish();
    this.#reject(error);
    this.#controller.abort(error);
  }

  #finish(): void {
    this.#settled = true;
    deadlines.delete(this);
    this.#clientSignal?.removeEventListener('abort', this);
  }
}
