import { defineResource, ErrorCode, ToolError } from '@gatehouse/kit';
import type { ItemStore } from './store.ts';
import { itemTarget } from './tools/items.ts';

export function logsResources(store: ItemStore) {
  return [
    defineResource({
      name: 'item',
      title: 'Item',
      description: 'One item as Markdown.',
      version: '1.0.0',
      scopes: ['logs:read'],
      mimeType: 'text/markdown',
      uri: 'logs://items/{id}',
      target: ({ id }) => itemTarget(id ?? ''),
      // Text that came from users: the kit fences it as data, never as instructions.
      untrusted: true,
      list: async (ctx) =>
        (await store.list(ctx.signal)).map((item) => ({
          uri: `logs://items/${item.id}`,
          name: item.id,
          title: item.title,
        })),
      async read({ id }, ctx) {
        const item = await store.get(id ?? '', ctx.signal);
        if (!item) throw new ToolError(ErrorCode.NotFound, `No item with id ${id}.`);
        return { text: `# ${item.title}\n\nAdded by ${item.createdBy}.\n` };
      },
    }),
  ];
}
