import type { Identity } from '../identity.ts';
import type { ApprovalAnswer, ApprovalChannel } from '../pipeline/approve.ts';
import { auditRefusal } from '../pipeline/audit-record.ts';
import type { Gate } from '../pipeline/gate.ts';
import { getPrompt } from '../pipeline/prompt-get.ts';
import { readResource } from '../pipeline/resource-read.ts';
import { APPROVAL_META_KEY } from '../pipeline/results.ts';
import { callTool } from '../pipeline/tool-call.ts';
import type { Lists } from './lists.ts';

export interface DispatchContext {
  readonly identity: Identity;
  readonly signal?: AbortSignal;
  readonly approvalChannel: ApprovalChannel;
  readonly approvalAnswer?: ApprovalAnswer;
}

export type DispatchOutcome =
  | { readonly kind: 'result'; readonly result: Record<string, unknown> }
  | { readonly kind: 'ask'; readonly message: string; readonly state: string; readonly approvalId: string }
  | {
      readonly kind: 'protocol_error';
      readonly code: number;
      readonly message: string;
      readonly data?: unknown;
    };

export const METHOD_NOT_FOUND = -32601;
const INVALID_PARAMS = -32602;

/** The MCP methods every Gatehouse server answers, whatever the transport or protocol era. */
export const DISPATCHED_METHODS = new Set([
  'ping',
  'tools/list',
  'tools/call',
  'resources/list',
  'resources/templates/list',
  'resources/read',
  'prompts/list',
  'prompts/get',
]);

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/**
 * One MCP request to its result, through the kit's pipeline. Transport-agnostic: the fast HTTP path and the
 * SDK-served paths (stdio, 2026-era HTTP) both call this, so behaviour cannot drift between them.
 */
export async function dispatch(
  gate: Gate,
  lists: Lists,
  method: string,
  rawParams: unknown,
  ctx: DispatchContext,
): Promise<DispatchOutcome> {
  const params = record(rawParams);
  switch (method) {
    case 'ping':
      return { kind: 'result', result: {} };
    case 'tools/list':
      return { kind: 'result', result: { tools: lists.tools(ctx.identity) } };
    case 'tools/call': {
      if (typeof params.name !== 'string')
        return invalid(gate, ctx, method, 'tools/call needs params.name (the tool name).');
      const approvalId = record(params._meta)[APPROVAL_META_KEY];
      return callTool(gate, params.name, params.arguments, {
        identity: ctx.identity,
        approvalChannel: ctx.approvalChannel,
        ...(ctx.signal ? { signal: ctx.signal } : {}),
        ...(typeof approvalId === 'string' ? { approvalId } : {}),
        ...(ctx.approvalAnswer ? { approvalAnswer: ctx.approvalAnswer } : {}),
      }) as Promise<DispatchOutcome>;
    }
    case 'resources/list':
      return { kind: 'result', result: { resources: await listResources(gate, lists, ctx) } };
    case 'resources/templates/list':
      return { kind: 'result', result: { resourceTemplates: lists.resourceTemplates(ctx.identity) } };
    case 'resources/read': {
      if (typeof params.uri !== 'string')
        return invalid(gate, ctx, method, 'resources/read needs params.uri.');
      return readResource(gate, params.uri, ctx.identity, ctx.signal) as Promise<DispatchOutcome>;
    }
    case 'prompts/list':
      return { kind: 'result', result: { prompts: lists.prompts(ctx.identity) } };
    case 'prompts/get': {
      if (typeof params.name !== 'string')
        return invalid(gate, ctx, method, 'prompts/get needs params.name (the prompt name).');
      return getPrompt(
        gate,
        params.name,
        params.arguments,
        ctx.identity,
        ctx.signal,
      ) as Promise<DispatchOutcome>;
    }
    default:
      await auditRefusal(gate, ctx.identity, method.slice(0, 100), 'method_not_found');
      return { kind: 'protocol_error', code: METHOD_NOT_FOUND, message: `Method not found: ${method}` };
  }
}

/** A request the pipeline cannot even start on: refused, and audited like every refusal. */
async function invalid(
  gate: Gate,
  ctx: DispatchContext,
  method: string,
  message: string,
): Promise<DispatchOutcome> {
  await auditRefusal(gate, ctx.identity, method, 'invalid_params');
  return { kind: 'protocol_error', code: INVALID_PARAMS, message };
}

/** Fixed resources, plus the concrete resources each template lists that the caller may read. */
async function listResources(
  gate: Gate,
  lists: Lists,
  ctx: DispatchContext,
): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [...lists.resources(ctx.identity)];
  for (const resource of gate.inventory.resources) {
    if (!resource.template || !resource.def.list) continue;
    const listings = await resource.def.list({
      identity: ctx.identity,
      signal: ctx.signal ?? new AbortController().signal,
    });
    for (const listing of listings) {
      const variables = resource.template.match(listing.uri);
      if (!variables) continue;
      const decision = gate.authorize({
        identity: ctx.identity,
        kind: 'resource',
        name: resource.def.name,
        scopes: resource.def.scopes,
        target: resource.def.target(variables),
      });
      if (decision.allowed)
        out.push({
          ...listing,
          ...(listing.mimeType || !resource.def.mimeType ? {} : { mimeType: resource.def.mimeType }),
        });
    }
  }
  return out;
}
