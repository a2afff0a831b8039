import { afterEach, describe, expect, it } from 'vitest';
import { connectInMemory, type InMemoryConnection } from '../src/testing/index.ts';
import { ALICE, errorCodeOf, notesFixture, textOf } from './fixtures.ts';

// tools/list shows a lighter inputSchema than the tool declares (wire-schema.ts: no length caps, no patterns), to
// cost fewer tokens. These tests hold the other half of that bargain, through the official SDK client: what the
// wire leaves out is still refused, with the field named.

const open: Pick<InMemoryConnection, 'close'>[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
});

async function connect() {
  const fx = notesFixture();
  const connection = await connectInMemory(fx.definition, { ...fx.options, identity: ALICE });
  open.push(connection);
  return connection.client;
}

type Property = Record<string, unknown>;
function propertyOf(tools: { name: string; inputSchema: unknown }[], tool: string, field: string): Property {
  const schema = tools.find((t) => t.name === tool)?.inputSchema as
    | { properties: Record<string, Property> }
    | undefined;
  return schema?.properties[field] ?? {};
}

describe('a guard the wire schema leaves out', () => {
  it('is not listed: no maxLength on list_notes.author, no pattern on get_note.id', async () => {
    const { tools } = await (await connect()).listTools();
    expect(propertyOf(tools, 'list_notes', 'author')).toEqual({
      type: 'string',
      description: 'Only notes by this author',
    });
    expect(propertyOf(tools, 'get_note', 'id')).not.toHaveProperty('pattern');
    expect(propertyOf(tools, 'get_note', 'id')).toHaveProperty('type', 'string');
  });

  it('still refuses a value past the length cap, naming the field, and takes one at the cap', async () => {
    const client = await connect();
    const over = await client.callTool({ name: 'list_notes', arguments: { author: 'a'.repeat(101) } });
    expect(errorCodeOf(over)).toBe('invalid_input');
    expect(textOf(over)).toMatch(/author: .*100/);
    const at = await client.callTool({ name: 'list_notes', arguments: { author: 'a'.repeat(100) } });
    expect(at.isError).toBeFalsy();
  });

  it('still refuses a value that breaks the pattern, naming the field', async () => {
    const client = await connect();
    const bad = await client.callTool({ name: 'get_note', arguments: { id: 'x1' } });
    expect(errorCodeOf(bad)).toBe('invalid_input');
    expect(textOf(bad)).toMatch(/id: .*pattern/);
    const good = await client.callTool({ name: 'get_note', arguments: { id: 'n1' } });
    expect(good.isError).toBeFalsy();
  });
});
