import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface BearerProxy {
  /** `target` with its origin replaced by the proxy's: what a client without credentials is pointed at. */
  readonly url: string;
  close(): Promise<void>;
}

// Per-hop headers (RFC 9110 §7.6.1): Node frames each hop itself, so they are not copied across.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection']);

/**
 * A loopback reverse proxy that adds `Authorization: Bearer <key>` to every request and forwards everything
 * else as sent (method, path, Host, Origin, body, streamed answers). It lets a client that has no way to send
 * credentials, such as the conformance suite's CLI, test a server that rightly requires them, without
 * weakening the server's authentication: the Host and Origin checks still see exactly what the client sent.
 */
export async function startBearerProxy(target: string, key: string): Promise<BearerProxy> {
  const upstream = new URL(target);
  const server = createServer((req, res) => {
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
    }
    headers.authorization = `Bearer ${key}`;
    const forward = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers,
        // Host is the client's, not the upstream's: the server's DNS-rebinding check must judge what was sent.
        setHost: false,
      },
      (answer) => {
        const back: Record<string, string | string[]> = {};
        for (const [name, value] of Object.entries(answer.headers)) {
          if (value !== undefined && !HOP_BY_HOP.has(name)) back[name] = value;
        }
        res.writeHead(answer.statusCode ?? 502, answer.statusMessage, back);
        // Flush the head at once: an SSE answer's first event may be a while coming.
        res.flushHeaders();
        answer.pipe(res);
      },
    );
    forward.on('error', (error) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`bearer proxy: ${error.message}`);
    });
    // A client that goes away mid-answer takes the upstream request with it (a held SSE stream, say).
    res.on('close', () => forward.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = new URL(target);
  url.host = `127.0.0.1:${port}`;
  return {
    url: url.toString(),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
