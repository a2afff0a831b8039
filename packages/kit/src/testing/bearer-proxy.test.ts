import { createServer, type IncomingHttpHeaders, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BearerProxy, startBearerProxy } from './bearer-proxy.ts';

// An upstream that echoes what it received, and streams an SSE answer in two parts for /stream.
let seen: { method?: string; url?: string; headers: IncomingHttpHeaders; body: string }[] = [];
const upstream = createServer((req, res) => {
  let body = '';
  req.on('data', (c) => {
    body += c;
  });
  req.on('end', () => {
    seen.push({ method: req.method, url: req.url, headers: req.headers, body });
    if (req.url === '/stream') {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: one\n\n');
      setTimeout(() => res.end('data: two\n\n'), 20);
      return;
    }
    res.writeHead(403, { 'content-type': 'application/json', 'x-upstream': 'yes' });
    res.end('{"refused":true}');
  });
});
let proxy: BearerProxy;

beforeAll(async () => {
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  const { port } = upstream.address() as AddressInfo;
  proxy = await startBearerProxy(`http://127.0.0.1:${port}/mcp`, 'k-123');
});
afterAll(async () => {
  await proxy.close();
  await new Promise((resolve) => upstream.close(resolve));
});

/** A raw request with an exact Host header (fetch would not let a test choose it). */
function send(path: string, headers: Record<string, string>, body?: string) {
  const { port } = new URL(proxy.url);
  return new Promise<{ status?: number; headers: IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: body ? 'POST' : 'GET', headers }, (res) => {
      let text = '';
      res.on('data', (c) => {
        text += c;
      });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('startBearerProxy', () => {
  it('points at the same path on its own loopback port', () => {
    expect(proxy.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
  });

  it('adds the key and forwards method, path, Host, Origin and body as sent; the answer comes back as is', async () => {
    seen = [];
    const answer = await send(
      '/mcp?x=1',
      { host: 'evil.example:80', origin: 'http://evil.example', authorization: 'Bearer theirs' },
      '{"jsonrpc":"2.0"}',
    );
    expect(seen).toEqual([
      {
        method: 'POST',
        url: '/mcp?x=1',
        headers: expect.objectContaining({
          host: 'evil.example:80',
          origin: 'http://evil.example',
          authorization: 'Bearer k-123',
        }),
        body: '{"jsonrpc":"2.0"}',
      },
    ]);
    expect(answer).toMatchObject({ status: 403, body: '{"refused":true}', headers: { 'x-upstream': 'yes' } });
  });

  it('streams an SSE answer through', async () => {
    const answer = await send('/stream', { host: 'localhost' });
    expect(answer.headers['content-type']).toBe('text/event-stream');
    expect(answer.body).toBe('data: one\n\ndata: two\n\n');
  });
});
