// @gatehouse/kit/operator — for the CLI, operator tools and embedding the kit: approval and audit stores, audit
// verification, policy and settings loading, transports, authenticators, the kit server itself. Never for an app:
// it resolves only under the `gatehouse-operator` condition (tsconfig `customConditions`), so an app that imports
// it fails typecheck. The names here are pinned in entries.pinned.ts.
export type { ApprovalRecord, ApprovalStatus, ApprovalStore } from './approvals/store.ts';
export { createMemoryApprovalStore } from './approvals/store.ts';
export type {
  AuditDecision,
  AuditOutcome,
  AuditRecord,
  AuditSink,
  ChainedAuditRecord,
} from './audit/record.ts';
export {
  type ChainedAuditSink,
  createChainedAuditSink,
  createFanoutAuditSink,
  createMemoryAuditSink,
  createPinoAuditSink,
} from './audit/sinks.ts';
export {
  type Anchors,
  AuditVerifier,
  addAnchors,
  type Finding,
  type FindingKind,
  parseAuditLine,
  type StreamSummary,
  type VerifyInput,
  type VerifyReport,
} from './audit/verify.ts';
export { createBearerAuthenticator } from './auth/bearer.ts';
export { type ClaimMapping, identityFromClaims } from './auth/claims.ts';
export { discoverIssuer, type IssuerMetadata } from './auth/discovery.ts';
export {
  createJwtVerifier,
  type JwtVerifier,
  type JwtVerifierOptions,
} from './auth/jwt-verifier.ts';
export { type AuthOutcome, type AuthRefusal, authRefusal, isAuthRefusal } from './auth/outcome.ts';
export { type ProtectedResource, protectedResource } from './auth/protected-resource.ts';
export { type OAuthResourceServer, oauthFromSettings } from './auth/resource-server.ts';
export {
  type DiscoveredServer,
  discoverServers,
  ServerManifestSchema,
} from './config/discovery.ts';
export { loadConfig } from './config/load.ts';
export { type KitSettings, KitSettingsSchema } from './config/settings.ts';
export { CONTRACT_META_KEY } from './contracts/contract.ts';
export { createMemoryRateLimiter, type RateLimiter, type RateLimitRule } from './limits/rate-limit.ts';
export {
  APPROVAL_META_KEY,
  ERROR_META_KEY,
  TRUNCATED_META_KEY,
  UNTRUSTED_META_KEY,
} from './pipeline/results.ts';
export { type ApprovalMode, authorize, loadPolicyFile, type Policy, parsePolicy } from './policy/policy.ts';
export type { RedactionCounts, Redactor, RedactorOptions } from './redact/index.ts';
export { createRedactor, escapeInvisible, stripInvisible } from './redact/index.ts';
export { buildFromSettings, EXIT, type RunOptions, type ServerApp, settingsPrefix } from './run.ts';
export { createKitServer, DEFAULTS, type KitServer, type KitServerOptions } from './server.ts';
export {
  type AuditCount,
  type AuditCountKey,
  type AuditCountQuery,
  type AuditQuery,
  auditRecordsToVerify,
  countAuditRecords,
  createPostgresApprovalStore,
  createPostgresAuditSink,
  createPostgresRateLimiter,
  migratePostgres,
  type PostgresAuditSink,
  type PostgresAuditSinkOptions,
  pendingMigrations,
  queryAuditRecords,
  type StoredAuditRecord,
} from './stores/postgres/index.ts';
export { type ApiKeyEntry, createApiKeyAuthenticator, hashApiKey } from './transport/api-keys.ts';
export { type HttpTransportOptions, type RunningHttpServer, serveHttp } from './transport/http.ts';
export { serveStdioTransport, stdioIdentity } from './transport/stdio.ts';
