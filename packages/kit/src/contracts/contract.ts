import { z } from 'zod';
import type { Access, PromptDefinition, ResourceDefinition, ToolDefinition } from './define.ts';
import { canonicalJson, digest } from '../digest.ts';

/** The `_meta` key under which every tool, resource and prompt carries its contract version and hash. */
export const CONTRACT_META_KEY = 'dev.gatehouse/contract';

export interface ContractMeta {
  readonly version: string;
  readonly hash: string;
}

export interface ToolAnnotations {
  readonly title: string;
  readonly readOnlyHint: boolean;
  readonly destructiveHint: boolean;
  readonly idempotentHint: boolean;
  readonly openWorldHint: boolean;
}

const ANNOTATIONS: Record<Access, Omit<ToolAnnotations, 'title' | 'openWorldHint'>> = {
  read: { readOnlyHint: true, destructiveHint: false, idempotentHint: true },
  write: { readOnlyHint: false, destructiveHint: false, idempotentHint: false },
  destructive: { readOnlyHint: false, destructiveHint: true, idempotentHint: false },
};

export function annotationsFor(access: Access, title: string, openWorld: boolean): ToolAnnotations {
  return { title, ...ANNOTATIONS[access], openWorldHint: openWorld };
}

/** JSON Schema for the wire: zod's 2020-12 output without the `$schema` line every client already assumes. */
export function wireJsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  delete json.$schema;
  return json;
}

/** Contract hash: over the wire JSON without `_meta`, so the hash never depends on itself. */
export function contractHash(wire: Record<string, unknown>): string {
  return digest(wire).slice('sha256:'.length, 'sha256:'.length + 16);
}

export function withContractMeta<T extends Record<string, unknown>>(
  wire: T,
  version: string,
): T & { _meta: Record<string, ContractMeta> } {
  return { ...wire, _meta: { [CONTRACT_META_KEY]: { version, hash: contractHash(wire) } } };
}

export interface ToolWire extends Record<string, unknown> {
  name: string;
  title: string;
  description: string;
  inputSchema: Record<string, unknown>;
  outputSchema: Record<string, unknown>;
  annotations: ToolAnnotations;
}

export function toolWire(
  tool: ToolDefinition,
  input: z.ZodObject,
  output: z.ZodObject,
  openWorld: boolean,
): ToolWire {
  return {
    name: tool.name,
    title: tool.title,
    description: tool.description,
    inputSchema: wireJsonSchema(input, 'input'),
    outputSchema: wireJsonSchema(output, 'output'),
    annotations: annotationsFor(tool.access, tool.title, openWorld),
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
  const json = wireJsonSchema(prompt.args, 'input');
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
