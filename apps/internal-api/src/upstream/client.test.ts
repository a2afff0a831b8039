import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServiceClient } from './client.ts';

// Retries only where repeating is safe, against a real HTTP server that always answers 503.
let hits = 0;
const server = createServer((_req, res) => {
  hits++;
  res.writeHead(503).end();
});
let base: URL;
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`);
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const client = () =>
  new ServiceClient({
    name: 'x',
    baseUrl: base,
    credentials: { header: undefined, apply: async () => {} },
    timeoutMs: 2000,
    maxResponseBytes: 1024,
    retries: 2,
    followRedirects: false,
    retryBaseMs: 1,
  });

describe('ServiceClient retries', () => {
  it('repeats a GET, never a POST without an idempotency key, and a POST with one', async () => {
    const signal = new AbortController().signal;
    hits = 0;
    expect(
      (await client().send({ method: 'get', url: new URL(`${base}/a`), headers: {} }, signal)).status,
    ).toBe(503);
    expect(hits).toBe(3);
    hits = 0;
    await client().send({ method: 'post', url: new URL(`${base}/a`), headers: {}, body: '{}' }, signal);
    expect(hits).toBe(1);
    hits = 0;
    await client().send({ method: 'post', url: new URL(`${base}/a`), headers: {}, body: '{}' }, signal, true);
    expect(hits).toBe(3);
  });
});
