import type { Transport } from '@modelcontextprotocol/server';
import type { Identity } from '../identity.ts';
import type { Gate } from '../pipeline/gate.ts';
import { DISPATCHED_METHODS, dispatch } from './dispatch.ts';
import {
  jsonRpcError,
  LEGACY_PROTOCOL_VERSIONS,
  legacyAnswer,
  MODERN_ENVELOPE_KEY,
} from './legacy-jsonrpc.ts';

type Message = Parameters<Transport['send']>[0];
type Id = string | number;
interface Request {
  readonly jsonrpc: '2.0';
  readonly id: Id;
  readonly method: string;
  readonly params?: Record<string, unknown>;
}
interface ClientInfo {
  readonly name: string;
  readonly version: string;
}

/**
 * A session transport (stdio, in memory) whose everyday requests skip the SDK's per-message machinery. Once the
 * SDK has negotiated a 2025-era session, a request the kit can answer without a server-to-client round trip (a
 * read tool, a resource read, a prompt, a listing, a completion, ping) goes straight to `dispatch` — the same
 * pipeline the SDK-served handlers call, as the HTTP fast path already does — and its answer straight to the
 * wire. Everything else reaches the SDK unchanged: initialize and the era it settles, notifications, the client's
 * answers to our requests, 2026-era messages, writes (an approval may be asked through elicitation), and any
 * message whose shape is not a plain request. On a busy session the SDK's schema parsing of every message and
 * every result was most of a call's CPU (bench/pipeline, bench/database).
 */
export function withFastLane(wire: Transport, gate: Gate, identity: Identity): Transport {
  let initializeId: Id | undefined;
  let requestedClient: ClientInfo | undefined;
  let client: ClientInfo | undefined;
  let legacy = false;
  let closed = false;
  const inFlight = new Map<Id, AbortController>();
  let callerIdentity = identity;
  const lane: Transport = {
    start: () => wire.start(),
    close: () => wire.close(),
    send(message, options) {
      const m = message as { id?: Id; result?: { protocolVersion?: unknown } };
      if (initializeId !== undefined && m.id === initializeId) {
        // The SDK answered initialize: the fast lane opens for the era it settled, and only a 2025 one.
        initializeId = undefined;
        const version = m.result?.protocolVersion;
        legacy = (LEGACY_PROTOCOL_VERSIONS as readonly unknown[]).includes(version);
        client = legacy ? requestedClient : undefined;
        callerIdentity = client ? { ...identity, client } : identity;
      }
      return wire.send(message, options);
    },
  };
  wire.onclose = () => {
    closed = true;
    for (const controller of inFlight.values()) controller.abort();
    inFlight.clear();
    lane.onclose?.();
  };
  wire.onerror = (error) => lane.onerror?.(error);
  wire.onmessage = (message, extra) => {
    if (legacy && take(message)) return;
    const m = message as Partial<Request>;
    if (m.method === 'initialize' && m.id !== undefined) {
      initializeId = m.id;
      requestedClient = clientInfoOf(m.params);
      legacy = false;
    }
    lane.onmessage?.(message, extra);
  };
  if (wire.setProtocolVersion) lane.setProtocolVersion = (version) => wire.setProtocolVersion?.(version);
  Object.defineProperty(lane, 'sessionId', { get: () => wire.sessionId, enumerable: true });

  /** Whether the message was ours to answer (and is being answered); false hands it to the SDK. */
  function take(message: Message): boolean {
    const m = message as Partial<Request> & { result?: unknown; error?: unknown };
    if (m.method === 'notifications/cancelled') {
      const id = (m.params as { requestId?: Id } | undefined)?.requestId;
      const controller = id === undefined ? undefined : inFlight.get(id);
      if (!controller) return false;
      controller.abort((m.params as { reason?: unknown }).reason);
      return true;
    }
    if (!isPlainRequest(m) || !DISPATCHED_METHODS.has(m.method) || inFlight.has(m.id)) return false;
    const params = m.params;
    if (params !== undefined) {
      const meta = params._meta;
      if (meta !== null && typeof meta === 'object' && MODERN_ENVELOPE_KEY in meta) return false;
      if (m.method === 'tools/call' && !isReadTool(gate, params.name)) return false;
    } else if (m.method === 'tools/call') return false;
    void answer(m);
    return true;
  }

  async function answer(request: Request): Promise<void> {
    const controller = new AbortController();
    inFlight.set(request.id, controller);
    let response: Message;
    try {
      const outcome = await dispatch(gate, request.method, request.params, {
        identity: callerIdentity,
        signal: controller.signal,
        approvalChannel: 'out-of-band',
      });
      response = legacyAnswer(request.id, outcome) as Message;
    } catch (error) {
      // dispatch answers every failure itself; this is a bug, reported as the SDK would report a thrown handler.
      lane.onerror?.(error as Error);
      response = jsonRpcError(request.id, -32603, 'Internal error') as Message;
    } finally {
      inFlight.delete(request.id);
    }
    // A cancelled request is not answered (the protocol says the receiver should not), nor one on a closed wire.
    if (controller.signal.aborted || closed) return;
    await wire.send(response).catch((error: unknown) => lane.onerror?.(error as Error));
  }
  return lane;
}

function isPlainRequest(m: Partial<Request>): m is Request {
  return (
    m.jsonrpc === '2.0' &&
    typeof m.method === 'string' &&
    (typeof m.id === 'string' || typeof m.id === 'number') &&
    (m.params === undefined ||
      (m.params !== null && typeof m.params === 'object' && !Array.isArray(m.params)))
  );
}

/** A read tool never asks for approval, so it never needs the SDK's server-to-client requests. */
function isReadTool(gate: Gate, name: unknown): boolean {
  if (typeof name !== 'string') return false;
  const { tools, aliases } = gate.inventory;
  const tool = tools.get(name) ?? tools.get(aliases.get(name) ?? '');
  return tool?.def.access === 'read';
}

function clientInfoOf(params: unknown): ClientInfo | undefined {
  const info = (params as { clientInfo?: { name?: unknown; version?: unknown } } | undefined)?.clientInfo;
  return typeof info?.name === 'string' && typeof info.version === 'string'
    ? { name: info.name, version: info.version }
    : undefined;
}
