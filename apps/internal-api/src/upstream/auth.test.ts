import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@gatehouse/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentialsFor } from './auth.ts';

// OAuth 2.0 client credentials against a real token endpoint on loopback.
const issued: { authorization?: string; body: string }[] = [];
const tokenServer = createServer((req, res) => {
  let body = '';
  req.on('data', (c) => {
    body += c;
  });
  req.on('end', () => {
    issued.push({ authorization: req.headers.authorization, body });
    const ok = req.headers.authorization === `Basic ${Buffer.from('svc:s3cret').toString('base64')}`;
    res
      .writeHead(ok ? 200 : 401, { 'content-type': 'application/json' })
      .end(
        JSON.stringify(
          ok ? { access_token: `tok-${issued.length}`, expires_in: 3600 } : { error: 'invalid_client' },
        ),
      );
  });
});
let tokenUrl: string;
beforeAll(async () => {
  await new Promise<void>((resolve) => tokenServer.listen(0, '127.0.0.1', resolve));
  tokenUrl = `http://127.0.0.1:${(tokenServer.address() as AddressInfo).port}/token`;
});
afterAll(() => new Promise<void>((resolve) => tokenServer.close(() => resolve())));

const signal = new AbortController().signal;

describe('service credentials', () => {
  it('gets an OAuth 2.0 client-credentials token once and reuses it until it expires', async () => {
    const credentials = credentialsFor(
      {
        type: 'oauth2',
        tokenUrl,
        clientId: 'svc',
        clientSecret: { env: 'SVC_SECRET' },
        scopes: ['orders:read'],
      },
      'services[0].auth',
      { SVC_SECRET: 's3cret' },
    );
    const first: Record<string, string> = {};
    const second: Record<string, string> = {};
    await credentials.apply(first, signal);
    await credentials.apply(second, signal);
    expect(first.authorization).toBe('Bearer tok-1');
    expect(second.authorization).toBe('Bearer tok-1');
    expect(issued).toHaveLength(1);
    expect(new URLSearchParams(issued[0]?.body)).toEqual(
      new URLSearchParams({ grant_type: 'client_credentials', scope: 'orders:read' }),
    );
  });

  it('answers upstream_auth when the token endpoint refuses the client, without the secret in the message', async () => {
    const credentials = credentialsFor(
      { type: 'oauth2', tokenUrl, clientId: 'svc', clientSecret: { env: 'SVC_SECRET' }, scopes: [] },
      'services[0].auth',
      { SVC_SECRET: 'wrong-secret' },
    );
    const error = await credentials.apply({}, signal).catch((e: unknown) => e as Error & { code: string });
    expect(error).toMatchObject({ code: 'upstream_auth' });
    expect(String((error as Error).message)).not.toContain('wrong-secret');
  });

  it('reads an API key from a file, and names the setting when a secret is missing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'internal-api-secret-'));
    try {
      writeFileSync(join(dir, 'key'), 'k-123\n');
      const credentials = credentialsFor(
        { type: 'apiKey', header: 'X-Api-Key', secret: { file: join(dir, 'key') } },
        'services[1].auth',
      );
      const headers: Record<string, string> = {};
      void credentials.apply(headers, signal);
      expect(headers['x-api-key']).toBe('k-123');
      expect(credentials.header).toBe('x-api-key');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(() =>
      credentialsFor({ type: 'bearer', secret: { file: '/nonexistent/token' } }, 'services[2].auth'),
    ).toThrow(ConfigError);
    expect(() =>
      credentialsFor({ type: 'bearer', secret: { env: 'NOPE_X' } }, 'services[2].auth', {}),
    ).toThrow(/services\[2\]\.auth\.secret\.env: environment variable NOPE_X is not set/);
  });
});
