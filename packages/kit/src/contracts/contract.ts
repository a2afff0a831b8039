import type { z } from 'zod';
import type { Access, PromptDefinition, ResourceDefinition, ToolDefinition } from './define.ts';
import { canonicalJson, digest } from '../digest.ts';
import { fullJsonSchema, modelInputSchema, wireOutputSchema } from './wire-schema.ts';

/**
 * The `_meta` key under which every tool, resource and prompt carries its contract pin: `<version>+<hash>`, the
 * contract hash as semver build metadata (which is what build metadata is for: it names the exact build and never
 * changes precedence). One short string, so clients compare one value and the pin costs few tokens in tools/list.
 */
export const CONTRACT_META_KEY = 'dev.gatehouse/contract';

export interface ContractMeta {
  readonly version: string;
  readonly hash: string;
}

export const contractPin = (meta: ContractMeta) => `${meta.version}+${meta.hash}`;

/**
 * MCP tool annotations without the title (the tool's own `title` says it). A read-only tool states only
 * readOnlyHint and openWorldHint: the spec gives destructiveHint and idempotentHint meaning only when readOnlyHint
 * is false. A tool that writes states all four, never leaving a safety hint to a client's default.
 */
export type ToolAnnotations =
  | { readonly readOnlyHint: true; readonly openWorldHint: boolean }
  | {
      readonly readOnlyHint: false;
      readonly destructiveHint: boolean;
      readonly idempotentHint: boolean;
      readonly openWorldHint: boolean;
    };

export function annotationsFor(access: Access, openWorld: boolean): ToolAnnotations {
  if (access === 'read') return { readOnlyHint: true, openWorldHint: openWorld };
  return {
    readOnlyHint: false,
    destructiveHint: access === 'destructive',
    idempotentHint: false,
    openWorldHint: openWorld,
  };
}

/**
 * Contract hash: over the wire JSON without `_meta` (so the hash never depends on itself) and, for a tool, its
 * declared schemas (so a narrowed input guard or a changed output type that the wire does not show changes it).
 * 32 bits: it tells one contract from the next; nobody has to search for a collision.
 */
export function contractHash(wire: Record<string, unknown>, declared?: DeclaredSchemas): string {
  const hashed = declared === undefined ? wire : { wire, declared };
  return digest(hashed).slice('sha256:'.length, 'sha256:'.length + 8);
}

export function withContractMeta<T extends Record<string, unknown>>(
  wire: T,
  meta: ContractMeta,
): T & { _meta: Record<string, string> } {
  return { ...wire, _meta: { [CONTRACT_META_KEY]: contractPin(meta) } };
}

export interface ToolWire extends Record<string, unknown> {
  name: string;
  title: string;
  description: string;
  inputSchema: Record<string, unknown>;
  outputSchema: Record<string, unknown>;
  annotations: ToolAnnotations;
}

/**
 * A tool's schemas in full: the input its validation enforces and the output it guarantees. The wire shows a
 * lighter form of each (wire-schema.ts); the contract snapshot keeps these, and breaking changes are judged on them.
 */
export interface DeclaredSchemas {
  readonly inputSchema: Record<string, unknown>;
  readonly outputSchema: Record<string, unknown>;
}

/** A tool's contract: what tools/list shows, and its declared schemas. */
export interface ToolContract {
  readonly wire: ToolWire;
  readonly declared: DeclaredSchemas;
}

export function toolContract(
  tool: ToolDefinition,
  input: z.ZodObject,
  output: z.ZodObject,
  openWorld: boolean,
): ToolContract {
  const declared = {
    inputSchema: fullJsonSchema(input, 'input'),
    outputSchema: fullJsonSchema(output, 'output'),
  };
  return {
    wire: {
      name: tool.name,
      title: tool.title,
      description: tool.description,
      inputSchema: modelInputSchema(declared.inputSchema),
      outputSchema: wireOutputSchema(declared.outputSchema),
      annotations: annotationsFor(tool.access, openWorld),
    },
    declared,
  };
}

export function resourceWire(resource: ResourceDefinition, isTemplate: boolean): Record<string, unknown> {
  return {
    ...(isTemplate ? { uriTemplate: resource.uri } : { uri: resource.uri }),
    name: resource.name,
    title: resource.title,
    description: resource.description,
    ...(resource.mimeType ? { mimeType: resource.mimeType } : {}),
  };
}

export function promptWire(prompt: PromptDefinition): Record<string, unknown> {
  const json = fullJsonSchema(prompt.args, 'input');
  const properties = (json.properties ?? {}) as Record<string, { description?: string }>;
  const required = new Set((json.required ?? []) as string[]);
  return {
    name: prompt.name,
    title: prompt.title,
    description: prompt.description,
    arguments: Object.entries(properties).map(([name, schema]) => ({
      name,
      ...(schema.description ? { description: schema.description } : {}),
      required: required.has(name),
    })),
  };
}

/** Stable text of a contract for snapshots: canonical key order, two-space indent, trailing newline. */
export function contractSnapshotText(contract: unknown): string {
  return `${JSON.stringify(JSON.parse(canonicalJson(contract)), null, 2)}\n`;
}
