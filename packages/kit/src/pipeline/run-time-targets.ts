import type { RunTimeTargetChecks } from '../contracts/define.ts';
import { ErrorCode, ToolError } from '../errors.ts';
import type { AuthorizeRequest, Decision } from '../policy/policy.ts';
import type { AuditDraft } from './audit-record.ts';
import type { Gate } from './gate.ts';

/**
 * The targets a handler checks while it runs (`ctx.authorizeTarget`): what is known only once the input is
 * parsed, such as the tables a SQL statement reads. Each goes through the same memoized policy decision as the
 * pipeline's own target step. The first refusal is kept: it ends the call even if the handler catches it.
 * Tool calls, resource reads and prompt gets all check through this one class.
 */
export class RunTimeTargets {
  readonly #gate: Gate;
  readonly #request: Omit<AuthorizeRequest, 'target'>;
  readonly #audit: AuditDraft;
  /** Whether a person approved this call: its approval covers the targets its input leads to. */
  readonly #approved: boolean;
  #refusal: ToolError | undefined;

  constructor(gate: Gate, request: Omit<AuthorizeRequest, 'target'>, audit: AuditDraft, approved: boolean) {
    this.#gate = gate;
    this.#request = request;
    this.#audit = audit;
    this.#approved = approved;
  }

  /** The refusal that ended the call, if a check refused. */
  get refusal(): ToolError | undefined {
    return this.#refusal;
  }

  authorize(target: string): void {
    if (this.#refusal) throw this.#refusal;
    if (!this.#audit.runTimeTargets.includes(target)) this.#audit.runTimeTargets.push(target);
    const reason = this.#refusalReason(this.#gate.authorize({ ...this.#request, target }), target);
    if (reason === undefined) return;
    this.#refusal = new ToolError(ErrorCode.Forbidden, reason);
    this.#audit.refusedTarget = target;
    this.#audit.decision = 'denied';
    throw this.#refusal;
  }

  /** The two checks as a handler, resource reader or prompt renderer receives them. */
  get checks(): RunTimeTargetChecks {
    return {
      authorizeTarget: (target) => this.authorize(target),
      mayAccess: (target) => this.mayAccess(target),
    };
  }

  /** Awaits the handler's work: a refused target is the answer, whatever the handler made of the refusal. */
  async settle<T>(work: Promise<T>): Promise<T> {
    let result: T;
    try {
      result = await work;
    } catch (error) {
      throw this.#refusal ?? error;
    }
    if (this.#refusal) throw this.#refusal;
    return result;
  }

  mayAccess(target: string): boolean {
    return this.#refusalReason(this.#gate.authorize({ ...this.#request, target }), target) === undefined;
  }

  #refusalReason(decision: Decision, target: string): string | undefined {
    if (!decision.allowed) return decision.reason;
    // A target that only roles requiring approval allow was never put before a person for this call.
    if (decision.approvalRequired && !this.#approved) {
      return `target ${target} needs a person's approval for ${this.#request.kind} ${this.#request.name}, and this call was not approved`;
    }
    return undefined;
  }
}
