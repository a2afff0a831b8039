import { defineServer } from '@gatehouse/kit';
import { sharedInputsLine } from './openapi/shared-inputs.ts';
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
    instructions: [
      "Calls a team's internal HTTP APIs through allowlisted operations; reads run at once, writes wait for a person's approval.",
      ...loaded.services.flatMap((s) => sharedInputsLine(s.settings.name, s.shared, sharedUsed(s)) ?? []),
    ].join('\n'),
    tools: options.catalog ? catalogTools(loaded) : toolsOf(loaded, operationTool),
    prompts: supportPrompts(loaded),
  });
}

/** The inputs of a service's tools whose description the instructions carry. */
function sharedUsed(service: LoadedServices['services'][number]): Set<string> {
  return new Set(service.operations.flatMap((o) => o.sharedInputs));
}
