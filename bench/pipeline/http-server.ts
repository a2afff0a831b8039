// One HTTP server per process, so the load generator and the server never share a core's event loop.
// Usage: node http-server.ts kit|sdk|bare   (prints the URL on stdout when listening)
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createBearerAuthenticator, hashApiKey, serveHttp } from '@gatehouse/kit/operator';
import { toNodeHandler } from '@modelcontextprotocol/node';
import { createMcpHandler, McpServer } from '@modelcontextprotocol/server';
import { BENCH_KEY, echoKit, registerBareEcho } from './echo-server.ts';

const mode = process.argv[2];
// Exit normally on a signal so --cpu-prof can write its profile.
process.on('SIGINT', () => process.exit(0));
if (mode === 'kit') {
  // The authenticator production uses (runServer): bearer routing in front of the API keys.
  const authenticate = createBearerAuthenticator({
    apiKeys: [{ hash: hashApiKey(BENCH_KEY), actor: 'bench', scopes: [], roles: ['bench'] }],
  });
  const running = await serveHttp(echoKit(), {
    host: '127.0.0.1',
    port: 0,
    authenticate,
  });
  console.log(running.url);
} else {
  const fixed = JSON.stringify({
    jsonrpc: '2.0',
    id: 1,
    result: { content: [{ type: 'text', text: 'hello' }] },
  });
  const sdk = toNodeHandler(
    createMcpHandler(() => {
      const server = new McpServer({ name: 'bench', version: '0.0.0' });
      registerBareEcho(server);
      return server;
    }),
  );
  const server = createServer((req, res) => {
    if (mode === 'sdk') {
      void sdk(req, res);
      return;
    }
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(fixed) });
      res.end(fixed);
    });
  });
  server.listen(0, '127.0.0.1', () =>
    console.log(`http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`),
  );
}
