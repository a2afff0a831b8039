import { createRequire } from 'node:module';
import { connectInMemory, createMemoryAuditSink, estimateTokens } from '@gatehouse/kit/testing';
import { describe, expect, it } from 'vitest';
import { InternalApiSettingsSchema } from '../src/config.ts';
import { loadSpec } from '../src/openapi/load.ts';
import { listOperations } from '../src/openapi/operations.ts';
import { internalApiServer } from '../src/server.ts';
import { loadServices } from '../src/services.ts';
import { policy } from './demo-harness.ts';
import { GITHUB_TWENTY } from './github-allowlist.ts';

// GitHub's published description (@octokit/openapi, 1,223 operations): the largest document a team is likely to
// point this server at. Every tool it generates must be one the official SDK client accepts; every operation it
// cannot serve is reported with a reason. Nothing here calls GitHub: the tools are listed, not called.
const SPEC = createRequire(import.meta.url).resolve('@octokit/openapi/generated/api.github.com.json');
const identity = { actor: 'app-test', roles: ['reader', 'writer'], scopes: [], via: 'stdio' as const };

async function serve(services: unknown[]) {
  const loaded = await loadServices(InternalApiSettingsSchema.parse({ services }));
  const connection = await connectInMemory(internalApiServer(loaded), {
    policy,
    identity,
    audit: createMemoryAuditSink(),
    boundaries: loaded.boundaries,
  });
  return { loaded, connection };
}

/** Every tool the client is given, page by page; the SDK client validates each page as it arrives. */
async function listAll(client: Awaited<ReturnType<typeof serve>>['connection']['client']) {
  const tools: { name: string }[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.listTools(cursor ? { cursor } : {});
    tools.push(...page.tools);
    cursor = page.nextCursor;
  } while (cursor);
  return tools;
}

describe("GitHub's description", () => {
  it('with an allowlist of 20 operations: 20 valid tools, each listed by the official SDK client', async () => {
    const { loaded, connection } = await serve([
      { name: 'github', spec: SPEC, baseUrl: 'https://api.github.com', ...GITHUB_TWENTY },
    ]);
    try {
      expect(loaded.notices).toEqual([]);
      const tools = await listAll(connection.client);
      expect(tools).toHaveLength(20);
      const tokens = tools.map((t) => estimateTokens(t));
      const average = tokens.reduce((a, b) => a + b, 0) / tools.length;
      expect(Math.max(...tokens)).toBeLessThanOrEqual(400);
      // The aim is 150 tokens a tool (bench/internal-api counts them with o200k: about 130 as listed, _meta and
      // annotations included, the inputs many tools share described once in the instructions). This bound, at 4
      // characters a token, catches a regression.
      expect(average).toBeLessThanOrEqual(160);
    } finally {
      await connection.close();
    }
  });

  it('with every operation allowed: no invalid tool, and every operation left out is reported with its reason', async () => {
    const spec = await loadSpec(SPEC, { maxBytes: 64 * 1024 * 1024, timeoutMs: 1000 });
    const total = listOperations(spec).length;
    expect(total).toBeGreaterThan(1000);
    const { loaded, connection } = await serve([
      { name: 'github', spec: SPEC, baseUrl: 'https://api.github.com', allow: ['* /**'] },
    ]);
    try {
      const served = loaded.services[0]?.operations.length ?? 0;
      const reported = loaded.notices.filter((n) => n.includes(' is not served: '));
      expect(served + reported.length).toBe(total);
      expect(served).toBeGreaterThan(total * 0.8);
      const tools = await listAll(connection.client);
      expect(tools).toHaveLength(served);
      expect(new Set(tools.map((t) => t.name)).size).toBe(served);
      for (const notice of reported) expect(notice).toMatch(/is not served: \S/);
    } finally {
      await connection.close();
    }
  }, 120_000);
});
