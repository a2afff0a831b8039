import { fileURLToPath } from 'node:url';
import {
  approvalIdOf,
  checkContracts,
  checkInventory,
  errorCodeOf,
  estimateTokens,
  parsePolicy,
  structuredOf,
  textOf,
} from '@gatehouse/kit/testing';
import { describe, expect, it } from 'vitest';
import { approver, connectDemo, reader, writer } from '../../test/demo-harness.ts';

// The catalog mode over the demo: the same allowlisted operations behind find_operation and the call tools,
// through the kit's pipeline with the official SDK client against the demo service on loopback.
const contracts = fileURLToPath(new URL('../../contracts/catalog', import.meta.url));

describe('catalog mode', () => {
  it('lists four small tools instead of one per operation, each with its contract snapshot', async () => {
    const { client, close, kit } = await connectDemo(approver, { catalog: true });
    try {
      const tools = (await client.listTools()).tools;
      expect(tools.map((t) => t.name).sort()).toEqual([
        'call_destructive_operation',
        'call_operation',
        'call_write_operation',
        'find_operation',
      ]);
      expect(Math.max(...tools.map((t) => estimateTokens(t)))).toBeLessThan(400);
      const definition = kit.gate.inventory.server;
      expect(checkInventory(definition)).toEqual([]);
      expect(await checkContracts(definition, contracts)).toEqual([]);
    } finally {
      await close();
    }
  });

  it('finds operations by words, saying which tool calls each', async () => {
    const { client, close } = await connectDemo(writer, { catalog: true });
    try {
      const found = await client.callTool({ name: 'find_operation', arguments: { query: 'refund order' } });
      const ops = structuredOf<{
        operations: { operation: string; call: string; input: { required?: string[] } }[];
      }>(found).operations;
      expect(ops[0]).toMatchObject({ operation: 'create_refund', call: 'call_write_operation' });
      expect(ops[0]?.input.required).toEqual(['orderId', 'body']);
    } finally {
      await close();
    }
  });

  it('calls a read with its arguments checked against the operation schema', async () => {
    const { client, demo, close } = await connectDemo(reader, { catalog: true });
    try {
      const result = await client.callTool({
        name: 'call_operation',
        arguments: { operation: 'get_customer', arguments: { customerId: 3 } },
      });
      expect(structuredOf<{ result: { name: string } }>(result).result).toMatchObject({
        name: 'Olga Petrov',
      });
      expect(JSON.stringify(result)).not.toContain('olga.petrov@mail.example.org');
      const before = demo.requests.length;
      const bad = await client.callTool({
        name: 'call_operation',
        arguments: { operation: 'get_customer', arguments: { customerId: 'x' } },
      });
      expect(errorCodeOf(bad)).toBe('invalid_input');
      expect(textOf(bad)).toContain('arguments.customerId');
      expect(demo.requests.length).toBe(before);
    } finally {
      await close();
    }
  });

  it('never runs a write through call_operation, and a write waits for a person', async () => {
    const { client, demo, grant, close } = await connectDemo(writer, { catalog: true });
    try {
      const args = {
        operation: 'create_refund',
        arguments: { orderId: 1001, body: { amountCents: 900, reason: 'damaged' } },
      };
      const asRead = await client.callTool({ name: 'call_operation', arguments: args });
      expect(errorCodeOf(asRead)).toBe('not_found');
      const asked = await client.callTool({ name: 'call_write_operation', arguments: args });
      expect(errorCodeOf(asked)).toBe('approval_required');
      expect(demo.requests.some((r) => r.method === 'POST')).toBe(false);
      await grant(approvalIdOf(asked));
      const done = await client.callTool({ name: 'call_write_operation', arguments: args });
      expect(structuredOf<{ result: { amountCents: number } }>(done).result.amountCents).toBe(900);
      expect(demo.data.refunds).toHaveLength(1);
    } finally {
      await close();
    }
  });

  it("checks each operation's own target: a role limited to get_* neither finds nor calls the rest", async () => {
    const narrow = parsePolicy(
      'roles:\n  support:\n    scopes: [internal-api:read]\n    tools: ["*"]\n    targets: ["api:*", "api:demo/get_*"]\n',
      'narrow.yaml',
    );
    const identity = { actor: 'sam', roles: ['support'], scopes: [], via: 'stdio' as const };
    const { client, close } = await connectDemo(identity, { catalog: true, policy: narrow });
    try {
      const found = await client.callTool({
        name: 'find_operation',
        arguments: { query: 'flags customer order' },
      });
      const names = structuredOf<{ operations: { operation: string }[] }>(found).operations.map(
        (o) => o.operation,
      );
      expect(names.sort()).toEqual(['get_customer', 'get_order_status']);
      const refused = await client.callTool({
        name: 'call_operation',
        arguments: { operation: 'list_feature_flags', arguments: {} },
      });
      expect(errorCodeOf(refused)).toBe('forbidden');
    } finally {
      await close();
    }
  });
});
