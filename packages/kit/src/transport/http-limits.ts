import type { Server as NodeHttpServer, ServerOptions } from 'node:http';
import type { Socket } from 'node:net';

/** How long a client has to send a whole request (headers and body); the tool's own deadline starts after. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
/** Largest request body accepted (GATEHOUSE_MAX_BODY_BYTES); here, not in http.ts, so the settings need not load HTTP. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
/** Deeper than any tool input needs; far shallower than what would exhaust a recursive walk of the value. */
export const MAX_JSON_DEPTH = 64;

/**
 * Node's own limits, set so a slow or stalled client (slowloris, a body trickled a byte at a time) is cut off
 * instead of holding a connection for Node's default five minutes. Expiry is only checked every
 * `connectionsCheckingInterval`, so that is kept well under the timeout.
 */
export function serverTimeouts(requestTimeoutMs = DEFAULT_REQUEST_TIMEOUT_MS): ServerOptions {
  return {
    requestTimeout: requestTimeoutMs,
    headersTimeout: Math.min(10_000, requestTimeoutMs),
    connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(requestTimeoutMs / 4))),
  };
}

/** Whether a parsed JSON value nests deeper than `max` arrays/objects. Iterative: no depth can overflow it. */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop() as [unknown, number];
    if (current === null || typeof current !== 'object') continue;
    if (depth >= max) return true;
    for (const child of Array.isArray(current) ? current : Object.values(current)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return false;
}

const CLIENT_ERRORS: Record<string, { status: number; reason: string; code: string; message: string }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    reason: 'Request Header Fields Too Large',
    code: 'headers_too_large',
    message: 'The request headers are larger than the server accepts.',
  },
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    reason: 'Request Timeout',
    code: 'request_timeout',
    message: 'The request was not received in time.',
  },
};
const BAD_REQUEST = {
  status: 400,
  reason: 'Bad Request',
  code: 'bad_http_request',
  message: 'The request is not valid HTTP.',
};

/**
 * Requests Node's HTTP parser refuses itself (malformed HTTP, oversize headers, a request not received in time)
 * get the same JSON-RPC error body as every other refusal, and an audit record, instead of Node's bare status
 * line. Mirrors Node's default: nothing is written once a response has started or the peer is gone.
 */
export function answerClientErrors(server: NodeHttpServer, audit: (code: string) => Promise<void>): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (error.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
      socket.destroy();
      return;
    }
    const refusal = (error.code && CLIENT_ERRORS[error.code]) || BAD_REQUEST;
    void audit(refusal.code);
    const body = JSON.stringify({
      jsonrpc: '2.0',
      id: null,
      error: { code: -32000, message: refusal.message, data: { code: refusal.code } },
    });
    socket.write(
      `HTTP/1.1 ${refusal.status} ${refusal.reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      () => socket.destroy(),
    );
  });
}
