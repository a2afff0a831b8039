import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { createMemoryAuditSink } from '../audit/sinks.ts';
import type { ServerDefinition } from '../contracts/define.ts';
import { type Policy, PolicySchema } from '../policy/policy.ts';
import { connectInMemory } from './harness.ts';
import { checkCostTable, costProblems, costReport, measureServer } from './tokens.ts';

// `@gatehouse/kit/testing/tokens`: the token-cost test a server declares in one call, and the counting it uses.
export * from './tokens.ts';

export interface TokenCostOptions {
  /** The README holding the per-tool token table (the repository's root README). */
  readonly readme: URL;
  /** Per-test timeout; a server that needs its upstream started (a database) may need more than the default. */
  readonly timeoutMs?: number;
}

/**
 * Declares the test that lists everything `open()`'s server offers through the official SDK client, prints the
 * tokens each tool costs (o200k_base), fails past any aim (TOKEN_AIMS), and fails when the README's table for
 * this server says otherwise (`pnpm tokens` rewrites it; a server with no table yet gets one). `open` builds the server as its embedded default
 * would run it, so `resources/list` is measured with real listings (`close` stops what it started).
 */
export function describeTokenCosts(
  open: () => Promise<{ definition: ServerDefinition; close?: () => Promise<void> }>,
  options: TokenCostOptions,
): void {
  it(
    'costs few tokens per tool in every conversation, as the README table says',
    async () => {
      const { definition, close } = await open();
      try {
        const connection = await connectInMemory(definition, {
          policy: seeingEverything(definition),
          identity: { actor: 'token-count', roles: ['token-count'], scopes: [], via: 'stdio' },
          audit: createMemoryAuditSink(),
        });
        try {
          const cost = await measureServer(definition.name, connection.client);
          console.log(costReport(cost));
          // The table first: `pnpm tokens` rewrites it even while an aim is missed, so the README shows it.
          const readme = fileURLToPath(options.readme);
          const table = await checkCostTable(cost, readme);
          if (table.added) console.log(`added the token table of ${cost.server} to ${readme}: commit it`);
          expect([...costProblems(cost), ...table.problems]).toEqual([]);
        } finally {
          await connection.close();
        }
      } finally {
        await close?.();
      }
    },
    options.timeoutMs,
  );
}

/** A policy under which one role lists every tool, resource and prompt: what a fully trusted user is shown. */
function seeingEverything(definition: ServerDefinition): Policy {
  const scopes = new Set(
    [...definition.tools, ...(definition.resources ?? []), ...(definition.prompts ?? [])].flatMap(
      (d) => d.scopes,
    ),
  );
  return PolicySchema.parse({
    roles: { 'token-count': { scopes: [...scopes], tools: ['*'], targets: ['**'] } },
  });
}
