import {
  connectInMemory,
  createMemoryAuditSink,
  errorCodeOf,
  structuredOf,
  textOf,
} from '@gatehouse/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InternalApiSettingsSchema } from '../src/config.ts';
import { internalApiServer } from '../src/server.ts';
import { loadServices } from '../src/services.ts';
import { policy, reader } from './demo-harness.ts';
import { LAB_SPEC, type Lab, startLab } from './lab.ts';

// The base URL is the boundary: these calls try to leave it (traversal, smuggled query and header text, redirects
// to another host or path, an answer too large or too slow) through the kit's pipeline and the official SDK client,
// against a real HTTP service on loopback that records every request it gets.

let lab: Lab;
let other: Lab;
beforeAll(async () => {
  lab = await startLab();
  other = await startLab();
});
afterAll(async () => {
  await lab.close();
  await other.close();
});

async function connect(overrides: Record<string, unknown> = {}) {
  const settings = InternalApiSettingsSchema.parse({
    services: [
      {
        name: 'lab',
        spec: LAB_SPEC,
        baseUrl: lab.baseUrl,
        auth: { type: 'bearer', secret: { env: 'LAB_TOKEN' } },
        allow: ['* /**'],
        timeoutMs: 10_000,
        maxResponseBytes: 1024 * 1024,
        operations: { search: { fields: ['query', 'trace'] } },
        ...overrides,
      },
    ],
  });
  const loaded = await loadServices(settings, { env: { LAB_TOKEN: 'lab-service-token' } });
  const connection = await connectInMemory(internalApiServer(loaded), {
    policy,
    identity: reader,
    audit: createMemoryAuditSink(),
    boundaries: loaded.boundaries,
  });
  return { ...connection, loaded };
}

describe('path parameters stay inside their segment', () => {
  it.each([
    ['../admin', '/v1/files/..%2Fadmin'],
    ['a/b', '/v1/files/a%2Fb'],
    ['%2e%2e', '/v1/files/%252e%252e'],
    ['x?admin=1#frag', '/v1/files/x%3Fadmin%3D1%23frag'],
    ['..\\admin', '/v1/files/..%5Cadmin'],
  ])('sends %j as one encoded segment', async (name, expected) => {
    const { client, close } = await connect();
    try {
      const result = await client.callTool({ name: 'get_file', arguments: { name } });
      expect(structuredOf<{ url: string }>(result).url).toBe(expected);
    } finally {
      await close();
    }
  });

  it.each(['..', '.'])('refuses the dot segment %j without sending anything', async (name) => {
    const { client, close } = await connect();
    const before = lab.requests.length;
    try {
      const result = await client.callTool({ name: 'get_file', arguments: { name } });
      expect(errorCodeOf(result)).toBe('invalid_input');
      expect(textOf(result)).toContain('name');
      expect(lab.requests.length).toBe(before);
    } finally {
      await close();
    }
  });
});

describe('query and header values cannot add anything', () => {
  it('keeps a query value with & and = as one value of its own parameter', async () => {
    const { client, close } = await connect();
    try {
      const result = await client.callTool({
        name: 'search',
        arguments: { q: 'a&admin=true', tags: ['x', 'y=z'] },
      });
      expect(structuredOf<{ query: unknown }>(result).query).toEqual({
        q: ['a&admin=true'],
        tags: ['x', 'y=z'],
      });
    } finally {
      await close();
    }
  });

  it('refuses a header value with a line break (header injection), sending nothing', async () => {
    const { client, close } = await connect();
    const before = lab.requests.length;
    try {
      const result = await client.callTool({
        name: 'search',
        arguments: { q: 'a', X_Trace: 'ok\r\nAuthorization: Bearer stolen' },
      });
      expect(errorCodeOf(result)).toBe('invalid_input');
      expect(textOf(result)).toContain('X_Trace');
      expect(lab.requests.length).toBe(before);
      const fine = await client.callTool({ name: 'search', arguments: { q: 'a', X_Trace: 'trace-1' } });
      expect(structuredOf<{ trace: string }>(fine).trace).toBe('trace-1');
    } finally {
      await close();
    }
  });
});

describe('redirects never leave the base URL', () => {
  it('refuses a redirect to another host; that host gets no request', async () => {
    lab.awayUrl = `${other.baseUrl}/whoami`;
    const { client, close } = await connect({ followRedirects: true });
    try {
      const result = await client.callTool({ name: 'redirect', arguments: { where: 'away' } });
      expect(errorCodeOf(result)).toBe('upstream_redirect');
      expect(textOf(result)).toContain('outside the service');
      expect(other.requests).toHaveLength(0);
    } finally {
      await close();
    }
  });

  it('follows a redirect on the base URL only when the operator allows it', async () => {
    const off = await connect();
    try {
      const refused = await off.client.callTool({ name: 'redirect', arguments: { where: 'home' } });
      expect(errorCodeOf(refused)).toBe('upstream_redirect');
    } finally {
      await off.close();
    }
    const on = await connect({ followRedirects: true });
    try {
      const followed = await on.client.callTool({ name: 'redirect', arguments: { where: 'home' } });
      expect(structuredOf<{ url: string }>(followed).url).toBe('/v1/whoami');
      const outside = await on.client.callTool({ name: 'redirect', arguments: { where: 'outside-base' } });
      expect(errorCodeOf(outside)).toBe('upstream_redirect');
      expect(lab.requests.some((r) => r.url.startsWith('/admin'))).toBe(false);
    } finally {
      await on.close();
    }
  });
});

describe('limits', () => {
  it('stops reading an answer past maxResponseBytes', async () => {
    const { client, close } = await connect();
    try {
      const result = await client.callTool({ name: 'big', arguments: {} });
      expect(errorCodeOf(result)).toBe('upstream_too_large');
    } finally {
      await close();
    }
  });

  it('gives up on a service that does not answer within timeoutMs', async () => {
    const { client, close } = await connect({ retries: 0, timeoutMs: 500 });
    try {
      const result = await client.callTool({ name: 'slow', arguments: {} });
      expect(errorCodeOf(result)).toBe('upstream_unavailable');
      expect(textOf(result)).toContain('500 ms');
    } finally {
      await close();
    }
  });

  it('retries a read that met 503, and answers once it succeeds', async () => {
    const { client, close } = await connect({ retries: 2 });
    try {
      lab.failures = 2;
      const before = lab.requests.length;
      const result = await client.callTool({ name: 'flaky_read', arguments: {} });
      expect(structuredOf<{ method: string }>(result).method).toBe('GET');
      expect(lab.requests.length - before).toBe(3);
    } finally {
      await close();
    }
  });
});

describe('credentials and documents', () => {
  it("sends the service's own bearer token, which the kit redacts if the service echoes it", async () => {
    const { client, close } = await connect();
    try {
      const result = await client.callTool({ name: 'whoami', arguments: {} });
      expect(lab.requests.at(-1)?.headers.authorization).toBe('Bearer lab-service-token');
      expect(structuredOf<{ authorization: string }>(result).authorization).toMatch(/^\[REDACTED/);
      expect(JSON.stringify(result)).not.toContain('lab-service-token');
    } finally {
      await close();
    }
  });

  it('reports at start, with the reason, every allowed operation that cannot become a valid tool', async () => {
    const { loaded, client, close } = await connect();
    try {
      expect(loaded.notices).toEqual([
        expect.stringMatching(/POST \/upload \(upload\) is not served: request body is not JSON/),
        expect.stringMatching(/GET \/session \(session\) is not served: parameter "sid": cookie parameters/),
        expect.stringMatching(
          /GET \/bad-pattern \(badPattern\) is not served: pattern .* is not a valid regular/,
        ),
      ]);
      const names = (await client.listTools()).tools.map((t) => t.name);
      expect(names).not.toContain('upload');
      expect(names).toContain('get_tree');
    } finally {
      await close();
    }
  });

  it('bounds a recursive schema and still answers', async () => {
    const { client, close } = await connect({ operations: { getTree: { fields: ['name', 'children'] } } });
    try {
      const result = await client.callTool({ name: 'get_tree', arguments: {} });
      expect(structuredOf<{ name: string; children: { name: string }[] }>(result).children[0]?.name).toBe(
        'a',
      );
    } finally {
      await close();
    }
  });
});
