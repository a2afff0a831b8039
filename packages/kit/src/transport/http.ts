import {
  createServer,
  type IncomingMessage,
  type Server as NodeHttpServer,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { toNodeHandler } from '@modelcontextprotocol/node';
import { type AuthInfo, createMcpHandler } from '@modelcontextprotocol/server';
import { type AuthOutcome, isAuthRefusal } from '../auth/outcome.ts';
import type { ProtectedResource } from '../auth/protected-resource.ts';
import { credentialRefusal, type HttpRefusal, insufficientScopeRefusal } from '../auth/refusals.ts';
import { auditScopeRefusal, scopeShortfall } from '../auth/scope-challenge.ts';
import type { Identity } from '../identity.ts';
import { auditRefusal } from '../pipeline/audit-record.ts';
import { dispatch } from '../protocol/dispatch.ts';
import { handleLegacyMessage, isLegacyBody, jsonRpcError, PARSE_ERROR } from '../protocol/legacy-jsonrpc.ts';
import { createSdkServer } from '../protocol/sdk-server.ts';
import type { KitServer } from '../server.ts';
import { answerBatch, DEFAULT_MAX_BATCH_ANSWER_BYTES, DEFAULT_MAX_BATCH_MESSAGES } from './batch.ts';
import { createHostGuard } from './http-guards.ts';
import {
  answerClientErrors,
  DEFAULT_MAX_BODY_BYTES,
  jsonNestsDeeperThan,
  MAX_JSON_DEPTH,
  serverTimeouts,
} from './http-limits.ts';
import { metricsKeyCheck } from './metrics-key.ts';
import { type ModernToolCall, modernAnswer, modernToolCall, withClient } from './modern-tool-call.ts';
import { mcpRequestHeaders } from './request-headers.ts';

export interface HttpTransportOptions {
  readonly host: string;
  readonly port: number;
  /** Hostnames accepted in the Host header; defaults to the loopback names when bound to loopback. */
  readonly allowedHosts?: readonly string[];
  /** Browser origins allowed to call (`https://app.example.com`); loopback origins are allowed on loopback. */
  readonly allowedOrigins?: readonly string[];
  readonly maxBodyBytes?: number;
  /** Time a client has to send a whole request, headers and body (default 30 s); slower clients get 408. */
  readonly requestTimeoutMs?: number;
  /**
   * Who is calling, from the request's credentials. Undefined or a refusal answers 401 (a refusal's description
   * goes into `error_description`; an `unavailable` one answers 503). May return a promise (token verification);
   * a plain value is used without an await. `authorization` is the request's Authorization header, already read.
   */
  readonly authenticate: (req: IncomingMessage, authorization?: string) => AuthOutcome | Promise<AuthOutcome>;
  /** Set when this server is an OAuth resource server: serves its RFC 9728 metadata and names it in challenges. */
  readonly protectedResource?: ProtectedResource;
  /** Most messages in one JSON-RPC batch (default 100); longer batches are refused before any message runs. */
  readonly maxBatchMessages?: number;
  /** Most bytes a batch answers (default 4 MiB); messages after the one that reaches it are not run. */
  readonly maxBatchAnswerBytes?: number;
  /** When set (`sha256:<hex>` or the key itself), `/metrics` answers only `Authorization: Bearer <key>`. */
  readonly metricsKey?: string;
  /**
   * On close, how long requests already running may take to finish (default 20 s, under Kubernetes' 30 s grace
   * period); connections still busy after that are cut.
   */
  readonly drainTimeoutMs?: number;
}

export const DEFAULT_DRAIN_TIMEOUT_MS = 20_000;

export interface RunningHttpServer {
  readonly url: string;
  readonly port: number;
  readonly server: NodeHttpServer;
  close(): Promise<void>;
}

const OPS_PATHS = new Set(['/healthz', '/readyz', '/metrics']);
/** Where a request's AbortController hangs on its response, for the one shared 'close' listener. */
const ABORT = Symbol('gatehouse.abort');
type AbortableResponse = ServerResponse & { [ABORT]?: AbortController };
const ANONYMOUS: Identity = { actor: 'anonymous', roles: [], scopes: [], via: 'anonymous' };

/**
 * Stateless Streamable HTTP on Node's http server, with health, readiness and metrics. 2025-era requests (what
 * most clients speak) are answered directly by the kit; 2026-era requests go to the SDK's handler over the same
 * dispatch. No state lives in the process between requests, so replicas scale behind any load balancer.
 */
export async function serveHttp(kit: KitServer, options: HttpTransportOptions): Promise<RunningHttpServer> {
  const { gate } = kit;
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const guard = createHostGuard(options.host, options.allowedHosts, options.allowedOrigins);
  const modern = createMcpHandler(
    ({ authInfo }) =>
      createSdkServer(gate, (server) =>
        withClient((authInfo?.extra?.identity as Identity) ?? ANONYMOUS, server.getClientVersion()),
      ),
    { legacy: 'reject', maxRequestBodySize: maxBody },
  );
  const modernNode = toNodeHandler(modern, { maxRequestBodySize: maxBody });

  const batchLimits = {
    maxMessages: options.maxBatchMessages ?? DEFAULT_MAX_BATCH_MESSAGES,
    maxAnswerBytes: options.maxBatchAnswerBytes ?? DEFAULT_MAX_BATCH_ANSWER_BYTES,
  };
  const metricsKeyMatches = metricsKeyCheck(options.metricsKey);

  /** A refusal with a JSON-RPC error body, audited under `endpoint` (default `/mcp`). */
  const refuse = async (
    res: ServerResponse,
    status: number,
    code: string,
    message: string,
    identity: Identity = ANONYMOUS,
    headers: Record<string, string> = {},
    endpoint = '/mcp',
  ) => {
    await auditRefusal(gate, identity, endpoint, code);
    sendJson(
      res,
      status,
      jsonRpcError(null, status === 400 ? PARSE_ERROR : -32000, message, { code }),
      headers,
    );
  };

  const resourceMetadata = options.protectedResource?.metadataUrl;
  /** 401 (or 503) for missing or refused credentials, audited under the precise reason. */
  const refuseCredentials = async (res: ServerResponse, refusal: HttpRefusal) => {
    await auditRefusal(gate, ANONYMOUS, '/mcp', refusal.auditCode);
    sendJson(res, refusal.status, refusal.body, refusal.headers);
  };

  const handleMcp = async (req: IncomingMessage, res: ServerResponse) => {
    const headers = mcpRequestHeaders(req);
    const refusal = guard.check(headers.host, headers.origin);
    if (refusal) return refuse(res, 403, 'forbidden', refusal);
    if (req.method !== 'POST') {
      const message = 'Method not allowed: this endpoint is stateless; POST JSON-RPC messages.';
      if (req.method === 'GET') {
        // A client's probe for a server-to-client stream, which the protocol answers with 405 when the server
        // offers none: noise, not a refused request. Recorded as answered, so denials stay meaningful.
        await auditRefusal(gate, ANONYMOUS, '/mcp', 'sse_not_offered', {
          decision: 'allowed',
          outcome: 'ok',
        });
        return sendJson(res, 405, jsonRpcError(null, -32000, message, { code: 'method_not_allowed' }), {
          allow: 'POST',
        });
      }
      return refuse(res, 405, 'method_not_allowed', message, ANONYMOUS, { allow: 'POST' });
    }
    const attempt = options.authenticate(req, headers.authorization);
    const outcome = attempt instanceof Promise ? await attempt : attempt;
    if (outcome === undefined || isAuthRefusal(outcome)) {
      const sent = headers.authorization !== undefined;
      return refuseCredentials(res, credentialRefusal(outcome?.refusal, sent, resourceMetadata));
    }
    const identity = outcome;
    const contentType = headers.contentType ?? '';
    if (contentType !== 'application/json' && !/^application\/json\s*(;|$)/i.test(contentType)) {
      return refuse(res, 415, 'unsupported_media_type', 'Content-Type must be application/json.', identity);
    }
    const declared = Number(headers.contentLength ?? 0);
    const raw = declared > maxBody ? undefined : await readBody(req, maxBody);
    // The client went away or was cut off mid-body (Node answers and audits a timeout itself): nothing to answer.
    if (raw === null) return;
    if (raw === undefined) {
      const message = `The request body is larger than the ${maxBody}-byte limit.`;
      return refuse(res, 413, 'payload_too_large', message, identity, { connection: 'close' });
    }
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      return refuse(res, 400, 'parse_error', 'Parse error: the body is not valid JSON.', identity);
    }
    if (jsonNestsDeeperThan(raw, MAX_JSON_DEPTH)) {
      const message = `Parse error: the body nests deeper than ${MAX_JSON_DEPTH} levels.`;
      return refuse(res, 400, 'too_deeply_nested', message, identity);
    }
    const shortfall = scopeShortfall(gate, identity, body);
    if (shortfall) {
      await auditScopeRefusal(gate, identity, shortfall);
      const refusal = insufficientScopeRefusal(shortfall, body as { id?: unknown }, resourceMetadata);
      return sendJson(res, refusal.status, refusal.body, refusal.headers);
    }
    const protocolHeader = headers.protocolVersion;
    if (!isLegacyBody(body, protocolHeader)) {
      const fast = modernToolCall(gate, body, headers, identity);
      if (fast) return answerModernToolCall(res, fast);
      (req as IncomingMessage & { auth?: AuthInfo }).auth = {
        token: '',
        clientId: identity.actor,
        scopes: [...(identity.scopeCeiling ?? identity.scopes)],
        extra: { identity },
      };
      await modernNode(req, res, body);
      // The SDK refused it at the protocol layer (bad envelope, unsupported revision): the pipeline never saw it.
      if (res.statusCode >= 400) await auditRefusal(gate, identity, '/mcp', 'protocol_error');
      return;
    }
    // Aborted by the one 'close' listener every answer has (below) if the client goes away before the answer.
    const abort = new AbortController();
    (res as AbortableResponse)[ABORT] = abort;
    if (Array.isArray(body)) {
      const answer = await answerBatch(gate, body, identity, protocolHeader, abort.signal, batchLimits);
      if (answer.kind === 'refused') return sendJson(res, 400, answer.body);
      if (answer.kind === 'empty') return sendEmpty(res, 202);
      return sendText(res, 200, answer.text);
    }
    const response = await handleLegacyMessage(gate, body, identity, abort.signal);
    if (!response) return sendEmpty(res, 202);
    sendText(res, 200, JSON.stringify(response));
  };

  /** A 2026-era read tool call the kit answers itself (modern-tool-call.ts): the SDK's answer, without its cost. */
  const answerModernToolCall = async (res: ServerResponse, call: ModernToolCall) => {
    const abort = new AbortController();
    (res as AbortableResponse)[ABORT] = abort;
    const outcome = await dispatch(gate, 'tools/call', call.params, {
      identity: call.identity,
      signal: abort.signal,
      approvalChannel: call.canAsk ? 'elicitation' : 'out-of-band',
    });
    sendText(res, 200, JSON.stringify(modernAnswer(gate, call.id, outcome)));
  };

  /** `/healthz`, `/readyz` and `/metrics`: under the same Host and Origin check as `/mcp` (DNS rebinding). */
  const handleOps = async (path: string, req: IncomingMessage, res: ServerResponse) => {
    const refusal = guard.check(req.headers.host, req.headers.origin);
    if (refusal) return refuse(res, 403, 'forbidden', refusal, ANONYMOUS, {}, path);
    if (path === '/healthz') return sendJson(res, 200, { status: 'ok' });
    if (path === '/readyz') {
      const ready = gate.audit.healthy();
      return sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'audit sink unavailable' });
    }
    if (metricsKeyMatches && !metricsKeyMatches(req.headers.authorization)) {
      const message =
        'Missing or invalid credentials: /metrics needs Authorization: Bearer <GATEHOUSE_METRICS_KEY>.';
      const challenge = { 'www-authenticate': 'Bearer realm="gatehouse-metrics"' };
      return refuse(res, 401, 'unauthenticated', message, ANONYMOUS, challenge, path);
    }
    sendText(res, 200, gate.metrics.render(), 'text/plain; version=0.0.4');
  };

  const route = (path: string, req: IncomingMessage, res: ServerResponse): Promise<void> | undefined => {
    if (path === '/mcp') return handleMcp(req, res);
    if (OPS_PATHS.has(path)) return handleOps(path, req, res);
    if (options.protectedResource?.paths.includes(path)) {
      // Public and static: any origin may read it (browser-based clients discover the issuer from here).
      sendJson(res, 200, options.protectedResource.metadata, {
        'cache-control': 'public, max-age=3600',
        'access-control-allow-origin': '*',
      });
      return;
    }
    sendJson(res, 404, { error: 'not found', endpoints: ['/mcp', '/healthz', '/readyz', '/metrics'] });
  };

  /**
   * Nothing a request does may take the server down or leave the client hanging: a failure of any route, thrown
   * or rejected, becomes a 500 with a JSON-RPC error body for that request, a log line and an audit record.
   */
  const failed = (path: string, res: ServerResponse, error: unknown) => {
    try {
      gate.logger.error({ err: gate.redactor.redactText(String(error), {}), path }, 'HTTP request failed');
    } catch {
      // A logger that throws must not stop the answer.
    }
    const endpoint = path === '/mcp' || OPS_PATHS.has(path) ? path : 'http';
    void auditRefusal(gate, ANONYMOUS, endpoint, 'internal_error', { decision: 'allowed', outcome: 'error' });
    if (res.headersSent) {
      res.destroy();
      return;
    }
    sendJson(res, 500, jsonRpcError(null, -32603, 'Internal error.', { code: 'internal_error' }));
  };

  // Requests being answered: close() waits for them (a rolling update or a SIGTERM must not cut a call short).
  let inFlight = 0;
  let closing = false;
  let drained: (() => void) | undefined;
  /** The one listener every answer gets (a shared function, not a closure per request): it runs on every request. */
  function answered(this: AbortableResponse) {
    inFlight--;
    // The client went away before its answer was sent: the call under way is cancelled.
    if (!this.writableFinished) this[ABORT]?.abort();
    if (!closing) return;
    // The connection this answer leaves idle would stay open for keep-alive: close it now.
    setImmediate(() => server.closeIdleConnections());
    if (inFlight === 0) drained?.();
  }
  const server = createServer(serverTimeouts(options.requestTimeoutMs), (req, res) => {
    inFlight++;
    res.once('close', answered);
    if (closing) res.shouldKeepAlive = false;
    const url = req.url ?? '/';
    const query = url.indexOf('?');
    const path = query === -1 ? url : url.slice(0, query);
    try {
      route(path, req, res)?.catch((error: unknown) => failed(path, res, error));
    } catch (error) {
      failed(path, res, error);
    }
  });
  server.keepAliveTimeout = 65_000;
  answerClientErrors(server, (code) => auditRefusal(gate, ANONYMOUS, 'http', code));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const hostForUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${hostForUrl}:${address.port}/mcp`,
    port: address.port,
    server,
    async close() {
      closing = true;
      // Stop accepting and close idle keep-alive connections; answers under way finish, up to the drain limit.
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      if (inFlight > 0) {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          new Promise<void>((resolve) => {
            drained = resolve;
          }),
          new Promise<void>((resolve) => {
            timer = setTimeout(resolve, options.drainTimeoutMs ?? DEFAULT_DRAIN_TIMEOUT_MS);
          }),
        ]);
        clearTimeout(timer);
      }
      await modern.close().catch(() => undefined);
      server.closeAllConnections();
      await stopped;
    },
  };
}

/** The body as text, undefined when it exceeds the limit (the rest is not read), null when the request failed. */
function readBody(req: IncomingMessage, limit: number): Promise<string | undefined | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.pause();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () =>
      resolve(
        chunks.length === 1 ? (chunks[0] as Buffer).toString('utf8') : Buffer.concat(chunks).toString('utf8'),
      ),
    );
    req.on('error', () => resolve(null));
  });
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

function sendText(res: ServerResponse, status: number, text: string, type = 'application/json'): void {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function sendEmpty(res: ServerResponse, status: number): void {
  res.writeHead(status);
  res.end();
}
