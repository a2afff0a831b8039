import { defineServer } from '@gatehouse/kit';
import { supportPrompts } from './prompts.ts';
import type { LoadedServices } from './services.ts';
import { toolsOf } from './services.ts';
import { catalogTools } from './tools/catalog.ts';
import { operationTool } from './tools/operations.ts';

/**
 * The internal-api server: one tool per allowlisted operation of each configured service, or (`catalog`) the
 * find_operation / call_operation tools over the same operations.
 */
export function internalApiServer(loaded: LoadedServices, options: { catalog?: boolean } = {}) {
  return defineServer({
    name: 'internal-api',
    version: '0.1.0',
    title: 'Internal API',
    instructions:
      "Calls a team's internal HTTP APIs through allowlisted operations; reads run at once, writes wait for a person's approval.",
    tools: options.catalog ? catalogTools(loaded) : toolsOf(loaded, operationTool),
    prompts: supportPrompts(loaded),
  });
}
