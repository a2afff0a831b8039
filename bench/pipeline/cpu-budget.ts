// Where a call's time goes, in CPU time (process.cpuUsage) rather than wall time: on a shared machine CPU time
// per call moves far less with the neighbours' load than calls per second do. Two numbers, one process: the SDK's
// own round trip (official client + low-level Server answering a fixed result) and the same round trip with the
// kit's whole pipeline answering; the difference is what the kit costs. The in-memory aim (kit >= 85% of a bare
// McpServer, which costs about the floor) leaves the kit about 0.18 x the floor.
import { connectInMemory } from '@gatehouse/kit/testing';
import { Client, InMemoryTransport } from '@modelcontextprotocol/client';
import { Server } from '@modelcontextprotocol/server';
import { echoDefinition, echoKit } from './echo-server.ts';

const ARGS = { name: 'echo', arguments: { text: 'hello' } };
const IDENTITY = { actor: 'bench', roles: ['bench'], scopes: [], via: 'stdio' as const };

async function cpuPerCall(call: () => Promise<unknown>, n: number): Promise<number> {
  const before = process.cpuUsage();
  for (let i = 0; i < n; i++) await call();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / n;
}

async function sdkFloorClient(): Promise<Client> {
  const server = new Server({ name: 'floor', version: '0.0.0' }, { capabilities: { tools: {} } });
  const answer = {
    content: [{ type: 'text' as const, text: 'text: hello' }],
    structuredContent: { text: 'hello' },
  };
  server.setRequestHandler('tools/call', async () => answer);
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const client = new Client({ name: 'bench', version: '1.0.0' });
  await client.connect(clientSide);
  return client;
}

export interface CpuBudget {
  /** µs of CPU per call: SDK client + server answering a fixed result. */
  readonly sdkRoundTrip: number;
  /** µs of CPU per call: the same with the kit's whole pipeline answering. */
  readonly kitRoundTrip: number;
}

export async function measureCpuBudget(rounds = 8, calls = 3000): Promise<CpuBudget> {
  const floor = await sdkFloorClient();
  const kit = await connectInMemory(echoDefinition, {
    kit: echoKit(),
    policy: undefined as never,
    identity: IDENTITY,
  });
  const sides = {
    sdkRoundTrip: () => floor.callTool(ARGS),
    kitRoundTrip: () => kit.client.callTool(ARGS),
  };
  for (const call of Object.values(sides)) await cpuPerCall(call, 5000); // JIT warm-up
  const best = { sdkRoundTrip: Infinity, kitRoundTrip: Infinity };
  for (let round = 0; round < rounds; round++) {
    for (const [key, call] of Object.entries(sides) as [keyof CpuBudget, () => Promise<unknown>][]) {
      best[key] = Math.min(best[key], await cpuPerCall(call, calls));
    }
  }
  await floor.close();
  await kit.close();
  return best;
}
