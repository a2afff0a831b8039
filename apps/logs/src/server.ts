import { defineServer } from '@gatehouse/kit';
import { logsPrompts } from './prompts.ts';
import { logsResources } from './resources.ts';
import type { ItemStore } from './store.ts';
import { itemTools } from './tools/items.ts';

/** The logs server: its tools, resources and prompts over an item store. */
export function logsServer(store: ItemStore) {
  return defineServer({
    name: 'logs',
    version: '0.1.0',
    title: 'Logs',
    instructions: 'Lists and reads items; adds one only with a person’s approval.',
    tools: itemTools(store),
    resources: logsResources(store),
    prompts: logsPrompts(store),
  });
}
