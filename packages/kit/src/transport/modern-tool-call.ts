import {
  CLIENT_CAPABILITIES_META_KEY,
  CLIENT_INFO_META_KEY,
  classifyInboundRequest,
  PROTOCOL_VERSION_META_KEY,
  SERVER_INFO_META_KEY,
} from '@modelcontextprotocol/server';
import { findTool } from '../contracts/inventory.ts';
import type { Identity } from '../identity.ts';
import type { Gate } from '../pipeline/gate.ts';
import type { DispatchOutcome } from '../protocol/dispatch.ts';
import { type JsonRpcResponse, jsonRpcError } from '../protocol/legacy-jsonrpc.ts';
import { serverInfo } from '../protocol/server-info.ts';
import type { McpRequestHeaders } from './request-headers.ts';

/**
 * A 2026-era `tools/call` of a read tool that the kit answers itself instead of through the SDK's handler, which
 * builds a server, a per-request transport and web `Request`/`Response` objects for every request (~0.9 ms of CPU
 * each in bench/pipeline, against ~0.1 ms here). Only the plainest, fully valid form qualifies; anything else —
 * another method, a write (its approval may need an input-required round trip), a header or envelope the SDK
 * would refuse, a field the SDK would parse or strip, an `Mcp-Name` in its Base64 form — is left to the SDK, so
 * every refusal and every less common request is still the SDK's own. The envelope is checked by the SDK's own
 * classifier; the standard headers must be present and equal to the body verbatim (a strict subset of what the
 * SDK accepts); the answer is framed as the SDK frames a handler's result (`resultType`, the server's identity
 * in `_meta`, JSON-RPC error for a protocol error, HTTP 200 either way).
 */
export interface ModernToolCall {
  readonly id: string | number;
  readonly params: Record<string, unknown>;
  /** The caller, with the client named in the envelope (what the SDK path records). */
  readonly identity: Identity;
  /** Whether the client declared it can answer an elicitation (the SDK path's approval channel). */
  readonly canAsk: boolean;
}

const BODY_KEYS = new Set(['jsonrpc', 'id', 'method', 'params']);
const PARAM_KEYS = new Set(['name', 'arguments', '_meta']);
const META_KEYS = new Set([PROTOCOL_VERSION_META_KEY, CLIENT_CAPABILITIES_META_KEY, CLIENT_INFO_META_KEY]);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Envelopes (with the protocol-version header they came with) the SDK's classifier routed as a valid 2026-era
 * request. Its verdict on a request of the shape checked above depends on nothing else (the method, `jsonrpc` and
 * the id's type are fixed by those checks; the tool's name and arguments are not its concern), and a client sends
 * the same envelope on every call: its schema validation (most of the classifier's cost) runs once per envelope.
 * Bounded; cleared when full.
 */
const acceptedEnvelopes = new Set<string>();
const ACCEPTED_ENVELOPES_MAX = 512;

function envelopeAccepted(
  body: Record<string, unknown>,
  meta: Record<string, unknown>,
  version: string,
): boolean {
  const key = `${version}\n${JSON.stringify(meta)}`;
  if (acceptedEnvelopes.has(key)) return true;
  const route = classifyInboundRequest({
    httpMethod: 'POST',
    body,
    protocolVersionHeader: version,
    mcpMethodHeader: 'tools/call',
  });
  if (route.kind !== 'modern' || route.classification.revision !== version) return false;
  if (acceptedEnvelopes.size >= ACCEPTED_ENVELOPES_MAX) acceptedEnvelopes.clear();
  acceptedEnvelopes.add(key);
  return true;
}

/** The request as a fast-path tool call, or undefined when the SDK should serve it. */
export function modernToolCall(
  gate: Gate,
  body: unknown,
  headers: McpRequestHeaders,
  identity: Identity,
): ModernToolCall | undefined {
  if (!isPlainObject(body) || body.method !== 'tools/call' || body.jsonrpc !== '2.0') return undefined;
  const { id, params } = body;
  if (typeof id !== 'string' && !Number.isSafeInteger(id)) return undefined;
  if (!isPlainObject(params)) return undefined;
  for (const key of Object.keys(body)) if (!BODY_KEYS.has(key)) return undefined;
  const { name, arguments: args, _meta: meta } = params;
  if (typeof name !== 'string' || (args !== undefined && !isPlainObject(args)) || !isPlainObject(meta))
    return undefined;
  for (const key of Object.keys(params)) if (!PARAM_KEYS.has(key)) return undefined;
  for (const key of Object.keys(meta)) if (!META_KEYS.has(key)) return undefined;
  // The standard headers, verbatim: any other spelling (whitespace, the Base64 form) is the SDK's to judge.
  const version = headers.protocolVersion;
  if (headers.mcpMethod !== 'tools/call' || headers.mcpName !== name || version === undefined)
    return undefined;
  if (!envelopeAccepted(body, meta, version)) return undefined;
  // Reads only: a read never needs approval, so it can never need the SDK's input-required round trip.
  if (findTool(gate.inventory, name)?.def.access !== 'read') return undefined;
  const client = meta[CLIENT_INFO_META_KEY];
  const caps = meta[CLIENT_CAPABILITIES_META_KEY];
  const elicitation = isPlainObject(caps) ? caps.elicitation : undefined;
  return {
    id: id as string | number,
    params,
    identity:
      isPlainObject(client) && typeof client.name === 'string'
        ? withClient(identity, client as { name: string; version?: unknown })
        : identity,
    canAsk: isPlainObject(elicitation) && (elicitation.form !== undefined || elicitation.url === undefined),
  };
}

/** The caller with the client it names (the SDK path reads it from the server it built, this one from the body). */
export function withClient(
  identity: Identity,
  client: { name: string; version?: unknown } | undefined,
): Identity {
  if (!client) return identity;
  const version = typeof client.version === 'string' && client.version ? { version: client.version } : {};
  return { ...identity, client: { name: client.name, ...version } };
}

/** What the SDK adds to a handler's result on this revision: `resultType` and the server's identity. */
export function modernResult(gate: Gate, result: Record<string, unknown>): Record<string, unknown> {
  const stamped = result.resultType === undefined ? { ...result, resultType: 'complete' } : result;
  const meta = stamped._meta;
  if (meta !== undefined && (!isPlainObject(meta) || meta[SERVER_INFO_META_KEY] !== undefined))
    return stamped;
  return { ...stamped, _meta: { ...meta, [SERVER_INFO_META_KEY]: serverInfo(gate.inventory.server) } };
}

/**
 * The JSON-RPC answer the SDK would send for this dispatch outcome: a result stamped as above, or a protocol
 * error with the revision's error-code mapping (-32002, resource not found, is -32602 on this revision).
 */
export function modernAnswer(gate: Gate, id: string | number, outcome: DispatchOutcome): JsonRpcResponse {
  if (outcome.kind === 'result')
    return { jsonrpc: '2.0', id, result: modernResult(gate, outcome.result as Record<string, unknown>) };
  if (outcome.kind === 'protocol_error') {
    const code = outcome.code === RESOURCE_NOT_FOUND ? INVALID_PARAMS : outcome.code;
    return jsonRpcError(id, code, outcome.message, outcome.data);
  }
  // An approval question: never for a read, which is all this path serves.
  return jsonRpcError(id, INTERNAL_ERROR, 'Internal error');
}

const RESOURCE_NOT_FOUND = -32002;
const INVALID_PARAMS = -32602;
const INTERNAL_ERROR = -32603;
