import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkContracts } from '../testing/contracts.ts';
import { defineServer, defineTool, type ToolDefinition } from './define.ts';
import { contractDrift } from './drift.ts';

// A server whose tools come from configuration: its snapshots are written once, then the "configuration" changes
// a tool the way a new document would, and drift names it under the contract test's own rules.
function server(changes: { version?: string; input?: z.ZodObject; description?: string } = {}) {
  const lookup = defineTool({
    name: 'lookup',
    title: 'Look up',
    description: changes.description ?? 'Look a thing up.',
    version: changes.version ?? '1.0.0',
    access: 'read',
    scopes: ['things:read'],
    target: () => 'thing:x',
    input: changes.input ?? z.object({ id: z.string(), limit: z.number().int().optional() }),
    output: z.object({ id: z.string() }),
    trusted: { id: 'echoed input' },
    handler: async ({ id }) => ({ id }),
  } as ToolDefinition);
  return defineServer({ name: 'drifting', version: '1.0.0', tools: [lookup] });
}

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

async function snapshotted() {
  dir = mkdtempSync(join(tmpdir(), 'gatehouse-drift-'));
  expect(await checkContracts(server(), dir, { update: true })).toEqual([]);
  return dir;
}

const required = z.object({ id: z.string(), limit: z.number().int() });

describe('contractDrift', () => {
  it('finds nothing while every contract matches its snapshot, and names a tool with no snapshot as new', async () => {
    const dir = await snapshotted();
    expect(await contractDrift(server(), dir)).toEqual([]);
    expect(await contractDrift(server(), join(dir, 'elsewhere'))).toEqual([
      { kind: 'tool', name: 'lookup', version: '1.0.0', snapshotVersion: undefined, status: 'new', breaking: [] },
    ]);
  });

  it('names a change without its bump as unversioned, with what breaks', async () => {
    const dir = await snapshotted();
    expect(await contractDrift(server({ input: required }), dir)).toEqual([
      {
        kind: 'tool',
        name: 'lookup',
        version: '1.0.0',
        snapshotVersion: '1.0.0',
        status: 'unversioned',
        breaking: ['input.limit: now required'],
      },
    ]);
    // A minor bump is not enough for a breaking change; a major one is.
    const minor = await contractDrift(server({ input: required, version: '1.1.0' }), dir);
    expect(minor.map((d) => d.status)).toEqual(['unversioned']);
    const major = await contractDrift(server({ input: required, version: '2.0.0' }), dir);
    expect(major.map((d) => d.status)).toEqual(['versioned']);
  });

  it('takes a compatible change with a minor bump as versioned, and without one as unversioned', async () => {
    const dir = await snapshotted();
    const reworded = await contractDrift(server({ description: 'Find a thing.' }), dir);
    expect(reworded.map((d) => [d.status, d.breaking])).toEqual([['unversioned', []]]);
    const bumped = await contractDrift(server({ description: 'Find a thing.', version: '1.1.0' }), dir);
    expect(bumped.map((d) => [d.status, d.snapshotVersion, d.version])).toEqual([['versioned', '1.0.0', '1.1.0']]);
  });
});
