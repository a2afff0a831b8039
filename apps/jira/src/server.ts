import { defineServer } from '@gatehouse/kit';
import { jiraPrompts } from './prompts.ts';
import { jiraResources } from './resources.ts';
import type { ItemStore } from './store.ts';
import { itemTools } from './tools/items.ts';

/** The jira server: its tools, resources and prompts over an item store. */
export function jiraServer(store: ItemStore) {
  return defineServer({
    name: 'jira',
    version: '0.1.0',
    title: 'Jira',
    instructions: 'Lists and reads items; adds one only with a person’s approval.',
    tools: itemTools(store),
    resources: jiraResources(store),
    prompts: jiraPrompts(store),
  });
}
