import type { IncomingMessage } from 'node:http';

/** The headers the MCP endpoint decides on. */
export interface McpRequestHeaders {
  readonly host: string | undefined;
  readonly origin: string | undefined;
  readonly authorization: string | undefined;
  readonly contentType: string | undefined;
  readonly contentLength: string | undefined;
  readonly protocolVersion: string | undefined;
  /** `Mcp-Method` and `Mcp-Name` (2026-07-28): what the body asks, repeated for intermediaries. */
  readonly mcpMethod: string | undefined;
  readonly mcpName: string | undefined;
}

// Lower-case names, by length first: most header names are rejected on their length alone.
const WANTED: Readonly<Record<string, keyof McpRequestHeaders>> = {
  host: 'host',
  origin: 'origin',
  authorization: 'authorization',
  'content-type': 'contentType',
  'content-length': 'contentLength',
  'mcp-protocol-version': 'protocolVersion',
  'mcp-method': 'mcpMethod',
  'mcp-name': 'mcpName',
};
const WANTED_LENGTHS = new Set(Object.keys(WANTED).map((name) => name.length));

/**
 * The headers `/mcp` reads, straight from `rawHeaders`. Node builds `req.headers` (every header, each name
 * lower-cased and checked for duplicates) the first time it is read; a request answered on the fast path reads
 * only these, and that object is work a busy server does on every request for nothing. When one of the six
 * comes more than once, Node's own rules decide (some keep the first, some join the values): the answer is
 * then read from `req.headers`, so both ways always agree.
 */
export function mcpRequestHeaders(req: IncomingMessage): McpRequestHeaders {
  const raw = req.rawHeaders;
  const found: { -readonly [K in keyof McpRequestHeaders]: string | undefined } = {
    host: undefined,
    origin: undefined,
    authorization: undefined,
    contentType: undefined,
    contentLength: undefined,
    protocolVersion: undefined,
    mcpMethod: undefined,
    mcpName: undefined,
  };
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i] as string;
    if (!WANTED_LENGTHS.has(name.length)) continue;
    const field = WANTED[name] ?? WANTED[name.toLowerCase()];
    if (field === undefined) continue;
    if (found[field] !== undefined) return fromNode(req);
    found[field] = raw[i + 1] as string;
  }
  return found;
}

function fromNode(req: IncomingMessage): McpRequestHeaders {
  const { headers } = req;
  const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value.join(', ') : value);
  return {
    host: headers.host,
    origin: headers.origin,
    authorization: headers.authorization,
    contentType: headers['content-type'],
    contentLength: headers['content-length'],
    protocolVersion: single(headers['mcp-protocol-version']),
    mcpMethod: single(headers['mcp-method']),
    mcpName: single(headers['mcp-name']),
  };
}
