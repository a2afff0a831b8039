import { defineServer } from '@gatehouse/kit';
import { internalApiPrompts } from './prompts.ts';
import { internalApiResources } from './resources.ts';
import type { ItemStore } from './store.ts';
import { itemTools } from './tools/items.ts';

/** The internal-api server: its tools, resources and prompts over an item store. */
export function internalApiServer(store: ItemStore) {
  return defineServer({
    name: 'internal-api',
    version: '0.1.0',
    title: 'Internal API',
    instructions: 'Lists and reads items; adds one only with a person’s approval.',
    tools: itemTools(store),
    resources: internalApiResources(store),
    prompts: internalApiPrompts(store),
  });
}
