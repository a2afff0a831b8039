import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { defineServer, defineTool, type ServerDefinition, type ToolDefinition } from '../contracts/define.ts';
import { checkContracts } from './contracts.ts';
import { checkInventory } from './inventory-check.ts';

function tool(overrides: Partial<ToolDefinition> = {}): ToolDefinition {
  return defineTool({
    name: 'get_thing',
    title: 'Get a thing',
    description: 'Get one thing by id.',
    version: '1.0.0',
    access: 'read',
    scopes: ['things:read'],
    target: () => 'thing:x',
    input: z.object({ id: z.string() }),
    output: z.object({ id: z.string(), name: z.string() }),
    untrusted: ['name'],
    trusted: { id: 'the id the caller asked for' },
    handler: async ({ id }) => ({ id, name: 'x' }),
    ...overrides,
  } as ToolDefinition);
}
const server = (...tools: ToolDefinition[]): ServerDefinition =>
  defineServer({ name: 't', version: '0.0.0', tools });

let dir: string;
beforeEach(async () => {
  // These tests say when to write; a developer's GATEHOUSE_UPDATE_CONTRACTS=1 must not change their outcome.
  vi.stubEnv('GATEHOUSE_UPDATE_CONTRACTS', '');
  dir = await mkdtemp(join(tmpdir(), 'contracts-'));
  expect(await checkContracts(server(tool()), dir, { update: true })).toEqual([]);
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await rm(dir, { recursive: true, force: true });
});

describe('checkContracts', () => {
  it('passes when nothing changed', async () => {
    expect(await checkContracts(server(tool()), dir)).toEqual([]);
  });

  it('writes a missing snapshot only on request (GATEHOUSE_UPDATE_CONTRACTS=1), saying how', async () => {
    const more = server(tool(), tool({ name: 'list_things', description: 'List things.' }));
    expect(await checkContracts(more, dir)).toEqual([
      `tool list_things: no contract snapshot at ${join(dir, 'tools', 'list_things.json')}; write it with GATEHOUSE_UPDATE_CONTRACTS=1 pnpm test`,
    ]);
    vi.stubEnv('GATEHOUSE_UPDATE_CONTRACTS', '1');
    expect(await checkContracts(more, dir)).toEqual([]);
    const written = JSON.parse(await readFile(join(dir, 'tools', 'list_things.json'), 'utf8'));
    expect(written).toMatchObject({
      version: '1.0.0',
      contract: { name: 'list_things', description: 'List things.' },
    });
    vi.stubEnv('GATEHOUSE_UPDATE_CONTRACTS', '');
    expect(await checkContracts(more, dir)).toEqual([]);
  });

  it('shows what drifted as a diff of the wire JSON', async () => {
    const [problem] = await checkContracts(server(tool({ description: 'Get one thing, fast.' })), dir);
    expect(problem).toContain('tool get_thing: contract changed but version is still 1.0.0');
    expect(problem).toContain(
      '\n    -   "description": "Get one thing by id.",\n    +   "description": "Get one thing, fast.",',
    );
  });

  it('fails a change without a version bump, even in update mode', async () => {
    const changed = server(tool({ description: 'Get one thing.' }));
    const problems = await checkContracts(changed, dir, { update: true });
    expect(problems).toEqual([expect.stringContaining('version is still 1.0.0')]);
  });

  it('accepts a compatible change with a minor bump, once the snapshot is updated', async () => {
    const changed = server(
      tool({ version: '1.1.0', input: z.object({ id: z.string(), verbose: z.boolean().optional() }) }),
    );
    expect(await checkContracts(changed, dir)).toEqual([expect.stringContaining('out of date')]);
    expect(await checkContracts(changed, dir, { update: true })).toEqual([]);
    expect(await checkContracts(changed, dir)).toEqual([]);
  });

  it('demands a major bump for a breaking change', async () => {
    const newRequired = server(
      tool({ version: '1.1.0', input: z.object({ id: z.string(), owner: z.string() }) }),
    );
    expect((await checkContracts(newRequired, dir, { update: true }))[0]).toMatch(
      /breaking.*input\.owner: now required/,
    );
    const removedOutput = server(tool({ version: '1.0.1', output: z.object({ id: z.string() }) }));
    expect((await checkContracts(removedOutput, dir))[0]).toMatch(/output\.name: removed/);
    const writeNow = server(tool({ version: '1.2.0', access: 'write' }));
    expect((await checkContracts(writeNow, dir))[0]).toMatch(/readOnlyHint/);
    const major = server(tool({ version: '2.0.0', input: z.object({ id: z.string(), owner: z.string() }) }));
    expect(await checkContracts(major, dir, { update: true })).toEqual([]);
  });

  it('fails a removed tool unless its name lives on as an alias', async () => {
    const renamed = tool({ name: 'fetch_thing' });
    expect(await checkContracts(server(renamed), dir, { update: true })).toEqual([
      expect.stringContaining('tool get_thing: was removed'),
    ]);
    expect(
      await checkContracts(server({ ...renamed, aliases: ['get_thing'] }), dir, { update: true }),
    ).toEqual([]);
  });

  it('refuses a version that goes backwards', async () => {
    expect((await checkContracts(server(tool({ version: '0.9.0' })), dir))[0]).toMatch(/backwards/);
  });

  it('judges breaking changes on the declared schemas, not only on what the wire shows', async () => {
    const capped = tool({ version: '2.0.0', input: z.object({ id: z.string().max(40) }) });
    expect(await checkContracts(server(capped), dir, { update: true })).toEqual([]);
    // The wire shows no length caps, so only the snapshot's declared input sees the narrowing.
    const narrower = tool({ version: '2.0.1', input: z.object({ id: z.string().max(20) }) });
    expect((await checkContracts(server(narrower), dir))[0]).toMatch(
      /breaking.*input\.id: maxLength lowered/,
    );
    // The wire's outputSchema names only the required fields, so only the declared output sees the new type.
    const retyped = tool({
      version: '2.1.0',
      input: z.object({ id: z.string().max(40) }),
      output: z.object({ id: z.string(), name: z.number() }),
    });
    expect((await checkContracts(server(retyped), dir))[0]).toMatch(/breaking.*output\.name: type changed/);
  });

  it('reads a snapshot written before the wire showed lighter schemas, with no false breaking change', async () => {
    const file = join(dir, 'tools', 'get_thing.json');
    const { contract, declared } = JSON.parse(await readFile(file, 'utf8'));
    // Then the wire carried the schemas in full, the title in annotations and all four hints.
    const old = {
      ...contract,
      ...declared,
      annotations: {
        title: 'Get a thing',
        readOnlyHint: true,
        destructiveHint: false,
        idempotentHint: true,
        openWorldHint: false,
      },
    };
    await writeFile(file, JSON.stringify({ version: '1.0.0', hash: '0123456789abcdef', contract: old }));
    const bumped = server(tool({ version: '1.0.1' }));
    expect(await checkContracts(bumped, dir)).toEqual([expect.stringContaining('out of date')]);
    expect(await checkContracts(bumped, dir, { update: true })).toEqual([]);
  });
});

describe('checkInventory', () => {
  it('passes a well-formed tool', () => {
    expect(checkInventory(server(tool()))).toEqual([]);
  });

  it('names every broken invariant', () => {
    const bad = tool({
      name: 'Bad-Name',
      description: '',
      version: 'one',
      scopes: [],
      access: 'maybe' as never,
    });
    const problems = checkInventory(server(bad)).join('\n');
    expect(problems).toMatch(/snake_case/);
    expect(problems).toMatch(/access must be/);
    expect(problems).toMatch(/no description/);
    expect(problems).toMatch(/not semver/);
    expect(problems).toMatch(/requires no scope/);
  });

  it('names a text field of the output that is neither untrusted nor trusted', () => {
    const undeclared = tool({ untrusted: [], output: z.object({ id: z.string(), name: z.string() }) });
    expect(checkInventory(server(undeclared))).toEqual([
      'tool get_thing: output "name" can hold text: declare it in untrusted if a third party can write it, or in trusted with why only the server writes it',
    ]);
  });

  it('refuses build metadata in a version: the contract pin puts the hash there', () => {
    expect(checkInventory(server(tool({ version: '1.0.0+build.7' }))).join('\n')).toMatch(/no \+build/);
    expect(checkInventory(server(tool({ version: '1.0.0-rc.1' })))).toEqual([]);
  });

  it('rejects a top-level union in the input schema', () => {
    const union = tool({ input: z.object({ id: z.string() }).and(z.object({ x: z.string() })) as never });
    expect(checkInventory(server(union)).join('\n')).toMatch(/no top-level union or intersection/);
  });

  it('rejects an alias that collides with a tool', () => {
    const a = tool();
    const b = tool({ name: 'other_thing', aliases: ['get_thing'] });
    expect(checkInventory(server(a, b))[0]).toMatch(/collides/);
  });
});
