// The embedded demo service: a real HTTP API on loopback (node:http) implementing examples/internal-api/openapi.yaml,
// so `pnpm start` with no configuration and the tests both talk HTTP to something that behaves like a team's
// internal API: it checks its own API key, answers 404/409/422 with problem JSON, and honours idempotency keys.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { type DemoData, demoData } from './data.ts';

export const DEMO_SPEC_FILE = fileURLToPath(
  new URL('../../../../examples/internal-api/openapi.yaml', import.meta.url),
);
export const DEMO_KEY_HEADER = 'x-api-key';
/** The demo tools' committed contract snapshots: what start-up compares the generated tools with. */
export const DEMO_CONTRACTS_DIR = fileURLToPath(new URL('../../contracts', import.meta.url));

export interface DemoService {
  /** The API's base URL (ends in /v1). */
  readonly baseUrl: string;
  /** The key the service expects in `x-api-key`. */
  readonly apiKey: string;
  readonly data: DemoData;
  /** Every request the service received: method, URL and headers (tests check what reached the upstream). */
  readonly requests: { method: string; url: string; headers: IncomingMessage['headers'] }[];
  close(): Promise<void>;
}

export async function startDemoService(
  options: { apiKey?: string; port?: number } = {},
): Promise<DemoService> {
  const apiKey = options.apiKey ?? randomBytes(18).toString('base64url');
  const data = demoData();
  const requests: DemoService['requests'] = [];
  const spec = readFileSync(DEMO_SPEC_FILE, 'utf8');
  const server = createServer((req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    handle(req, res, data, apiKey, spec).catch(() => send(res, 500, { title: 'Internal error' }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    apiKey,
    data,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function send(res: ServerResponse, status: number, body?: unknown): void {
  if (body === undefined) {
    res.writeHead(status).end();
    return;
  }
  const type = status >= 400 ? 'application/problem+json' : 'application/json';
  res.writeHead(status, { 'content-type': type }).end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  let text = '';
  for await (const chunk of req) {
    text += chunk;
    if (text.length > 65_536) return undefined;
  }
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  data: DemoData,
  apiKey: string,
  spec: string,
) {
  const url = new URL(req.url ?? '/', 'http://demo');
  const method = req.method ?? 'GET';
  if (method === 'GET' && url.pathname === '/v1/openapi.yaml') {
    res.writeHead(200, { 'content-type': 'application/yaml' }).end(spec);
    return;
  }
  if (req.headers[DEMO_KEY_HEADER] !== apiKey) return send(res, 401, { title: 'Missing or wrong API key' });
  const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] !== 'v1') return send(res, 404, { title: 'Not found' });
  const [, collection, id, sub] = parts;
  const customer = data.customers.find((c) => String(c.id) === id);
  const order = data.orders.find((o) => String(o.id) === id);
  const flag = data.flags.find((f) => f.key === id);

  if (collection === 'customers' && id === 'export' && method === 'GET')
    return send(res, 200, data.customers);
  if (collection === 'customers' && method === 'GET' && id && !sub) {
    return customer ? send(res, 200, customer) : send(res, 404, { title: 'No such customer' });
  }
  if (collection === 'customers' && method === 'DELETE' && id && !sub) {
    data.customers = data.customers.filter((c) => c !== customer);
    return send(res, customer ? 204 : 404);
  }
  if (collection === 'customers' && sub === 'subscriptions' && method === 'GET') {
    if (!customer) return send(res, 404, { title: 'No such customer' });
    return send(
      res,
      200,
      data.subscriptions.filter((s) => s.customerId === customer.id),
    );
  }
  if (collection === 'customers' && sub === 'events' && method === 'GET') {
    if (!customer) return send(res, 404, { title: 'No such customer' });
    const limit = Number(url.searchParams.get('limit') ?? 20);
    const events = data.events.filter((e) => e.customerId === customer.id).slice(0, limit);
    return send(
      res,
      200,
      events.map(({ at, type, summary }) => ({ at, type, summary })),
    );
  }
  if (collection === 'orders' && !id && method === 'GET') {
    const customerId = url.searchParams.get('customerId');
    const status = url.searchParams.get('status');
    const limit = Number(url.searchParams.get('limit') ?? 20);
    const found = data.orders
      .filter(
        (o) =>
          (customerId === null || String(o.customerId) === customerId) &&
          (status === null || o.status === status),
      )
      .sort((a, b) => b.placedAt.localeCompare(a.placedAt));
    return send(res, 200, { orders: found.slice(0, limit), total: found.length });
  }
  if (collection === 'orders' && sub === 'status' && method === 'GET') {
    if (!order) return send(res, 404, { title: 'No such order' });
    const { id: orderId, status, placedAt, shippedAt, carrier } = order;
    return send(res, 200, { id: orderId, status, placedAt, shippedAt, carrier });
  }
  if (collection === 'orders' && sub === 'refunds' && method === 'POST') {
    if (!order) return send(res, 404, { title: 'No such order' });
    const key = String(req.headers['idempotency-key'] ?? '');
    if (!key) return send(res, 422, { title: 'Idempotency-Key header is required' });
    const seen = data.refunds.find((r) => r.idempotencyKey === key);
    if (seen) return send(res, 201, seen);
    const body = await readJson(req);
    const amount = body?.amountCents;
    if (typeof amount !== 'number' || amount < 1)
      return send(res, 422, { title: 'amountCents must be a positive integer' });
    if (order.status !== 'paid' && order.status !== 'shipped') {
      return send(res, 409, { title: `Order ${order.id} is ${order.status} and cannot be refunded` });
    }
    if (amount > order.totalCents) return send(res, 422, { title: 'Refund exceeds the order total' });
    const refund = {
      id: 9000 + data.refunds.length + 1,
      orderId: order.id,
      amountCents: amount,
      reason: String(body?.reason ?? 'goodwill'),
      status: 'succeeded' as const,
      createdAt: new Date().toISOString(),
      idempotencyKey: key,
    };
    data.refunds.push(refund);
    if (amount === order.totalCents) order.status = 'refunded';
    const { idempotencyKey: _hidden, ...shown } = refund;
    return send(res, 201, shown);
  }
  if (collection === 'flags' && !id && method === 'GET') return send(res, 200, data.flags);
  if (collection === 'flags' && id && method === 'PUT') {
    const body = await readJson(req);
    if (typeof body?.enabled !== 'boolean') return send(res, 422, { title: 'enabled must be true or false' });
    const next = flag ?? { key: id, enabled: false, rolloutPercent: 0, description: '', updatedAt: '' };
    next.enabled = body.enabled;
    if (typeof body.rolloutPercent === 'number') next.rolloutPercent = body.rolloutPercent;
    next.updatedAt = new Date().toISOString();
    if (!flag) data.flags.push(next);
    return send(res, 200, next);
  }
  if (collection === 'flags' && id && method === 'DELETE') {
    if (!flag) return send(res, 404, { title: 'No such flag' });
    data.flags = data.flags.filter((f) => f !== flag);
    return send(res, 204);
  }
  return send(res, 404, { title: 'Not found' });
}
