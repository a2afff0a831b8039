// @gatehouse/kit — the one public face of the kit. Apps import from here and never from the SDK directly.
export type { ApprovalRecord, ApprovalStatus, ApprovalStore } from './approvals/store.ts';
export { createMemoryApprovalStore } from './approvals/store.ts';
export { AuditChain, auditRecordHash, type ChainHead, GENESIS_HASH } from './audit/chain.ts';
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
export { discoverJwksUrl } from './auth/discovery.ts';
export {
  ASYMMETRIC_ALGORITHMS,
  createJwtVerifier,
  DEFAULT_ALGORITHMS,
  type JwtVerifier,
  type JwtVerifierOptions,
} from './auth/jwt-verifier.ts';
export { type AuthOutcome, type AuthRefusal, authRefusal, isAuthRefusal } from './auth/outcome.ts';
export { type ProtectedResource, protectedResource } from './auth/protected-resource.ts';
export { type OAuthResourceServer, oauthFromSettings } from './auth/resource-server.ts';
export {
  type DiscoveredServer,
  discoverServers,
  findServerManifest,
  readServerManifest,
  ServerManifestSchema,
} from './config/discovery.ts';
export { loadConfig } from './config/load.ts';
export { type KitSettings, KitSettingsSchema } from './config/settings.ts';
export { breakingChanges } from './contracts/breaking.ts';
export { CONTRACT_META_KEY } from './contracts/contract.ts';
export type {
  Access,
  HandlerContext,
  PromptDefinition,
  PromptMessage,
  ReadContext,
  ResourceContent,
  ResourceContext,
  ResourceDefinition,
  ResourceListing,
  RunTimeTargetChecks,
  ServerDefinition,
  ToolDefinition,
} from './contracts/define.ts';
export { definePrompt, defineResource, defineServer, defineTool } from './contracts/define.ts';
export { digest } from './digest.ts';
export { ConfigError, ErrorCode, isToolError, ToolError } from './errors.ts';
export type { Identity } from './identity.ts';
export type { RateLimiter, RateLimitRule } from './limits/rate-limit.ts';
export { createMemoryRateLimiter } from './limits/rate-limit.ts';
export {
  APPROVAL_META_KEY,
  ERROR_META_KEY,
  TRUNCATED_META_KEY,
  UNTRUSTED_META_KEY,
} from './pipeline/results.ts';
export { type Boundary, boundaryRefusal } from './policy/boundaries.ts';
export type { ApprovalMode, Policy } from './policy/policy.ts';
export { loadPolicyFile, parsePolicy } from './policy/policy.ts';
export type { RedactionCounts, Redactor, RedactorOptions } from './redact/index.ts';
export { createRedactor, escapeInvisible, stripInvisible } from './redact/index.ts';
export {
  buildFromSettings,
  EXIT,
  type RunOptions,
  runServer,
  type ServerApp,
  type StartContext,
  type StartedServer,
  type StartupNotice,
  settingsPrefix,
} from './run.ts';
export { createKitServer, DEFAULTS, type KitServer, type KitServerOptions } from './server.ts';
export { fenceUntrusted } from './shape/fence.ts';
export {
  type AuditQuery,
  auditRecordsToVerify,
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
