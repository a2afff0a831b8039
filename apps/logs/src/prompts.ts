import { definePrompt } from '@gatehouse/kit';
import { z } from 'zod';
import type { ItemStore } from './store.ts';
import { LIST_TARGET } from './tools/items.ts';

export function logsPrompts(store: ItemStore) {
  return [
    definePrompt({
      name: 'summarize_items',
      title: 'Summarize items',
      description: 'Ask for a summary of the items, optionally only those one person added.',
      version: '1.0.0',
      scopes: ['logs:read'],
      args: z.object({ createdBy: z.string().max(100).optional().describe('Only items this person added') }),
      target: () => LIST_TARGET,
      async render({ createdBy }, ctx) {
        const items = (await store.list(ctx.signal)).filter((i) => !createdBy || i.createdBy === createdBy);
        const lines = items.map((i) => `- ${i.id}: ${i.title}`);
        return [{ role: 'user', text: `Summarize these items:\n${lines.join('\n') || '(none)'}` }];
      },
    }),
  ];
}
