import type { Logger } from 'pino';
import type { ApprovalStore } from '../approvals.ts';
import type { AuditSink } from '../audit.ts';
import type { Inventory } from '../inventory.ts';
import type { Metrics } from '../metrics.ts';
import type { Policy } from '../policy.ts';
import type { RateLimiter, RateLimitRule } from '../rate-limit.ts';
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
  readonly outputBudgetBytes: number;
  readonly defaultTimeoutMs: number;
  /** HMAC key for cursors and approval state; share it across replicas so any replica accepts them. */
  readonly signingKey: Uint8Array;
  readonly metrics: Metrics;
  readonly logger: Logger;
}

export interface Gate extends GateOptions {
  readonly cursors: SignedTokenCodec;
  readonly approvalState: SignedTokenCodec;
}

export function createGate(options: GateOptions): Gate {
  return {
    ...options,
    cursors: createSignedTokenCodec(options.signingKey, 'cursor'),
    approvalState: createSignedTokenCodec(options.signingKey, 'approval'),
  };
}
