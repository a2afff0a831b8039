import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createMemoryAuditSink } from '../audit/sinks.ts';
import { defineResource, defineServer, defineTool } from '../contracts/define.ts';
import { parsePolicy } from '../policy/policy.ts';
import { connectInMemory } from './harness.ts';
import {
  checkCostTable,
  costProblems,
  countTokens,
  measureServer,
  type ServerCost,
  TOKENS_SECTION_END,
  toolCost,
} from './tokens.ts';

describe('countTokens', () => {
  it('counts o200k tokens of compact JSON, and of a string as it is', () => {
    expect(countTokens('hello world')).toBe(2);
    expect(countTokens({ a: 'hello world' })).toBe(countTokens('{"a":"hello world"}'));
  });
});

describe('toolCost', () => {
  it('counts name, description and inputSchema as model-visible, and everything as whole', () => {
    const tool = { name: 'get_x', description: 'One x.', inputSchema: { type: 'object' } };
    const withMore = { ...tool, title: 'Get x', outputSchema: { type: 'object', required: ['a', 'b', 'c'] } };
    expect(toolCost(withMore).modelVisible).toBe(toolCost(tool).modelVisible);
    expect(toolCost(withMore).whole).toBe(countTokens(withMore));
    expect(toolCost(withMore).whole).toBeGreaterThan(toolCost(tool).whole);
  });
});

const cost = (overrides: Partial<ServerCost> = {}): ServerCost => ({
  server: 'demo',
  tools: [
    { name: 'small', modelVisible: 60, whole: 120 },
    { name: 'medium', modelVisible: 90, whole: 150 },
  ],
  resourcesList: 100,
  resourceTemplatesList: 50,
  promptsList: 40,
  ...overrides,
});

describe('costProblems', () => {
  it('passes a server within every aim', () => {
    expect(costProblems(cost())).toEqual([]);
  });

  it('names each tool and list past its aim, and a median past its aim', () => {
    const problems = costProblems(
      cost({
        tools: [
          { name: 'fat', modelVisible: 151, whole: 201 },
          { name: 'wide', modelVisible: 120, whole: 130 },
        ],
        resourcesList: 601,
      }),
    );
    expect(problems).toEqual([
      'demo: tool fat: name + description + inputSchema costs 151 tokens (aim ≤ 150)',
      'demo: tool fat: its whole tools/list entry costs 201 tokens (aim ≤ 200)',
      'demo: the median tool (name + description + inputSchema) costs 135.5 tokens (aim ≤ 100)',
      'demo: resources/list costs 601 tokens (aim ≤ 600)',
    ]);
  });
});

describe('checkCostTable', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function readme(text: string): Promise<string> {
    dir = await mkdtemp(join(tmpdir(), 'tokens-'));
    const file = join(dir, 'README.md');
    await writeFile(file, text);
    return file;
  }

  it('adds a missing table without failing, before the section end, then holds', async () => {
    const file = await readme(`# R\n\n## Costs\n\n${TOKENS_SECTION_END}\n\n## Next\n`);
    expect(await checkCostTable(cost(), file, { update: false })).toEqual({ problems: [], added: true });
    const text = await readFile(file, 'utf8');
    expect(text.indexOf('| `medium` | 90 | 150 |')).toBeLessThan(text.indexOf(TOKENS_SECTION_END));
    expect(text).toContain('**demo**: model-visible median 75, max 90; whole entry max 150');
    expect(await checkCostTable(cost(), file, { update: false })).toEqual({ problems: [], added: false });
  });

  it('keeps the servers in name order whatever order they join in', async () => {
    const file = await readme(`# R\n\n${TOKENS_SECTION_END}\n`);
    for (const server of ['notes', 'docs', 'logs', 'apple', 'jira']) {
      await checkCostTable(cost({ server }), file, { update: false });
    }
    const text = await readFile(file, 'utf8');
    const order = [...text.matchAll(/\*\*(\w+)\*\*: model-visible/g)].map((m) => m[1]);
    expect(order).toEqual(['apple', 'docs', 'jira', 'logs', 'notes']);
  });

  it('fails a stale table with the measured one, and rewrites only that block on update', async () => {
    const file = await readme(`# R\n\n${TOKENS_SECTION_END}\n`);
    await checkCostTable(cost(), file);
    await checkCostTable(cost({ server: 'other' }), file);
    const grown = cost({ tools: [{ name: 'small', modelVisible: 61, whole: 121 }] });
    const stale = await checkCostTable(grown, file, { update: false });
    expect(stale.problems).toEqual([expect.stringContaining('| `small` | 61 | 121 |')]);
    expect(await readFile(file, 'utf8')).not.toContain('| `small` | 61 |');
    expect((await checkCostTable(grown, file, { update: true })).problems).toEqual([]);
    expect((await checkCostTable(grown, file, { update: false })).problems).toEqual([]);
    expect((await checkCostTable(cost({ server: 'other' }), file, { update: false })).problems).toEqual([]);
  });

  it('keeps every block when many new servers write the same README at once', async () => {
    const file = await readme(`# R\n\n${TOKENS_SECTION_END}\n`);
    const servers = Array.from({ length: 8 }, (_, i) => cost({ server: `s${i}` }));
    const written = await Promise.all(servers.map((c) => checkCostTable(c, file, { update: false })));
    expect(written.flatMap((w) => w.problems)).toEqual([]);
    expect(written.every((w) => w.added)).toBe(true);
    for (const c of servers) {
      expect(await checkCostTable(c, file, { update: false })).toEqual({ problems: [], added: false });
    }
  });

  it('says where to add a table when the README has no token section', async () => {
    const file = await readme('# R\n');
    expect((await checkCostTable(cost(), file, { update: true })).problems).toEqual([
      expect.stringContaining(`no ${TOKENS_SECTION_END} marker`),
    ]);
    expect(await readFile(file, 'utf8')).toBe('# R\n');
  });
});

describe('measureServer', () => {
  it('counts every page of resources/list (the kit pages at 100) and each tool as the client receives it', async () => {
    const definition = defineServer({
      name: 'many',
      version: '0.0.0',
      tools: [
        defineTool({
          name: 'get_item',
          title: 'Get an item',
          description: 'One item.',
          version: '1.0.0',
          access: 'read',
          scopes: ['items:read'],
          target: () => 'item:x',
          input: z.object({ id: z.string() }),
          output: z.object({ id: z.string() }),
          handler: async ({ id }) => ({ id }),
        }),
      ],
      resources: [
        defineResource({
          name: 'item',
          title: 'Item',
          description: 'An item.',
          version: '1.0.0',
          scopes: ['items:read'],
          uri: 'items://{id}',
          target: ({ id }) => `item:${id}`,
          list: async () => Array.from({ length: 150 }, (_, i) => ({ uri: `items://i${i}`, name: `i${i}` })),
          read: async ({ id }) => ({ text: id ?? '' }),
        }),
      ],
    });
    const policy = parsePolicy(
      'roles:\n  r:\n    scopes: [items:read]\n    tools: ["*"]\n    targets: ["item:*"]\n',
      'tokens-test',
    );
    const connection = await connectInMemory(definition, {
      policy,
      identity: { actor: 'a', roles: ['r'], scopes: [], via: 'stdio' },
      audit: createMemoryAuditSink(),
    });
    try {
      const measured = await measureServer('many', connection.client);
      const all = await connection.client.listResources();
      expect(all.resources).toHaveLength(150);
      expect(measured.resourcesList).toBe(countTokens(all));
      const [listed] = (await connection.client.listTools()).tools;
      expect(measured.tools).toEqual([toolCost(listed as never)]);
      expect(measured.promptsList).toBe(countTokens(await connection.client.listPrompts()));
    } finally {
      await connection.close();
    }
  });
});
