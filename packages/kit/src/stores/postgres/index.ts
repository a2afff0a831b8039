// Shared state in PostgreSQL for several replicas: the audit log, approvals and rate-limit buckets.
export { createPostgresApprovalStore } from './approval-store.ts';
export { auditRecordsToVerify } from './audit-chain-read.ts';
export {
  type AuditCount,
  type AuditCountKey,
  type AuditCountQuery,
  countAuditRecords,
} from './audit-counts.ts';
export { type AuditQuery, queryAuditRecords, type StoredAuditRecord } from './audit-query.ts';
export {
  createPostgresAuditSink,
  type PostgresAuditSink,
  type PostgresAuditSinkOptions,
  type PostgresAuditStats,
} from './audit-sink.ts';
export { MIGRATIONS, type Migration, migratePostgres, pendingMigrations } from './migrations.ts';
export { createPostgresRateLimiter, type PostgresRateLimiterOptions } from './rate-limiter.ts';
