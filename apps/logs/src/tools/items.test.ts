import { fileURLToPath } from 'node:url';
import { createMemoryAuditSink, type Identity, loadPolicyFile } from '@gatehouse/kit';
import { approvalIdOf, connectInMemory, errorCodeOf, structuredOf } from '@gatehouse/kit/testing';
import { describe, expect, it } from 'vitest';
import { logsServer } from '../server.ts';
import { ItemStore } from '../store.ts';

// The tools through the kit's whole pipeline (policy, validation, approval, shaping, audit) with the official SDK
// client, under the server's default policy.
const policy = await loadPolicyFile(fileURLToPath(new URL('../../policy.default.yaml', import.meta.url)));
const reader: Identity = { actor: 'rita', roles: ['reader'], scopes: [], via: 'stdio' };
const writer: Identity = { actor: 'wes', roles: ['writer'], scopes: [], via: 'stdio' };

async function connect(identity: Identity, store = new ItemStore({ maxItems: 3 })) {
  const audit = createMemoryAuditSink();
  return { store, audit, ...(await connectInMemory(logsServer(store), { policy, identity, audit })) };
}

describe('list_items', () => {
  it('lists the items to a reader', async () => {
    const { client, close } = await connect(reader);
    try {
      const result = await client.callTool({ name: 'list_items', arguments: {} });
      expect(structuredOf<{ items: { title: string }[] }>(result).items.map((i) => i.title)).toEqual([
        'First item',
        'Second item',
      ]);
    } finally {
      await close();
    }
  });
});

describe('add_item', () => {
  it('is not even listed to a reader, and refused if called', async () => {
    const { client, close } = await connect(reader);
    try {
      expect((await client.listTools()).tools.map((t) => t.name)).toEqual(['list_items']);
      const result = await client.callTool({ name: 'add_item', arguments: { title: 'x' } });
      expect(errorCodeOf(result)).toBe('forbidden');
    } finally {
      await close();
    }
  });

  it('adds an item only once a person approved the exact call', async () => {
    const { client, close, grant, store, audit } = await connect(writer);
    try {
      const asked = await client.callTool({ name: 'add_item', arguments: { title: 'Third item' } });
      expect(errorCodeOf(asked)).toBe('approval_required');
      expect((await store.list()).map((i) => i.title)).not.toContain('Third item');
      await grant(approvalIdOf(asked));
      const done = await client.callTool({ name: 'add_item', arguments: { title: 'Third item' } });
      expect(structuredOf<{ id: string }>(done).id).toBe('i3');
      expect(await store.get('i3')).toEqual({ id: 'i3', title: 'Third item', createdBy: 'wes' });
      // Every call is on the record, with who decided; a write's intent is stored before it runs.
      expect(audit.records.map((r) => [r.name, r.decision, r.phase ?? r.outcome, r.approver])).toEqual([
        ['add_item', 'approval_required', 'not_run', undefined],
        ['add_item', 'approved', 'intent', 'test-approver'],
        ['add_item', 'approved', 'ok', 'test-approver'],
      ]);
    } finally {
      await close();
    }
  });

  it('refuses an empty title, naming the field', async () => {
    const { client, close } = await connect(writer);
    try {
      const result = await client.callTool({ name: 'add_item', arguments: { title: '' } });
      expect(errorCodeOf(result)).toBe('invalid_input');
      expect(JSON.stringify(result.content)).toContain('title');
    } finally {
      await close();
    }
  });
});
