// A purpose-built HTTP service on loopback for the boundary tests (test/fixtures/lab-api.yaml): it echoes what it
// received, redirects on request, answers too much or never, fails a set number of times. Every request it gets is
// recorded, so a test can show what did (and did not) reach an upstream.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

export const LAB_SPEC = fileURLToPath(new URL('fixtures/lab-api.yaml', import.meta.url));

export interface Lab {
  readonly origin: string;
  readonly baseUrl: string;
  readonly requests: { method: string; url: string; headers: IncomingMessage['headers'] }[];
  /** Where /redirect/away points (another origin). */
  awayUrl: string;
  /** How many more times /flaky answers 503. */
  failures: number;
  close(): Promise<void>;
}

export async function startLab(host = '127.0.0.1'): Promise<Lab> {
  const lab: Lab = {
    origin: '',
    baseUrl: '',
    requests: [],
    awayUrl: 'http://127.0.0.1:9/elsewhere',
    failures: 0,
    close: async () => {},
  };
  const server: Server = createServer((req, res) => {
    lab.requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    const url = new URL(req.url ?? '/', 'http://lab');
    const json = (status: number, body: unknown) =>
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    const echo = () =>
      json(200, {
        method: req.method,
        url: req.url,
        query: Object.fromEntries(
          [...new Set(url.searchParams.keys())].map((k) => [k, url.searchParams.getAll(k)]),
        ),
        authorization: req.headers.authorization ?? null,
        trace: (req.headers['x-trace'] as string | undefined) ?? null,
      });
    const path = url.pathname;
    if (path === '/v1/redirect/away') return res.writeHead(302, { location: lab.awayUrl }).end();
    if (path === '/v1/redirect/home') return res.writeHead(302, { location: '/v1/whoami' }).end();
    if (path === '/v1/redirect/outside-base') return res.writeHead(302, { location: '/admin/secrets' }).end();
    if (path === '/v1/big') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ payload: 'x'.repeat(3 * 1024 * 1024) }));
      return;
    }
    if (path === '/v1/slow') return; // never answers
    if (path === '/v1/flaky' && lab.failures > 0) {
      lab.failures--;
      return json(503, { title: 'busy' });
    }
    if (path === '/v1/tree') {
      return json(200, { name: 'root', children: [{ name: 'a', children: [{ name: 'a1', children: [] }] }] });
    }
    return echo();
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  Object.assign(lab, {
    origin: `http://${host}:${port}`,
    baseUrl: `http://${host}:${port}/v1`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
  return lab;
}
