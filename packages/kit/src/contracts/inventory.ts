import { z } from 'zod';
import {
  type ContractMeta,
  contractHash,
  type DeclaredSchemas,
  promptWire,
  resourceWire,
  type ToolWire,
  toolContract,
  withContractMeta,
} from './contract.ts';
import type { PromptDefinition, ResourceDefinition, ServerDefinition, ToolDefinition } from './define.ts';
import { compileUriTemplate, type UriTemplate } from './uri-template.ts';

export const DEFAULT_PAGE_SIZE = 50;

export interface InventoryTool {
  readonly def: ToolDefinition;
  /** Strict input schema (unknown arguments are refused), with `cursor` added for paginated tools. */
  readonly input: z.ZodObject;
  readonly output: z.ZodObject;
  readonly wire: ToolWire & { _meta: Record<string, string> };
  readonly contract: ContractMeta;
  /** Its schemas in full; the wire shows lighter ones (wire-schema.ts). */
  readonly declared: DeclaredSchemas;
}

export interface InventoryResource {
  readonly def: ResourceDefinition;
  readonly template: UriTemplate | undefined;
  readonly wire: Record<string, unknown>;
  readonly contract: ContractMeta;
}

export interface InventoryPrompt {
  readonly def: PromptDefinition;
  readonly wire: Record<string, unknown>;
  readonly contract: ContractMeta;
}

/** A server's tools, resources and prompts, with everything the kit derives from them computed once at start. */
export interface Inventory {
  readonly server: ServerDefinition;
  readonly tools: ReadonlyMap<string, InventoryTool>;
  /** Deprecated names that still reach a tool; not listed. */
  readonly aliases: ReadonlyMap<string, string>;
  readonly resources: readonly InventoryResource[];
  readonly prompts: ReadonlyMap<string, InventoryPrompt>;
  readonly toolList: readonly Record<string, unknown>[];
  readonly resourceList: readonly Record<string, unknown>[];
  readonly resourceTemplateList: readonly Record<string, unknown>[];
  readonly promptList: readonly Record<string, unknown>[];
}

/** Short: the answer that has more says how to use it (`cursor="…"`, see describeCuts in budget.ts). */
const CURSOR_DESCRIPTION = 'Paging cursor';

export function buildInventory(server: ServerDefinition): Inventory {
  const openWorld = server.openWorld ?? false;
  const tools = new Map<string, InventoryTool>();
  const aliases = new Map<string, string>();
  for (const def of server.tools) {
    if (tools.has(def.name)) throw new Error(`tool ${def.name} is defined twice in server ${server.name}`);
    if (!(def.input instanceof z.ZodObject) || !(def.output instanceof z.ZodObject)) {
      throw new Error(
        `tool ${def.name}: input and output must be z.object(...) schemas (no top-level union or intersection)`,
      );
    }
    let input = def.input.strict();
    let output = def.output;
    if (def.paginate) {
      input = input.extend({ cursor: z.string().max(4096).optional().describe(CURSOR_DESCRIPTION) });
      output = output.extend({ nextCursor: z.string().optional() });
    }
    const { wire: wireNoMeta, declared } = toolContract(def, input, output, openWorld);
    const contract = { version: def.version, hash: contractHash(wireNoMeta, declared) };
    tools.set(def.name, {
      def,
      input,
      output,
      wire: withContractMeta(wireNoMeta, contract),
      contract,
      declared,
    });
    for (const alias of def.aliases ?? []) aliases.set(alias, def.name);
  }
  for (const alias of aliases.keys()) {
    if (tools.has(alias)) throw new Error(`alias ${alias} collides with a tool of the same name`);
  }

  const resources = (server.resources ?? []).map((def): InventoryResource => {
    const template = def.uri.includes('{') ? compileUriTemplate(def.uri) : undefined;
    const wireNoMeta = resourceWire(def, template !== undefined);
    const contract = { version: def.version, hash: contractHash(wireNoMeta) };
    return { def, template, wire: withContractMeta(wireNoMeta, contract), contract };
  });

  const prompts = new Map<string, InventoryPrompt>();
  for (const def of server.prompts ?? []) {
    const wireNoMeta = promptWire(def);
    const contract = { version: def.version, hash: contractHash(wireNoMeta) };
    prompts.set(def.name, { def, wire: withContractMeta(wireNoMeta, contract), contract });
  }

  return {
    server,
    tools,
    aliases,
    resources,
    prompts,
    toolList: [...tools.values()].map((t) => t.wire),
    resourceList: resources.filter((r) => !r.template).map((r) => r.wire),
    resourceTemplateList: resources.filter((r) => r.template).map((r) => r.wire),
    promptList: [...prompts.values()].map((p) => p.wire),
  };
}

export function findTool(inventory: Inventory, name: string): InventoryTool | undefined {
  return inventory.tools.get(name) ?? inventory.tools.get(inventory.aliases.get(name) ?? '');
}

/** The resource whose fixed URI or template matches, with the template's variables. */
export function findResource(
  inventory: Inventory,
  uri: string,
): { resource: InventoryResource; variables: Record<string, string> } | undefined {
  for (const resource of inventory.resources) {
    if (!resource.template) {
      if (resource.def.uri === uri) return { resource, variables: {} };
      continue;
    }
    const variables = resource.template.match(uri);
    if (variables) return { resource, variables };
  }
  return undefined;
}
