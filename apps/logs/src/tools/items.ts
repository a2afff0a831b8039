import { defineTool, ErrorCode, ToolError } from '@gatehouse/kit';
import { z } from 'zod';
import type { ItemStore } from '../store.ts';

/** Policy targets: the whole list, and one item. */
export const LIST_TARGET = 'logs:items';
export const itemTarget = (id: string) => `logs:items/${id}`;
export const itemId = z
  .string()
  .regex(/^i\d{1,9}$/, 'expected an item id such as i1')
  .describe('Item id, e.g. i1');

const ID_REASON = 'i<number>, made by the store';
const CREATED_BY_REASON = 'the actor id of the verified caller who added it';

const Item = z.object({ id: z.string(), title: z.string(), createdBy: z.string() });

export function itemTools(store: ItemStore) {
  return [
    defineTool({
      name: 'list_items',
      title: 'List items',
      description: 'List items (id, title, who added it), oldest first.',
      version: '1.0.0',
      access: 'read',
      scopes: ['logs:read'],
      target: () => LIST_TARGET,
      input: z.object({}),
      output: z.object({ items: z.array(Item) }),
      // Titles are written by whoever adds an item: fenced as data. Say why each other text field is safe.
      untrusted: ['items.*.title'],
      trusted: { 'items.*.id': ID_REASON, 'items.*.createdBy': CREATED_BY_REASON },
      paginate: { items: 'items', pageSize: 50 },
      async handler(_input, ctx) {
        const all = await store.list(ctx.signal);
        const page = all.slice(ctx.page.offset, ctx.page.offset + ctx.page.limit);
        ctx.hasMore = ctx.page.offset + page.length < all.length;
        return { items: page };
      },
    }),
    defineTool({
      name: 'add_item',
      title: 'Add an item',
      description: 'Add an item. Needs a person’s approval.',
      version: '1.0.0',
      access: 'write',
      scopes: ['logs:write'],
      target: () => LIST_TARGET,
      input: z.object({ title: z.string().min(1).max(200).describe('What the item says') }),
      output: z.object({ id: z.string() }),
      trusted: { id: ID_REASON },
      async handler({ title }, ctx) {
        const item = await store.add(title, ctx.identity.actor, ctx.signal);
        if (!item) throw new ToolError(ErrorCode.Upstream, 'The item store is full; remove items first.');
        return { id: item.id };
      },
    }),
  ];
}
