import { randomBytes } from 'node:crypto';
import { type Logger, pino } from 'pino';
import { type ApprovalStore, createMemoryApprovalStore } from './approvals/store.ts';
import type { AuditSink } from './audit/record.ts';
import { createChainedAuditSink, createPinoAuditSink } from './audit/sinks.ts';
import type { ServerDefinition } from './contracts/define.ts';
import { buildInventory } from './contracts/inventory.ts';
import { createMemoryRateLimiter, type RateLimiter, type RateLimitRule } from './limits/rate-limit.ts';
import { createMetrics } from './metrics.ts';
import { type AuditUnavailableReads, createGate, type Gate } from './pipeline/gate.ts';
import type { Boundary } from './policy/boundaries.ts';
import { type Policy, withBoundaries } from './policy/policy.ts';
import { createRedactor, type RedactorOptions } from './redact/index.ts';

export interface KitServerOptions {
  readonly policy: Policy;
  /** The server's own boundaries from its config (a repository allowlist), intersected with every role. */
  readonly boundaries?: readonly Boundary[];
  /** Default: JSON lines on stderr (stdout belongs to the stdio transport). */
  readonly audit?: AuditSink;
  readonly redaction?: RedactorOptions;
  readonly approvals?: ApprovalStore;
  readonly rateLimiter?: RateLimiter;
  readonly rateLimit?: {
    readonly default?: RateLimitRule;
    readonly tools?: Readonly<Record<string, RateLimitRule>>;
  };
  readonly approvalTtlSeconds?: number;
  /** The command a person runs to grant an approval, before its id; named in the approval_required answer. */
  readonly approvalCommand?: string;
  readonly outputBudgetBytes?: number;
  readonly defaultTimeoutMs?: number;
  /** At least 32 bytes; replicas must share it. Default: random per process. */
  readonly signingKey?: Uint8Array;
  readonly logger?: Logger;
  /** Whether reads run while the audit sink is unhealthy (writes never do); default `allow`. */
  readonly auditUnavailableReads?: AuditUnavailableReads;
}

/** A server definition made runnable: its pipeline (the gate). */
export interface KitServer {
  readonly gate: Gate;
  close(): Promise<void>;
}

export const DEFAULTS = {
  rateLimit: { capacity: 120, refillPerSecond: 2 },
  approvalTtlSeconds: 15 * 60,
  approvalCommand: 'gatehouse approvals grant',
  outputBudgetBytes: 24 * 1024,
  defaultTimeoutMs: 30_000,
} as const;

export function createKitServer(definition: ServerDefinition, options: KitServerOptions): KitServer {
  const logger = options.logger ?? pino({ name: definition.name }, pino.destination(2));
  // One hash chain per process over whatever sink was given (audit-chain.ts).
  const audit = createChainedAuditSink(options.audit ?? createPinoAuditSink({ destination: 2 }), {
    server: definition.name,
    logger,
  });
  const inventory = buildInventory(definition);
  const gate = createGate({
    inventory,
    policy: withBoundaries(options.policy, options.boundaries),
    audit,
    redactor: createRedactor(options.redaction),
    approvals: options.approvals ?? createMemoryApprovalStore(),
    rateLimiter: options.rateLimiter ?? createMemoryRateLimiter(),
    rateLimit: {
      default: options.rateLimit?.default ?? DEFAULTS.rateLimit,
      ...(options.rateLimit?.tools ? { tools: options.rateLimit.tools } : {}),
    },
    approvalTtlSeconds: options.approvalTtlSeconds ?? DEFAULTS.approvalTtlSeconds,
    approvalCommand: options.approvalCommand ?? DEFAULTS.approvalCommand,
    outputBudgetBytes: options.outputBudgetBytes ?? DEFAULTS.outputBudgetBytes,
    defaultTimeoutMs: options.defaultTimeoutMs ?? DEFAULTS.defaultTimeoutMs,
    signingKey: options.signingKey ?? randomBytes(32),
    metrics: createMetrics(inventory, audit.metrics ? { extra: () => audit.metrics?.() ?? '' } : {}),
    logger,
    auditUnavailableReads: options.auditUnavailableReads ?? 'allow',
  });
  return {
    gate,
    close: () => audit.close(),
  };
}
