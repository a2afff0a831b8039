import type { Identity } from '../identity.ts';
import { auditRefusal } from '../pipeline/audit-record.ts';
import type { Gate } from '../pipeline/gate.ts';
import { type DispatchOutcome, dispatch } from './dispatch.ts';
import { serverCapabilities, serverInfo } from './server-info.ts';

/** 2025-era protocol revisions, newest first: the ones the stateless fast path negotiates. */
export const LEGACY_PROTOCOL_VERSIONS = ['2025-11-25', '2025-06-18', '2025-03-26', '2024-11-05'] as const;
/**
 * Revisions whose JSON-RPC carries batches. 2025-06-18 removed them, so a batch under a later revision's header is
 * refused. A request without the header counts as 2025-03-26, as the specification says a server must assume.
 */
const BATCH_PROTOCOL_VERSIONS: readonly string[] = ['2025-03-26', '2024-11-05'];

export function protocolHasBatches(protocolHeader: string | undefined): boolean {
  return protocolHeader === undefined || BATCH_PROTOCOL_VERSIONS.includes(protocolHeader);
}

export const MODERN_ENVELOPE_KEY = 'io.modelcontextprotocol/protocolVersion';

export const PARSE_ERROR = -32700;
export const INVALID_REQUEST = -32600;

type JsonRpcId = string | number | null;
export interface JsonRpcResponse {
  jsonrpc: '2.0';
  id: JsonRpcId;
  result?: unknown;
  error?: { code: number; message: string; data?: unknown };
}

export function jsonRpcError(id: JsonRpcId, code: number, message: string, data?: unknown): JsonRpcResponse {
  return { jsonrpc: '2.0', id, error: { code, message, ...(data === undefined ? {} : { data }) } };
}

/**
 * Whether a parsed POST body is 2025-era traffic: no per-request `_meta` protocol envelope and no 2026
 * protocol-version header. Such requests are served here directly; everything else goes to the SDK's
 * 2026-era handler.
 */
export function isLegacyBody(body: unknown, protocolHeader: string | undefined): boolean {
  if (
    protocolHeader !== undefined &&
    !(LEGACY_PROTOCOL_VERSIONS as readonly string[]).includes(protocolHeader)
  )
    return false;
  const messages = Array.isArray(body) ? body : [body];
  return messages.every((m) => {
    const meta = (m as { params?: { _meta?: Record<string, unknown> } } | null)?.params?._meta;
    return meta === undefined || meta === null || typeof meta !== 'object' || !(MODERN_ENVELOPE_KEY in meta);
  });
}

/**
 * One 2025-era JSON-RPC message, served statelessly without the SDK's per-request server instance: the hot
 * path for most clients in use today. Notifications and client responses return undefined (HTTP 202).
 * There is no server-to-client channel here, so approvals go out of band.
 */
export async function handleLegacyMessage(
  gate: Gate,
  message: unknown,
  identity: Identity,
  signal: AbortSignal | undefined,
): Promise<JsonRpcResponse | undefined> {
  const invalid = async (id: JsonRpcId, why: string) => {
    await auditRefusal(gate, identity, 'jsonrpc', 'invalid_request');
    return jsonRpcError(id, INVALID_REQUEST, `Invalid Request: ${why}`);
  };
  if (message === null || typeof message !== 'object' || Array.isArray(message)) {
    return invalid(null, 'expected a JSON-RPC 2.0 object.');
  }
  const m = message as { jsonrpc?: unknown; id?: unknown; method?: unknown; params?: unknown };
  const id = typeof m.id === 'string' || typeof m.id === 'number' ? m.id : null;
  if (m.jsonrpc !== '2.0') return invalid(id, 'jsonrpc must be "2.0".');
  if (typeof m.method !== 'string') {
    // A response from the client (to nothing we sent on this stateless path): accept and drop.
    if ('result' in m || 'error' in m) return undefined;
    return invalid(id, 'method must be a string.');
  }
  if (m.id === undefined) return undefined; // notification
  if (id === null) return invalid(null, 'id must be a string or number.');

  if (m.method === 'initialize') return { jsonrpc: '2.0', id, result: initializeResult(gate, m.params) };
  const outcome = await dispatch(gate, m.method, m.params, {
    identity,
    ...(signal ? { signal } : {}),
    approvalChannel: 'out-of-band',
  });
  return legacyAnswer(id, outcome);
}

/**
 * A dispatch outcome as a 2025-era JSON-RPC answer, for the paths with no server-to-client channel (stateless
 * HTTP, the session fast lane): an approval question cannot be asked there.
 */
export function legacyAnswer(id: string | number, outcome: DispatchOutcome): JsonRpcResponse {
  if (outcome.kind === 'result') return { jsonrpc: '2.0', id, result: outcome.result };
  if (outcome.kind === 'protocol_error') return jsonRpcError(id, outcome.code, outcome.message, outcome.data);
  return jsonRpcError(id, -32603, 'Internal error: an approval question cannot be asked on this connection.');
}

function initializeResult(gate: Gate, params: unknown): Record<string, unknown> {
  const requested = (params as { protocolVersion?: unknown } | undefined)?.protocolVersion;
  const protocolVersion = (LEGACY_PROTOCOL_VERSIONS as readonly unknown[]).includes(requested)
    ? (requested as string)
    : LEGACY_PROTOCOL_VERSIONS[0];
  const instructions = gate.inventory.server.instructions;
  return {
    protocolVersion,
    capabilities: serverCapabilities(),
    serverInfo: serverInfo(gate.inventory.server),
    ...(instructions ? { instructions } : {}),
  };
}
