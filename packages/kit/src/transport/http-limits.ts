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

/**
 * Whether a JSON text nests deeper than `max` arrays/objects, read from the text (valid JSON: call it after
 * `JSON.parse` accepted the text) rather than by walking the parsed value: no allocation, strings skipped with
 * `indexOf`, and a text too short to hold `max + 1` levels is not read at all (the usual small request).
 */
export function jsonNestsDeeperThan(text: string, max: number): boolean {
  if (text.length < 2 * (max + 1)) return false;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      i = closingQuote(text, i);
      if (i === -1) return false; // not JSON: the parser refuses it
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > max) return true;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      depth--;
    }
  }
  return false;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/**
 * Where the string opened at `open` ends: the next quote not escaped, i.e. preceded by an even run of backslashes.
 * Each run is counted once (it belongs to the quote after it), so a whole text is read in linear time.
 */
function closingQuote(text: string, open: number): number {
  let end = open;
  for (;;) {
    end = text.indexOf('"', end + 1);
    if (end === -1) return -1;
    let backslashes = 0;
    while (text.charCodeAt(end - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return end;
  }
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
