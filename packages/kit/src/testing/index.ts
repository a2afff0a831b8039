// @gatehouse/kit/testing — harnesses every app's tests use: the official SDK client in memory and over real
// HTTP, result helpers, the whole-inventory invariants, the contract snapshot check and the README table check.
// The tests every server shares are declared by describeServerApp (`@gatehouse/kit/testing/app`).

// What an app's test fixtures need besides the harness: a policy from YAML, an audit sink to read back, and the
// settings loader to check the app's own settings schema (apps never import the operator entry).
export { createMemoryAuditSink } from '../audit/sinks.ts';
export { loadConfig } from '../config/load.ts';
export { breakingChanges } from '../contracts/breaking.ts';
export { loadPolicyFile, type Policy, parsePolicy } from '../policy/policy.ts';
export { sampleAuditRecord } from './audit-record.ts';
export {
  CONFORMANCE_REVISIONS,
  type ConformanceReport,
  type ConformanceRevision,
  type ConformanceTarget,
  checkAllRevisions,
  checkConformance,
  MUST_PASS,
  runConformanceSuite,
  startConformanceTarget,
} from './conformance.ts';
export {
  type Baseline,
  type BaselineCause,
  type BaselineEntry,
  type ConformanceCheck,
  compareWithBaseline,
} from './conformance-baseline.ts';
export { checkContracts, UPDATE_CONTRACTS_VARIABLE, updateRequested } from './contracts.ts';
export { type FenceLayout, fenceLayout } from './fences.ts';
export {
  connectHttpClient,
  connectInMemory,
  type HttpHarness,
  type InMemoryConnection,
  startHttp,
  testApiKey,
} from './harness.ts';
export { checkInventory, estimateTokens, TOOL_TOKEN_CAP } from './inventory-check.ts';
export { checkInventoryTable, inventoryTable } from './inventory-table.ts';
export { lineDiff } from './line-diff.ts';
export { type IssuerAlgorithm, startTestIssuer, type TestIssuer } from './oauth-issuer.ts';
export { acceptsConnections, runToExit, type ServerProcess, startServerProcess } from './process.ts';
export {
  approvalIdOf,
  errorCodeOf,
  errorOf,
  type ResultError,
  structuredOf,
  textOf,
} from './results.ts';
