import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  annotationsFor,
  CONTRACT_META_KEY,
  contractHash,
  contractPin,
  toolContract,
  withContractMeta,
} from './contract.ts';
import { defineTool, type ToolDefinition } from './define.ts';

function tool(overrides: Partial<ToolDefinition> = {}): ToolDefinition {
  return defineTool({
    name: 'get_thing',
    title: 'Get a thing',
    description: 'One thing by id.',
    version: '1.2.0',
    access: 'read',
    scopes: ['things:read'],
    target: () => 'thing:x',
    input: z.object({ id: z.string().max(40) }),
    output: z.object({ id: z.string(), size: z.number() }),
    handler: async ({ id }) => ({ id, size: 1 }),
    ...overrides,
  } as ToolDefinition);
}

describe('annotationsFor', () => {
  it('states only the hints that mean something for a read, and never repeats the title', () => {
    expect(annotationsFor('read', false)).toEqual({ readOnlyHint: true, openWorldHint: false });
  });

  it('states every hint for a tool that writes, so no client default decides a safety question', () => {
    expect(annotationsFor('write', true)).toEqual({
      readOnlyHint: false,
      destructiveHint: false,
      idempotentHint: false,
      openWorldHint: true,
    });
    expect(annotationsFor('destructive', false)).toMatchObject({
      readOnlyHint: false,
      destructiveHint: true,
    });
  });
});

describe('the contract pin', () => {
  it('is one string: the version with the 8-hex contract hash as semver build metadata', () => {
    const wire = { name: 'x' };
    const meta = { version: '1.2.0', hash: contractHash(wire) };
    expect(meta.hash).toMatch(/^[0-9a-f]{8}$/);
    expect(withContractMeta(wire, meta)).toEqual({
      name: 'x',
      _meta: { [CONTRACT_META_KEY]: `1.2.0+${meta.hash}` },
    });
    expect(contractPin(meta)).toBe(`1.2.0+${meta.hash}`);
  });
});

describe('toolContract', () => {
  // Strict input, as the inventory passes it.
  const contract = (t: ToolDefinition) =>
    toolContract(t, (t.input as z.ZodObject).strict(), t.output as z.ZodObject, false);

  it('puts the light schemas on the wire and keeps the declared ones whole', () => {
    const { wire, declared } = contract(tool());
    expect(wire.inputSchema).toEqual({
      type: 'object',
      properties: { id: { type: 'string' } },
      required: ['id'],
      additionalProperties: false,
    });
    expect(wire.outputSchema).toEqual({ type: 'object', required: ['id', 'size'] });
    expect(declared.inputSchema).toMatchObject({ properties: { id: { maxLength: 40 } } });
    expect(declared.outputSchema).toMatchObject({ properties: { size: { type: 'number' } } });
  });

  it('hashes what the wire does not show: a narrowed guard or a changed output type changes the hash', () => {
    const before = contract(tool());
    const narrower = contract(tool({ input: z.object({ id: z.string().max(20) }) }));
    const retyped = contract(tool({ output: z.object({ id: z.string(), size: z.string() }) }));
    expect(narrower.wire).toEqual(before.wire);
    expect(retyped.wire).toEqual(before.wire);
    const hash = (c: typeof before) => contractHash(c.wire, c.declared);
    expect(hash(narrower)).not.toBe(hash(before));
    expect(hash(retyped)).not.toBe(hash(before));
  });
});
