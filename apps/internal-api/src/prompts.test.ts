import { describe, expect, it } from 'vitest';
import { connectDemo, reader } from '../test/demo-harness.ts';

describe('customer_support_context', () => {
  it("gathers the customer's safe summary, subscriptions, orders and events, fenced as data", async () => {
    const { client, demo, close } = await connectDemo(reader);
    try {
      const prompt = await client.getPrompt({
        name: 'customer_support_context',
        arguments: { customerId: '1' },
      });
      const text = prompt.messages.map((m) => (m.content.type === 'text' ? m.content.text : '')).join('\n');
      for (const part of ['## Account', '## Subscriptions', '## Recent orders', '## Recent events']) {
        expect(text).toContain(part);
      }
      expect(text).toContain('Ana Almeida');
      expect(text).toContain('Order 1002 paid');
      expect(text.match(/<untrusted/g)).toHaveLength(4);
      // The same field selections as the tools: no contact details, no national id, no address.
      for (const secret of ['ana.almeida@example.com', '+4915123456789', 'DE-84629173', 'Hauptstraße']) {
        expect(text).not.toContain(secret);
      }
      expect(demo.requests.map((r) => r.url)).toEqual([
        '/v1/customers/1',
        '/v1/customers/1/subscriptions',
        '/v1/orders?customerId=1&limit=5',
        '/v1/customers/1/events?limit=10',
      ]);
    } finally {
      await close();
    }
  });

  it('refuses an argument that is not a customer id, naming it', async () => {
    const { client, close } = await connectDemo(reader);
    try {
      await expect(
        client.getPrompt({ name: 'customer_support_context', arguments: { customerId: '../1' } }),
      ).rejects.toThrow(/customerId/);
    } finally {
      await close();
    }
  });
});
