import { approvalIdOf, errorCodeOf, structuredOf, textOf } from '@gatehouse/kit/testing';
import { describe, expect, it } from 'vitest';
import { approver, connectDemo, reader, writer } from '../../test/demo-harness.ts';

// The demo's generated tools through the kit's whole pipeline (policy, validation, approval, shaping, audit) with
// the official SDK client, calling the demo service over real HTTP on loopback.

describe('allowlisted reads', () => {
  it('returns a safe customer summary: the selected fields only, never the personal ones the API also sends', async () => {
    const { client, demo, close } = await connectDemo(reader);
    try {
      const result = await client.callTool({ name: 'get_customer', arguments: { customerId: 1 } });
      expect(structuredOf(result)).toEqual({
        id: 1,
        name: 'Ana Almeida',
        plan: 'business',
        country: 'DE',
        createdAt: '2025-02-11T09:30:00Z',
        openTickets: 1,
      });
      const everything = JSON.stringify(result);
      for (const secret of ['ana.almeida@example.com', '+4915123456789', 'DE-84629173', '1284000']) {
        expect(everything).not.toContain(secret);
      }
      // The upstream answered with everything; the tool took only what support needs.
      expect(demo.requests.at(-1)?.url).toBe('/v1/customers/1');
      // Third-party text is fenced as data.
      expect(textOf(result)).toContain('<untrusted');
    } finally {
      await close();
    }
  });

  it('searches orders with query parameters and renders the list as a table', async () => {
    const { client, demo, close } = await connectDemo(reader);
    try {
      const result = await client.callTool({
        name: 'search_orders',
        arguments: { customerId: 1, status: 'paid' },
      });
      const out = structuredOf<{ orders: { id: number; status: string }[]; total: number }>(result);
      expect(out.orders.map((o) => [o.id, o.status])).toEqual([[1002, 'paid']]);
      expect(out.total).toBe(1);
      expect(JSON.stringify(out)).not.toContain('Hauptstraße');
      expect(demo.requests.at(-1)?.url).toBe('/v1/orders?customerId=1&status=paid');
      expect(textOf(result)).toContain('id | customerId | status | totalCents | currency | placedAt');
    } finally {
      await close();
    }
  });

  it('flattens allOf and keeps nullable fields (get_order_status)', async () => {
    const { client, close } = await connectDemo(reader);
    try {
      const result = await client.callTool({ name: 'get_order_status', arguments: { orderId: 1002 } });
      expect(structuredOf(result)).toEqual({
        id: 1002,
        status: 'paid',
        placedAt: '2026-11-28T11:45:00Z',
        shippedAt: null,
        carrier: null,
      });
    } finally {
      await close();
    }
  });

  it('maps an upstream 404 to not_found with the status, and sends the service key, not the caller', async () => {
    const { client, demo, close } = await connectDemo(reader);
    try {
      const result = await client.callTool({ name: 'get_order_status', arguments: { orderId: 4242 } });
      expect(errorCodeOf(result)).toBe('not_found');
      expect(textOf(result)).toContain('404 Not Found');
      expect(demo.requests.at(-1)?.headers['x-api-key']).toBe(demo.apiKey);
    } finally {
      await close();
    }
  });

  it('refuses input the document does not allow, naming the field, before any request', async () => {
    const { client, demo, close } = await connectDemo(reader);
    try {
      const before = demo.requests.length;
      const wrongType = await client.callTool({ name: 'get_customer', arguments: { customerId: 'one' } });
      expect(errorCodeOf(wrongType)).toBe('invalid_input');
      expect(textOf(wrongType)).toContain('customerId');
      const outOfRange = await client.callTool({ name: 'search_orders', arguments: { limit: 1000 } });
      expect(errorCodeOf(outOfRange)).toBe('invalid_input');
      expect(textOf(outOfRange)).toContain('limit');
      const badEnum = await client.callTool({ name: 'search_orders', arguments: { status: 'lost' } });
      expect(errorCodeOf(badEnum)).toBe('invalid_input');
      const unknown = await client.callTool({
        name: 'get_customer',
        arguments: { customerId: 1, admin: true },
      });
      expect(errorCodeOf(unknown)).toBe('invalid_input');
      expect(demo.requests.length).toBe(before);
    } finally {
      await close();
    }
  });
});

describe('deny by default', () => {
  it('serves only allowlisted operations: deleteCustomer and exportCustomers do not exist', async () => {
    const { client, demo, close } = await connectDemo(writer);
    try {
      const names = (await client.listTools()).tools.map((t) => t.name);
      expect(names).not.toContain('delete_customer');
      expect(names).not.toContain('export_customers');
      for (const name of ['delete_customer', 'export_customers']) {
        await expect(client.callTool({ name, arguments: { customerId: 1 } })).rejects.toThrow(/Unknown tool/);
      }
      expect(demo.requests.some((r) => r.url.includes('export') || r.method === 'DELETE')).toBe(false);
    } finally {
      await close();
    }
  });

  it('lists no write to a reader, and refuses one if called', async () => {
    const { client, close } = await connectDemo(reader);
    try {
      const tools = (await client.listTools()).tools;
      expect(tools.every((t) => t.annotations?.readOnlyHint === true)).toBe(true);
      const result = await client.callTool({
        name: 'create_refund',
        arguments: { orderId: 1002, body: { amountCents: 100, reason: 'late' } },
      });
      expect(errorCodeOf(result)).toBe('forbidden');
    } finally {
      await close();
    }
  });
});

describe('writes wait for a person', () => {
  it('sends a refund only after a person approved the exact call, with an idempotency key', async () => {
    const { client, demo, grant, audit, close } = await connectDemo(writer);
    try {
      const args = { orderId: 1002, body: { amountCents: 2500, reason: 'late' } };
      const asked = await client.callTool({ name: 'create_refund', arguments: args });
      expect(errorCodeOf(asked)).toBe('approval_required');
      expect(demo.requests.some((r) => r.method === 'POST')).toBe(false);
      await grant(approvalIdOf(asked));
      const done = await client.callTool({ name: 'create_refund', arguments: args });
      expect(structuredOf(done)).toMatchObject({
        orderId: 1002,
        amountCents: 2500,
        reason: 'late',
        status: 'succeeded',
      });
      const post = demo.requests.filter((r) => r.method === 'POST');
      expect(post).toHaveLength(1);
      expect(post[0]?.url).toBe('/v1/orders/1002/refunds');
      expect(post[0]?.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
      expect(demo.data.refunds).toHaveLength(1);
      expect(audit.records.map((r) => [r.name, r.decision, r.phase ?? r.outcome])).toEqual([
        ['create_refund', 'approval_required', 'not_run'],
        ['create_refund', 'approved', 'intent'],
        ['create_refund', 'approved', 'ok'],
      ]);
    } finally {
      await close();
    }
  });

  it('maps the API refusing the write (409) to upstream_error with the status', async () => {
    const { client, grant, close } = await connectDemo(writer);
    try {
      const args = { orderId: 1004, body: { amountCents: 100, reason: 'goodwill' } };
      await grant(approvalIdOf(await client.callTool({ name: 'create_refund', arguments: args })));
      const result = await client.callTool({ name: 'create_refund', arguments: args });
      expect(errorCodeOf(result)).toBe('upstream_error');
      expect(textOf(result)).toContain('409 Conflict');
    } finally {
      await close();
    }
  });

  it('keeps a DELETE destructive: out of band even for a role that may approve in band', async () => {
    const { client, demo, close } = await connectDemo(approver);
    try {
      const tool = (await client.listTools()).tools.find((t) => t.name === 'delete_feature_flag');
      expect(tool?.annotations).toMatchObject({ destructiveHint: true, readOnlyHint: false });
      const result = await client.callTool({
        name: 'delete_feature_flag',
        arguments: { flagKey: 'new-checkout' },
      });
      expect(errorCodeOf(result)).toBe('approval_required');
      expect(demo.data.flags.map((f) => f.key)).toContain('new-checkout');
    } finally {
      await close();
    }
  });
});
