import { Client, InMemoryTransport, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import type { ServerDefinition } from '../contracts/define.ts';
import type { Identity } from '../identity.ts';
import { withFastLane } from '../protocol/fast-lane.ts';
import { createSdkServer } from '../protocol/sdk-server.ts';
import { createKitServer, type KitServer, type KitServerOptions } from '../server.ts';
import { type ApiKeyEntry, createApiKeyAuthenticator, hashApiKey } from '../transport/api-keys.ts';
import { type RunningHttpServer, serveHttp } from '../transport/http.ts';

export type ClientCapabilities = ConstructorParameters<typeof Client>[1] extends infer O
  ? O extends { capabilities?: infer C }
    ? C
    : never
  : never;

export interface InMemoryConnection {
  readonly client: Client;
  readonly kit: KitServer;
  /** Grants a pending approval as a person would out of band (`gatehouse approvals grant <id>`). */
  grant(approvalId: string, by?: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * The official SDK client connected to a kit server in memory (a 2025-era session, like stdio): the fastest
 * way to drive every pipeline step from a test.
 */
export async function connectInMemory(
  definition: ServerDefinition,
  options: KitServerOptions & {
    identity: Identity;
    clientCapabilities?: Record<string, unknown>;
    kit?: KitServer;
  },
): Promise<InMemoryConnection> {
  const kit = options.kit ?? createKitServer(definition, options);
  const server = createSdkServer(kit.gate, (s) => {
    const client = s.getClientVersion();
    return client
      ? { ...options.identity, client: { name: client.name, version: client.version } }
      : options.identity;
  });
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await server.connect(withFastLane(serverTransport, kit.gate, options.identity));
  const client = new Client(
    { name: 'gatehouse-test', version: '1.0.0' },
    { capabilities: (options.clientCapabilities ?? {}) as never },
  );
  await client.connect(clientTransport);
  return {
    client,
    kit,
    grant: (approvalId, by) => grantAsPerson(kit, approvalId, by),
    async close() {
      await client.close();
      await server.close();
    },
  };
}

async function grantAsPerson(kit: KitServer, approvalId: string, by = 'test-approver'): Promise<void> {
  await kit.gate.approvals.grant(approvalId, { by, via: 'cli' });
}

export interface HttpHarness {
  readonly url: string;
  readonly kit: KitServer;
  readonly http: RunningHttpServer;
  /** A connected SDK client authenticated with `key`. `era: 'modern'` negotiates the 2026-07-28 revision. */
  connect(
    key: string,
    options?: { era?: 'legacy' | 'modern'; capabilities?: Record<string, unknown> },
  ): Promise<Client>;
  /** Grants a pending approval as a person would out of band (`gatehouse approvals grant <id>`). */
  grant(approvalId: string, by?: string): Promise<void>;
  close(): Promise<void>;
}

/** A test key and its config entry: the entry holds only the hash, as real config does. */
export function testApiKey(
  actor: string,
  roles: readonly string[],
  scopes: readonly string[] = [],
): { key: string; entry: ApiKeyEntry } {
  const key = `gh_test_${actor.replace(/\W/g, '_')}_${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
  return { key, entry: { hash: hashApiKey(key), actor, roles, scopes } };
}

/** A kit server on a real loopback HTTP port, and SDK clients that talk to it over real HTTP. */
export async function startHttp(
  definition: ServerDefinition,
  options: KitServerOptions & {
    apiKeys: readonly ApiKeyEntry[];
    maxBodyBytes?: number;
    allowedOrigins?: readonly string[];
    drainTimeoutMs?: number;
    kit?: KitServer;
  },
): Promise<HttpHarness> {
  const kit = options.kit ?? createKitServer(definition, options);
  const authenticate = createApiKeyAuthenticator(options.apiKeys);
  const http = await serveHttp(kit, {
    host: '127.0.0.1',
    port: 0,
    authenticate: (req) => authenticate(req.headers.authorization),
    ...(options.maxBodyBytes ? { maxBodyBytes: options.maxBodyBytes } : {}),
    ...(options.allowedOrigins ? { allowedOrigins: options.allowedOrigins } : {}),
    ...(options.drainTimeoutMs ? { drainTimeoutMs: options.drainTimeoutMs } : {}),
  });
  const clients: Client[] = [];
  return {
    url: http.url,
    kit,
    http,
    async connect(key, connectOptions = {}) {
      const client = await connectHttpClient(http.url, key, connectOptions);
      clients.push(client);
      return client;
    },
    grant: (approvalId, by) => grantAsPerson(kit, approvalId, by),
    async close() {
      await Promise.all(clients.map((c) => c.close().catch(() => undefined)));
      await http.close();
    },
  };
}

/**
 * The official SDK client connected over Streamable HTTP to a server at `url` (one started by startHttp, or a
 * server process from startServerProcess), authenticated with `key`. Close it when done.
 */
export async function connectHttpClient(
  url: string,
  key: string,
  options: { era?: 'legacy' | 'modern'; capabilities?: Record<string, unknown> } = {},
): Promise<Client> {
  const client = new Client(
    { name: 'gatehouse-test', version: '1.0.0' },
    {
      capabilities: (options.capabilities ?? {}) as never,
      ...(options.era === 'modern' ? { versionNegotiation: { mode: { pin: '2026-07-28' } } } : {}),
    },
  );
  await client.connect(
    new StreamableHTTPClientTransport(new URL(url), {
      requestInit: { headers: { authorization: `Bearer ${key}` } },
    }),
  );
  return client;
}
