import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createMemoryAuditSink } from '../audit/sinks.ts';
import { readServerManifest } from '../config/discovery.ts';
import type { ServerDefinition } from '../contracts/define.ts';
import { buildInventory } from '../contracts/inventory.ts';
import { authorize, loadPolicyFile, type Policy } from '../policy/policy.ts';
import { appImportProblems } from './app-imports.ts';
import { checkContracts } from './contracts.ts';
import { connectInMemory } from './harness.ts';
import { checkInventory } from './inventory-check.ts';
import { checkInventoryTable } from './inventory-table.ts';
import { runToExit } from './process.ts';

// Its own entry point (`@gatehouse/kit/testing/app`), not in the testing index: it declares vitest tests, and the
// index is also loaded by benches running under plain node.

export interface ServerAppTestOptions {
  /** The contract snapshots; default `<package>/contracts`. */
  readonly contracts?: URL;
  /** The README whose generated table lists the inventory; default `<package>/README.md`. */
  readonly readme?: URL;
  /** Folders whose imports are checked (only the author entry; the testing entry in tests); default src/, test/. */
  readonly sources?: readonly URL[];
}

/**
 * The tests every server shares, declared in one line of its `test/app.test.ts`: it declares itself in its
 * package.json (discovery), its inventory holds every invariant, its contracts match their snapshots (missing
 * ones are written with GATEHOUSE_UPDATE_CONTRACTS=1; a drift shows a diff), its README's table lists what it
 * exposes, its default policy reaches every tool (and a `reader` role no write), and the official SDK client
 * lists its tools through the kit. `definition` is built without a live upstream: nothing here calls a tool.
 */
export function describeServerApp(
  packageDir: URL,
  definition: ServerDefinition,
  options: ServerAppTestOptions = {},
): void {
  const dir = fileURLToPath(packageDir);
  const contracts = options.contracts ? fileURLToPath(options.contracts) : join(dir, 'contracts');
  const readme = options.readme ? fileURLToPath(options.readme) : join(dir, 'README.md');

  describe(`the ${definition.name} server`, () => {
    it('declares itself in its package.json, so start, host-config and this test find it', () => {
      const manifest = readServerManifest(dir);
      expect(manifest, `${join(dir, 'package.json')} has no "gatehouse" field`).toBeDefined();
      expect(manifest?.name).toBe(definition.name);
      expect(existsSync(manifest?.entryFile ?? ''), `entry ${manifest?.entryFile}`).toBe(true);
      expect(existsSync(manifest?.policyFile ?? ''), `policy ${manifest?.policyFile}`).toBe(true);
    });

    it('imports the kit only through @gatehouse/kit (its compile-cache entry, and @gatehouse/kit/testing in tests)', () => {
      const folders = options.sources?.map((url) => fileURLToPath(url)) ?? ['src', 'test'];
      expect(appImportProblems(dir, folders)).toEqual([]);
    });

    it('turns on Node’s compile cache in its entry before it loads the kit and its own modules', async () => {
      // Without NODE_COMPILE_CACHE, the entry's `import '@gatehouse/kit/compile-cache'` puts the cache under the
      // temp directory. Enabled first, it holds every module the entry loaded (hundreds of files, as it stops on a
      // bad setting); enabled after static imports, next to nothing, since those were compiled before it was on.
      const manifest = readServerManifest(dir);
      const temp = mkdtempSync(join(tmpdir(), 'gatehouse-compile-cache-'));
      try {
        const { code } = await runToExit(manifest?.entryFile ?? '', {
          TMPDIR: temp,
          NODE_COMPILE_CACHE: undefined,
          NODE_DISABLE_COMPILE_CACHE: undefined,
          GATEHOUSE_PORT: 'not-a-port',
        });
        expect(code).toBe(78);
        const cache = join(temp, 'node-compile-cache');
        const files = existsSync(cache)
          ? readdirSync(cache, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())
          : [];
        expect(files.length).toBeGreaterThan(100);
      } finally {
        rmSync(temp, { recursive: true, force: true });
      }
    });

    it('holds every inventory invariant', () => {
      expect(checkInventory(definition)).toEqual([]);
    });

    it('matches its contract snapshots', async () => {
      expect(await checkContracts(definition, contracts)).toEqual([]);
    });

    it('lists what it exposes in its README', async () => {
      expect(await checkInventoryTable(definition, readme)).toEqual([]);
    });

    it('has a default policy that reaches every tool, resource and prompt (and gives a reader no write)', async () => {
      const policy = await defaultPolicy(dir);
      expect(unreached(policy, definition)).toEqual([]);
      if (Object.hasOwn(policy.roles, 'reader')) expect(readerWrites(policy, definition)).toEqual([]);
    });

    it('lists its tools and prompts to the official SDK client under its default policy', async () => {
      const policy = await defaultPolicy(dir);
      const identity = {
        actor: 'app-test',
        roles: Object.keys(policy.roles),
        scopes: [],
        via: 'stdio' as const,
      };
      const connection = await connectInMemory(definition, {
        policy,
        identity,
        audit: createMemoryAuditSink(),
      });
      try {
        const tools = (await connection.client.listTools()).tools.map((t) => t.name);
        expect(tools.sort()).toEqual(definition.tools.map((t) => t.name).sort());
        if ((definition.prompts ?? []).length > 0) {
          const prompts = (await connection.client.listPrompts()).prompts.map((p) => p.name);
          expect(prompts.sort()).toEqual((definition.prompts ?? []).map((p) => p.name).sort());
        }
      } finally {
        await connection.close();
      }
    });
  });
}

async function defaultPolicy(dir: string): Promise<Policy> {
  const manifest = readServerManifest(dir);
  if (!manifest) throw new Error(`${join(dir, 'package.json')} has no "gatehouse" field`);
  return loadPolicyFile(manifest.policyFile);
}

/** What no role of the policy allows by name and scopes (target globs aside: they depend on the input). */
function unreached(policy: Policy, definition: ServerDefinition): string[] {
  const identity = { actor: 'app-test', roles: Object.keys(policy.roles), scopes: [], via: 'stdio' as const };
  const inventory = buildInventory(definition);
  const entries = [
    ...[...inventory.tools.values()].map(({ def }) => ({ kind: 'tool' as const, def, access: def.access })),
    ...inventory.resources.map(({ def }) => ({ kind: 'resource' as const, def, access: 'read' as const })),
    ...[...inventory.prompts.values()].map(({ def }) => ({
      kind: 'prompt' as const,
      def,
      access: 'read' as const,
    })),
  ];
  return entries.flatMap(({ kind, def, access }) => {
    const decision = authorize(policy, {
      identity,
      kind,
      name: def.name,
      scopes: def.scopes,
      target: undefined,
      access,
    });
    return decision.allowed ? [] : [`${kind} ${def.name}: ${decision.reason}`];
  });
}

/** The write and destructive tools a `reader` may call: none, in every server's default policy. */
function readerWrites(policy: Policy, definition: ServerDefinition): string[] {
  const identity = { actor: 'app-test', roles: ['reader'], scopes: [], via: 'stdio' as const };
  return definition.tools
    .filter((tool) => tool.access !== 'read')
    .filter(
      (tool) =>
        authorize(policy, {
          identity,
          kind: 'tool',
          name: tool.name,
          scopes: tool.scopes,
          target: undefined,
          access: tool.access,
        }).allowed,
    )
    .map((tool) => `reader may call ${tool.access} tool ${tool.name}`);
}
