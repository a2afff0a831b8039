import type { Logger } from 'pino';
import type { ApprovalStore } from '../approvals/store.ts';
import type { AuditSink } from '../audit/record.ts';
import type { Inventory } from '../contracts/inventory.ts';
import { grantKey } from '../identity.ts';
import type { RateLimiter, RateLimitRule } from '../limits/rate-limit.ts';
import type { Metrics } from '../metrics.ts';
import { type AuthorizeRequest, authorize, type Decision, type Policy } from '../policy/policy.ts';
import type { Redactor } from '../redact/index.ts';
import { createSignedTokenCodec, type SignedTokenCodec } from '../signed-token.ts';

/** Everything the pipeline needs for one server, assembled once at start by `createGate`. */
export interface GateOptions {
  readonly inventory: Inventory;
  readonly policy: Policy;
  readonly audit: AuditSink;
  readonly redactor: Redactor;
  readonly approvals: ApprovalStore;
  readonly rateLimiter: RateLimiter;
  readonly rateLimit: {
    readonly default: RateLimitRule;
    readonly tools?: Readonly<Record<string, RateLimitRule>>;
  };
  readonly approvalTtlSeconds: number;
  /** The command a person runs to grant an approval, before its id: named in the approval_required answer. */
  readonly approvalCommand: string;
  readonly outputBudgetBytes: number;
  readonly defaultTimeoutMs: number;
  /** HMAC key for cursors and approval state; share it across replicas so any replica accepts them. */
  readonly signingKey: Uint8Array;
  readonly metrics: Metrics;
  readonly logger: Logger;
  /** Whether reads run while the audit sink is unhealthy (writes never do). Default `allow`. */
  readonly auditUnavailableReads?: AuditUnavailableReads;
}

/**
 * What reads do while the audit sink cannot take records. `allow`: they run, and a sink that buffers (PostgreSQL)
 * keeps their records until it is back; `refuse`: they are refused with `audit_unavailable`, like writes.
 */
export type AuditUnavailableReads = 'allow' | 'refuse';

export interface Gate extends GateOptions {
  readonly cursors: SignedTokenCodec;
  readonly approvalState: SignedTokenCodec;
  /** The policy's decision, remembered: a policy never changes once loaded, and this runs twice a call. */
  authorize(request: AuthorizeRequest): Decision;
}

const DECISION_CACHE_SIZE = 10_000;

export function createGate(options: GateOptions): Gate {
  const decisions = new Map<string, Decision>();
  return {
    ...options,
    authorize(request) {
      const { identity } = request;
      const key = [
        grantKey(identity),
        request.kind,
        request.name,
        request.scopes.join(','),
        request.access ?? '',
        request.target ?? '\u0000',
      ].join('\u0001');
      let decision = decisions.get(key);
      if (!decision) {
        decision = authorize(options.policy, request);
        if (decisions.size >= DECISION_CACHE_SIZE) decisions.clear();
        decisions.set(key, decision);
      }
      return decision;
    },
    cursors: createSignedTokenCodec(options.signingKey, 'cursor'),
    approvalState: createSignedTokenCodec(options.signingKey, 'approval'),
  };
}
