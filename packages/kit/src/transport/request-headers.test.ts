import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { mcpRequestHeaders } from './request-headers.ts';

/** A request as Node's parser hands it over: only `rawHeaders`; `headers` is built from them when first read. */
function request(rawHeaders: string[]): IncomingMessage {
  const req = new IncomingMessage(new Socket());
  req.rawHeaders = rawHeaders;
  return req;
}

describe('mcpRequestHeaders', () => {
  it('reads the headers /mcp decides on, in any case, and ignores the rest', () => {
    const req = request([
      'Host',
      '127.0.0.1:8080',
      'ORIGIN',
      'http://localhost:3000',
      'Authorization',
      'Bearer k',
      'Content-Type',
      'application/json',
      'Content-Length',
      '42',
      'MCP-Protocol-Version',
      '2025-06-18',
      'Mcp-Method',
      'tools/call',
      'Mcp-Name',
      'echo',
      'Accept',
      'application/json, text/event-stream',
      'X-Host',
      'evil.example',
    ]);
    expect(mcpRequestHeaders(req)).toEqual({
      host: '127.0.0.1:8080',
      origin: 'http://localhost:3000',
      authorization: 'Bearer k',
      contentType: 'application/json',
      contentLength: '42',
      protocolVersion: '2025-06-18',
      mcpMethod: 'tools/call',
      mcpName: 'echo',
    });
  });

  it('leaves absent headers undefined', () => {
    // toEqual counts a property holding undefined as absent: only the Host header was read.
    const headers = mcpRequestHeaders(request(['host', 'localhost']));
    expect(headers).toEqual({ host: 'localhost' });
    expect(Object.values(headers).filter((v) => v !== undefined)).toEqual(['localhost']);
  });

  it('agrees with Node whenever one of them comes twice (a second Host or Origin cannot slip past the guard)', () => {
    const cases: string[][] = [
      ['Host', 'localhost', 'host', 'evil.example'],
      ['Origin', 'http://localhost', 'Origin', 'http://evil.example'],
      ['Authorization', 'Bearer a', 'authorization', 'Bearer b'],
      ['mcp-protocol-version', '2025-06-18', 'MCP-Protocol-Version', '2026-07-28'],
      ['content-type', 'application/json', 'Content-Type', 'text/plain'],
      ['Mcp-Name', 'echo', 'mcp-name', 'drop_everything'],
    ];
    for (const raw of cases) {
      const ours = mcpRequestHeaders(request(raw));
      const node = request(raw).headers;
      expect(ours.host, raw.join()).toBe(node.host);
      expect(ours.origin, raw.join()).toBe(node.origin);
      expect(ours.authorization, raw.join()).toBe(node.authorization);
      expect(ours.contentType, raw.join()).toBe(node['content-type']);
      expect(ours.protocolVersion, raw.join()).toBe(node['mcp-protocol-version']);
      expect(ours.mcpName, raw.join()).toBe(node['mcp-name']);
    }
  });
});
