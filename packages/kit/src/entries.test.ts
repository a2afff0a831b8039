import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Every public name is a promise: an author's server (here or in a team's own repository) compiles against it, and
// removing or renaming one breaks them. So each entry's names are pinned here, values and types alike, and a change
// to any entry fails this test until the list below is changed on purpose — in the same commit as the README.
// The author entry stays small (the define* helpers, runServer, errors, the types an author writes against);
// everything else belongs to the operator entry, which apps cannot resolve.
const PINNED: Record<string, readonly string[]> = {
  '.': [
    'Access',
    'Boundary',
    'ConfigError',
    'ErrorCode',
    'HandlerContext',
    'Identity',
    'PromptDefinition',
    'ResourceContext',
    'ResourceDefinition',
    'ResourceListing',
    'ServerDefinition',
    'StartContext',
    'StartedServer',
    'StartupNotice',
    'ToolDefinition',
    'ToolError',
    'boundaryRefusal',
    'breakingChanges',
    'definePrompt',
    'defineResource',
    'defineServer',
    'defineTool',
    'fenceUntrusted',
    'isToolError',
    'runServer',
  ],
  './operator': [
    'APPROVAL_META_KEY',
    'Anchors',
    'ApiKeyEntry',
    'ApprovalMode',
    'ApprovalRecord',
    'ApprovalStatus',
    'ApprovalStore',
    'AuditDecision',
    'AuditOutcome',
    'AuditQuery',
    'AuditRecord',
    'AuditSink',
    'AuditVerifier',
    'AuthOutcome',
    'AuthRefusal',
    'CONTRACT_META_KEY',
    'ChainedAuditRecord',
    'ChainedAuditSink',
    'ClaimMapping',
    'DEFAULTS',
    'DiscoveredServer',
    'ERROR_META_KEY',
    'EXIT',
    'Finding',
    'FindingKind',
    'HttpTransportOptions',
    'JwtVerifier',
    'JwtVerifierOptions',
    'KitServer',
    'KitServerOptions',
    'KitSettings',
    'KitSettingsSchema',
    'OAuthResourceServer',
    'Policy',
    'PostgresAuditSink',
    'PostgresAuditSinkOptions',
    'ProtectedResource',
    'RateLimitRule',
    'RateLimiter',
    'RedactionCounts',
    'Redactor',
    'RedactorOptions',
    'RunOptions',
    'RunningHttpServer',
    'ServerApp',
    'ServerManifestSchema',
    'StoredAuditRecord',
    'StreamSummary',
    'TRUNCATED_META_KEY',
    'UNTRUSTED_META_KEY',
    'VerifyInput',
    'VerifyReport',
    'addAnchors',
    'auditRecordsToVerify',
    'authRefusal',
    'buildFromSettings',
    'createApiKeyAuthenticator',
    'createBearerAuthenticator',
    'createChainedAuditSink',
    'createFanoutAuditSink',
    'createJwtVerifier',
    'createKitServer',
    'createMemoryApprovalStore',
    'createMemoryAuditSink',
    'createMemoryRateLimiter',
    'createPinoAuditSink',
    'createPostgresApprovalStore',
    'createPostgresAuditSink',
    'createPostgresRateLimiter',
    'createRedactor',
    'discoverServers',
    'escapeInvisible',
    'hashApiKey',
    'identityFromClaims',
    'isAuthRefusal',
    'loadConfig',
    'loadPolicyFile',
    'migratePostgres',
    'oauthFromSettings',
    'parseAuditLine',
    'parsePolicy',
    'pendingMigrations',
    'protectedResource',
    'queryAuditRecords',
    'serveHttp',
    'serveStdioTransport',
    'settingsPrefix',
    'stdioIdentity',
    'stripInvisible',
  ],
  './testing': [
    'Baseline',
    'BaselineCause',
    'BaselineEntry',
    'CONFORMANCE_REVISIONS',
    'ConformanceCheck',
    'ConformanceReport',
    'ConformanceRevision',
    'ConformanceTarget',
    'FenceLayout',
    'HttpHarness',
    'InMemoryConnection',
    'IssuerAlgorithm',
    'MUST_PASS',
    'Policy',
    'ResultError',
    'ServerProcess',
    'TOOL_TOKEN_CAP',
    'TestIssuer',
    'UPDATE_CONTRACTS_VARIABLE',
    'acceptsConnections',
    'approvalIdOf',
    'breakingChanges',
    'checkAllRevisions',
    'checkConformance',
    'checkContracts',
    'checkInventory',
    'checkInventoryTable',
    'compareWithBaseline',
    'connectHttpClient',
    'connectInMemory',
    'createMemoryAuditSink',
    'errorCodeOf',
    'errorOf',
    'estimateTokens',
    'fenceLayout',
    'inventoryTable',
    'lineDiff',
    'loadConfig',
    'loadPolicyFile',
    'parsePolicy',
    'runConformanceSuite',
    'runToExit',
    'sampleAuditRecord',
    'startConformanceTarget',
    'startHttp',
    'startServerProcess',
    'startTestIssuer',
    'structuredOf',
    'testApiKey',
    'textOf',
    'updateRequested',
  ],
  './testing/app': ['ServerAppTestOptions', 'describeServerApp'],
  './testing/conformance': ['ConformanceEndpoint', 'describeConformance'],
  './testing/tokens': [
    'CostTableCheck',
    'ServerCost',
    'TOKENS_SECTION_END',
    'TOKEN_AIMS',
    'TokenCostOptions',
    'ToolCost',
    'UPDATE_TOKENS_VARIABLE',
    'checkCostTable',
    'costProblems',
    'costReport',
    'costTable',
    'countTokens',
    'describeTokenCosts',
    'measureServer',
    'median',
    'toolCost',
  ],
};

const KIT = join(dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(readFileSync(join(KIT, 'package.json'), 'utf8')) as {
  name: string;
  exports: Record<string, string | Record<string, string | null>>;
};

/** The source file an entry resolves to at run time (the `default` target of a conditional export). */
function entryFile(target: string | Record<string, string | null>): string {
  const file = typeof target === 'string' ? target : target.default;
  if (!file) throw new Error(`export target without a default: ${JSON.stringify(target)}`);
  return join(KIT, file);
}

/** Names an entry file exports, values and types, read from its `export … from` lines (biome keeps them one form). */
function declaredNames(file: string): { all: string[]; types: Set<string> } {
  const source = readFileSync(file, 'utf8');
  const all: string[] = [];
  const types = new Set<string>();
  // `export * from` re-exports every name of that file (read the same way).
  for (const [, target] of source.matchAll(/^export\s+\*\s+from\s+'([^']+)'/gm)) {
    const inner = declaredNames(join(dirname(file), target as string));
    all.push(...inner.all);
    for (const name of inner.types) types.add(name);
  }
  for (const match of source.matchAll(
    /^export\s+(type\s+)?(?:\{([^}]*)\}\s+from|(?:async\s+)?(function|interface|const|class|type)\s+(\w+))/gm,
  )) {
    const [, typeOnly, list, kind, single] = match;
    if (single) {
      all.push(single);
      if (kind === 'interface' || kind === 'type') types.add(single);
      continue;
    }
    for (const item of (list ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)) {
      const isType = Boolean(typeOnly) || item.startsWith('type ');
      const name = item
        .replace(/^type\s+/, '')
        .split(/\s+as\s+/)
        .pop()!
        .trim();
      all.push(name);
      if (isType) types.add(name);
    }
  }
  return { all: [...new Set(all)].sort(), types };
}

function drift(entry: string, actual: readonly string[]): string {
  const pinned = new Set(PINNED[entry]);
  const now = new Set(actual);
  const added = actual.filter((n) => !pinned.has(n));
  const removed = [...pinned].filter((n) => !now.has(n));
  const label = entry === '.' ? manifest.name : `${manifest.name}${entry.slice(1)}`;
  return [
    `${label} exports changed:`,
    ...added.map((n) => `  + ${n} (new public name)`),
    ...removed.map((n) => `  - ${n} (removed: breaks every server that imports it)`),
    `If this is deliberate, update PINNED['${entry}'] in packages/kit/src/entries.test.ts and the kit README.`,
  ].join('\n');
}

describe('public entries', () => {
  it('has a pinned name list for every entry in package.json, and no list for an entry that is gone', () => {
    expect(Object.keys(manifest.exports).sort()).toEqual(Object.keys(PINNED).sort());
  });

  for (const entry of Object.keys(PINNED)) {
    it(`${entry} exports exactly its pinned names`, async () => {
      const file = entryFile(manifest.exports[entry]!);
      const { all, types } = declaredNames(file);
      if (all.join() !== [...PINNED[entry]!].sort().join()) expect.fail(drift(entry, all));
      // The parsed list must agree with what the module really exports at run time (nothing re-exported by `*`).
      const runtime = Object.keys(await import(file)).sort();
      expect(runtime).toEqual(all.filter((n) => !types.has(n) || runtime.includes(n)));
    });
  }

  it('keeps the author entry small', () => {
    expect(PINNED['.']!.length).toBeLessThanOrEqual(25);
  });
});
